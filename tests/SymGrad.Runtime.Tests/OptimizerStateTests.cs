using System;
using System.IO;
using System.Linq;
using SymGrad.Runtime.Tests.Infrastructure;
using Xunit;

namespace SymGrad.Runtime.Tests;

/// <summary>
/// Saving and restoring optimizer and scheduler state: resuming is bit-identical to never stopping, an interrupted save
/// leaves the previous file loadable, and a file of another version or layout, or a damaged one, is rejected with a
/// clear message and changes nothing.
/// </summary>
public sealed class OptimizerStateTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("symgrad-state-").FullName;

    public static TheoryData<string, int> ResumeCases
    {
        get
        {
            var data = new TheoryData<string, int>();
            foreach (var c in OptimizerFixtures.Optimizers)
            {
                data.Add(c.Id, 5);
                data.Add(c.Id, 17);
            }

            return data;
        }
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Theory]
    [MemberData(nameof(ResumeCases))]
    public void ResumingEqualsNeverStopping(string id, int stopAfter)
    {
        var c = OptimizerFixtures.Optimizers.Single(x => x.Id == id);
        if (c.Dtype == "float64")
        {
            Resume<double>(c, stopAfter);
        }
        else
        {
            Resume<float>(c, stopAfter);
        }
    }

    [Fact]
    public void AnInterruptedSaveLeavesThePreviousCheckpoint()
    {
        var (run, scheduler) = Started(OptimizerFixtures.Optimizers.First(c => c.Optimizer == "Adam"), 12);
        var path = Path.Combine(directory, "checkpoint.bin");
        OptimizerState.Save(path, run.Optimizer, scheduler);
        var saved = File.ReadAllBytes(path);
        run.Step();
        scheduler.Step();

        Assert.Throws<IOException>(() => AtomicFile.Write(path, stream =>
        {
            OptimizerState.Save(stream, run.Optimizer, scheduler);
            stream.SetLength(stream.Length / 2);
            throw new IOException("disk full");
        }));

        Assert.Equal(saved, File.ReadAllBytes(path));
        Assert.Equal(["checkpoint.bin"], Directory.GetFiles(directory).Select(Path.GetFileName));
        var (fresh, freshScheduler) = Started(OptimizerFixtures.Optimizers.First(c => c.Optimizer == "Adam"), 0);
        fresh.TakeParameters(run);
        OptimizerState.Load(path, fresh.Optimizer, freshScheduler);
        Assert.Equal(12, freshScheduler.LastEpoch);
    }

    [Fact]
    public void ASaveReplacesTheFileWhole()
    {
        var (run, scheduler) = Started(OptimizerFixtures.Optimizers.First(c => c.Optimizer == "RmsProp"), 3);
        var path = Path.Combine(directory, "checkpoint.bin");
        File.WriteAllBytes(path, new byte[100_000]);
        OptimizerState.Save(path, run.Optimizer, scheduler);
        var expected = new MemoryStream();
        OptimizerState.Save(expected, run.Optimizer, scheduler);
        Assert.Equal(expected.ToArray(), File.ReadAllBytes(path));
    }

    [Theory]
    [InlineData("truncated", "truncated")]
    [InlineData("flipped", "checksum")]
    [InlineData("version", "format version 2")]
    [InlineData("magic", "Not a SymGrad state file")]
    [InlineData("empty", "Not a SymGrad state file")]
    [InlineData("trailing", "trailing bytes")]
    public void ADamagedFileIsRejectedAndChangesNothing(string damage, string message)
    {
        var (run, scheduler) = Started(OptimizerFixtures.Optimizers.First(c => c.Optimizer == "Sgd" && c.Id.Contains("momentum")), 12);
        var bytes = Saved(run.Optimizer, scheduler);
        switch (damage)
        {
            case "truncated": bytes = bytes[..(bytes.Length - 7)]; break;
            case "flipped": bytes[bytes.Length / 2] ^= 0x10; break;
            case "version": bytes[8] = 2; break;
            case "magic": bytes[0] = (byte)'X'; break;
            case "empty": bytes = []; break;
            case "trailing": bytes = [.. bytes, 0]; break;
        }

        var (other, otherScheduler) = Started(OptimizerFixtures.Optimizers.First(c => c.Optimizer == "Sgd" && c.Id.Contains("momentum")), 15);
        AssertRejected(bytes, other.Optimizer, otherScheduler, message);
    }

    [Fact]
    public void AnotherLayoutIsRejectedAndChangesNothing()
    {
        var adam = OptimizerFixtures.Optimizers.First(c => c.Optimizer == "Adam" && c.Dtype == "float64");
        var (run, scheduler) = Started(adam, 12);
        var bytes = Saved(run.Optimizer, scheduler);

        var (fewerGroups, s1) = Started(adam, 4);
        AssertRejected(bytes, fewerGroups.Optimizer, s1, "3 parameter groups, the optimizer 2");

        var (sgd, s2) = Started(OptimizerFixtures.Optimizers.First(c => c.Optimizer == "Sgd" && c.Dtype == "float64"), 12);
        AssertRejected(bytes, sgd.Optimizer, s2, "of Adam, not Sgd");

        var (single, s3) = Started<float>(OptimizerFixtures.Optimizers.First(c => c.Optimizer == "Adam" && c.Dtype == "float32"), 12);
        AssertRejected(bytes, single.Optimizer, s3, "8-byte elements");

        var longer = new Adam<double>([new Parameter<double>(new double[4])]);
        longer.AddParamGroup([new Parameter<double>(new double[2])]);
        var s4 = new ExponentialLR(longer, 0.9);
        longer.AddParamGroup([new Parameter<double>(new double[2])]);
        AssertRejected(bytes, longer, s4, "Parameter 0 of group 0");

        var (same, _) = Started(adam, 12);
        AssertRejected(bytes, same.Optimizer, new StepLR(same.Optimizer, 3), "ExponentialLR scheduler, not StepLR");
        AssertRejected(bytes, same.Optimizer, null, "pass it to restore it");
        AssertRejected(Saved(run.Optimizer, null), same.Optimizer, new ExponentialLR(same.Optimizer, 0.9), "holds no scheduler");
    }

    [Fact]
    public void TheFormatVersionIsOne() => Assert.Equal(1, OptimizerState.FormatVersion);

    [Fact]
    public void ArgumentsAreChecked()
    {
        var (run, scheduler) = Started(OptimizerFixtures.Optimizers.First(), 2);
        var (other, _) = Started(OptimizerFixtures.Optimizers.First(), 2);
        Assert.Equal("scheduler", Assert.Throws<ArgumentException>(() => OptimizerState.Save(new MemoryStream(), other.Optimizer, scheduler)).ParamName);
        Assert.Equal("scheduler", Assert.Throws<ArgumentException>(() => OptimizerState.Load(new MemoryStream(), other.Optimizer, scheduler)).ParamName);
        Assert.Equal("stream", Assert.Throws<ArgumentNullException>(() => OptimizerState.Save((Stream)null!, run.Optimizer)).ParamName);
        Assert.Equal("optimizer", Assert.Throws<ArgumentNullException>(() => OptimizerState.Save(new MemoryStream(), null!)).ParamName);
        Assert.Equal("path", Assert.Throws<ArgumentException>(() => OptimizerState.Save(string.Empty, run.Optimizer)).ParamName);
        Assert.Equal("path", Assert.Throws<ArgumentException>(() => OptimizerState.Load(string.Empty, run.Optimizer)).ParamName);
    }

    private static void Resume<T>(OptimizerCase c, int stopAfter)
        where T : System.Numerics.IFloatingPointIeee754<T>
    {
        var (uninterrupted, u) = Started<T>(c, c.Steps.Length);
        var (first, s1) = Started<T>(c, stopAfter);
        var bytes = Saved(first.Optimizer, s1);

        var (second, s2) = Started<T>(c, 0);
        second.TakeParameters(first);
        OptimizerState.Load(new MemoryStream(bytes), second.Optimizer, s2);
        Assert.Equal(bytes, Saved(second.Optimizer, s2));
        while (second.Steps < c.Steps.Length)
        {
            second.Step();
            s2.Step();
        }

        Assert.Equal(uninterrupted.Values, second.Values);
        Assert.Equal(Saved(uninterrupted.Optimizer, u), Saved(second.Optimizer, s2));
    }

    private static (OptimizerRun<double> Run, ExponentialLR Scheduler) Started(OptimizerCase c, int steps) => Started<double>(c, steps);

    /// <summary>A run of <paramref name="c"/> with an ExponentialLR over its first two groups, after <paramref name="steps"/> steps.</summary>
    private static (OptimizerRun<T> Run, ExponentialLR Scheduler) Started<T>(OptimizerCase c, int steps)
        where T : System.Numerics.IFloatingPointIeee754<T>
    {
        var run = new OptimizerRun<T>(c);
        var scheduler = new ExponentialLR(run.Optimizer, 0.95);
        for (var i = 0; i < steps; i++)
        {
            run.Step();
            scheduler.Step();
        }

        return (run, scheduler);
    }

    private static byte[] Saved(Optimizer optimizer, LRScheduler? scheduler)
    {
        var stream = new MemoryStream();
        OptimizerState.Save(stream, optimizer, scheduler);
        return stream.ToArray();
    }

    private static void AssertRejected(byte[] bytes, Optimizer optimizer, LRScheduler? scheduler, string message)
    {
        var before = Saved(optimizer, null);
        var epoch = scheduler?.LastEpoch;
        var lrs = scheduler?.LastLr.ToArray();
        var e = Assert.Throws<InvalidDataException>(() => OptimizerState.Load(new MemoryStream(bytes), optimizer, scheduler));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.Equal(before, Saved(optimizer, null));
        Assert.Equal(epoch, scheduler?.LastEpoch);
        Assert.Equal(lrs, scheduler?.LastLr.ToArray());
    }
}
