using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;

namespace SymGrad.Runtime.Tests;

/// <summary>
/// <see cref="MinibatchTrainer"/> on a seeded logistic regression: it learns, its result does not depend on the thread
/// count, resuming from a checkpoint equals never stopping, early stopping stops, progress arrives, and bad
/// checkpoints and arguments are rejected.
/// </summary>
public sealed class TrainingMinibatchTests : IDisposable
{
    private static readonly TrainingLogisticModel Model = new(examples: 600, seed: 7);
    private static readonly int[] TrainSet = [.. Enumerable.Range(0, 450)];
    private static readonly int[] ValidationSet = [.. Enumerable.Range(450, 150)];

    private readonly string directory = Directory.CreateTempSubdirectory("symgrad-training-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void LogisticRegressionTrainsToHighAccuracy()
    {
        var run = new Run(new TrainingOptions(epochs: 20, batchSize: 32, seed: 1));

        var result = run.Trainer.Train(TrainSet, ValidationSet);

        Assert.Equal(20, result.Epochs.Count);
        Assert.Equal(Enumerable.Range(1, 20), result.Epochs.Select(e => e.Epoch));
        Assert.False(result.StoppedEarly);
        var first = result.Epochs[0];
        var last = result.Epochs[^1];
        // ln 2 is the loss at the zero start; 5 % label noise keeps the optimum well above 0.
        Assert.True(last.TrainLoss < first.TrainLoss && last.TrainLoss < 0.6 * Math.Log(2), $"train loss {first.TrainLoss:R} → {last.TrainLoss:R}");
        Assert.True(last.ValidationAccuracy >= 0.9, $"validation accuracy {last.ValidationAccuracy:R}");
        Assert.True(last.TrainAccuracy >= 0.85, $"train accuracy {last.TrainAccuracy:R}");
        Assert.Equal(Mean(ValidationSet, run.Parameter.Value), last.ValidationLoss);
        Assert.Equal(ValidationSet.Count(e => Model.Correct(run.Parameter.Value, e)) / 150.0, last.ValidationAccuracy);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(16)]
    public void OneAndTwoThreadsGiveTheSameBits(int chunkSize)
    {
        var one = new Run(new TrainingOptions(epochs: 3, batchSize: 50, seed: 3, chunkSize: chunkSize, maxDegreeOfParallelism: 1));
        var two = new Run(new TrainingOptions(epochs: 3, batchSize: 50, seed: 3, chunkSize: chunkSize, maxDegreeOfParallelism: 2));
        var all = new Run(new TrainingOptions(epochs: 3, batchSize: 50, seed: 3, chunkSize: chunkSize, maxDegreeOfParallelism: -1));

        var a = one.Trainer.Train(TrainSet, ValidationSet);
        var b = two.Trainer.Train(TrainSet, ValidationSet);
        var c = all.Trainer.Train(TrainSet, ValidationSet);

        Assert.Equal(Bits(one.Parameter.Value), Bits(two.Parameter.Value));
        Assert.Equal(Bits(one.Parameter.Value), Bits(all.Parameter.Value));
        Assert.Equal(a.Epochs, b.Epochs);
        Assert.Equal(a.Epochs, c.Epochs);
    }

    [Fact]
    public void TheBatchGradientIsTheMeanOfTheExampleGradients()
    {
        var parameter = new Parameter<double>([0.1, -0.2, 0.3, 0.05]);
        var expected = new double[4];
        var g = new double[4];
        var batch = TrainSet.Take(7).ToArray();
        foreach (var e in batch)
        {
            Model.Loss(parameter.Value, e, g);
            for (var i = 0; i < 4; i++)
            {
                expected[i] += g[i] / batch.Length;
            }
        }

        var trainer = new MinibatchTrainer(parameter, new Sgd<double>([parameter], new SgdOptions(lr: 0)), Model.Loss, new TrainingOptions(epochs: 1, batchSize: 7, seed: 0, chunkSize: 3));
        trainer.Train(batch, []);

        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(expected[i], parameter.Grad[i], 1e-15);
        }
    }

    [Fact]
    public void EveryEpochShufflesDifferentlyAndTheSeedDecides()
    {
        var orders = new List<int[]>();
        var seen = new List<int>();
        var parameter = new Parameter<double>(new double[4]);
        double Recording(ReadOnlySpan<double> w, int e, Span<double> gradient)
        {
            lock (seen)
            {
                seen.Add(e);
            }

            return Model.Loss(w, e, gradient);
        }

        foreach (var seed in new[] { 5, 5, 6 })
        {
            seen.Clear();
            var trainer = new MinibatchTrainer(parameter, new Sgd<double>([parameter], new SgdOptions(lr: 0.01)), Recording, new TrainingOptions(epochs: 2, batchSize: 450, seed: seed, chunkSize: 450, maxDegreeOfParallelism: 1));
            trainer.Train(TrainSet, []);
            orders.Add([.. seen]);
        }

        Assert.Equal(orders[0], orders[1]);
        Assert.NotEqual(orders[0], orders[2]);
        Assert.NotEqual(orders[0][..450], orders[0][450..]);
        Assert.Equal(TrainSet, orders[0][..450].Order());
        Assert.Equal(TrainSet, orders[0][450..].Order());
    }

    [Fact]
    public void ResumingFromACheckpointEqualsNeverStopping()
    {
        var path = Path.Combine(directory, "resume.bin");
        var whole = new Run(new TrainingOptions(epochs: 9, batchSize: 40, seed: 11, maxDegreeOfParallelism: 2), withScheduler: true);
        var expected = whole.Trainer.Train(TrainSet, ValidationSet);

        var first = new Run(new TrainingOptions(epochs: 4, batchSize: 40, seed: 11, maxDegreeOfParallelism: 2, checkpointPath: path), withScheduler: true);
        first.Trainer.Train(TrainSet, ValidationSet);
        var second = new Run(new TrainingOptions(epochs: 9, batchSize: 40, seed: 11, maxDegreeOfParallelism: 1), withScheduler: true);
        second.Trainer.LoadCheckpoint(path);
        Assert.Equal(4, second.Trainer.Epoch);
        var resumed = second.Trainer.Train(TrainSet, ValidationSet);

        Assert.Equal(Bits(whole.Parameter.Value), Bits(second.Parameter.Value));
        Assert.Equal(expected.Epochs, resumed.Epochs);
        Assert.Equal(expected.BestEpoch, resumed.BestEpoch);
        Assert.True(expected.Epochs[^1].Lr < expected.Epochs[0].Lr);
    }

    [Fact]
    public void EarlyStoppingStopsAndRestoresTheBestParameters()
    {
        // Validation examples 600.. are the training distribution with flipped labels: the better the model, the worse they get.
        double Loss(ReadOnlySpan<double> w, int e, Span<double> g) => e < Model.Count ? Model.Loss(w, e, g) : Model.FlippedLoss(w, e - Model.Count, g);
        var flipped = ValidationSet.Select(e => e + Model.Count).ToArray();
        var parameter = new Parameter<double>(new double[4]);
        var stopping = new MinibatchTrainer(parameter, new Adam<double>([parameter], new AdamOptions(lr: 0.05)), Loss, new TrainingOptions(epochs: 50, batchSize: 32, seed: 2, patience: 3, restoreBest: true));
        var once = new Parameter<double>(new double[4]);
        new MinibatchTrainer(once, new Adam<double>([once], new AdamOptions(lr: 0.05)), Model.Loss, new TrainingOptions(epochs: 1, batchSize: 32, seed: 2)).Train(TrainSet, []);

        var result = stopping.Train(TrainSet, flipped);

        Assert.True(result.StoppedEarly);
        Assert.True(stopping.StoppedEarly);
        Assert.Equal(1, result.BestEpoch);
        Assert.Equal(4, result.Epochs.Count);
        Assert.All(result.Epochs.Skip(1), e => Assert.True(e.ValidationLoss > result.Epochs[0].ValidationLoss));
        Assert.Equal(Bits(once.Value), Bits(parameter.Value));
        Assert.Equal(4, stopping.Train(TrainSet, flipped).Epochs.Count);
        Assert.Equal(Bits(once.Value), Bits(parameter.Value));
    }

    [Fact]
    public void ReduceLROnPlateauStepsWithTheValidationLoss()
    {
        double Loss(ReadOnlySpan<double> w, int e, Span<double> g) => e < Model.Count ? Model.Loss(w, e, g) : Model.FlippedLoss(w, e - Model.Count, g);
        var parameter = new Parameter<double>(new double[4]);
        var adam = new Adam<double>([parameter], new AdamOptions(lr: 0.04));
        var plateau = new ReduceLROnPlateau(adam, factor: 0.5, patience: 0);
        var trainer = new MinibatchTrainer(parameter, adam, Loss, new TrainingOptions(epochs: 4, batchSize: 32, seed: 2), scheduler: plateau);

        var result = trainer.Train(TrainSet, [.. ValidationSet.Select(e => e + Model.Count)]);

        Assert.Equal([0.04, 0.04, 0.02, 0.01], result.Epochs.Select(e => e.Lr));
        Assert.Equal(0.005, adam.Groups[0].Lr);
        Assert.Equal(result.Epochs[0].ValidationLoss, plateau.Best);
    }

    [Fact]
    public void CancellationStopsBeforeTheNextBatch()
    {
        using var cancel = new System.Threading.CancellationTokenSource();
        var reports = new List<TrainingProgress>();
        var run = new Run(new TrainingOptions(epochs: 3, batchSize: 100, seed: 4));

        Assert.Throws<OperationCanceledException>(() => run.Trainer.Train(TrainSet, ValidationSet, new Recorder(reports, r =>
        {
            if (r.Batch == 2)
            {
                cancel.Cancel();
            }
        }), cancel.Token));

        Assert.Equal(2, reports.Count);
        Assert.Equal(0, run.Trainer.Epoch);
    }

    [Fact]
    public void ProgressArrivesAfterEveryBatch()
    {
        var reports = new List<TrainingProgress>();
        var run = new Run(new TrainingOptions(epochs: 2, batchSize: 100, seed: 4));

        run.Trainer.Train(TrainSet, ValidationSet, new Recorder(reports));

        Assert.Equal(
            [(1, 1), (1, 2), (1, 3), (1, 4), (1, 5), (2, 1), (2, 2), (2, 3), (2, 4), (2, 5)],
            reports.Select(r => (r.Epoch, r.Batch)));
        Assert.All(reports, r => Assert.Equal(5, r.Batches));
        Assert.All(reports, r => Assert.True(r.Loss > 0 && double.IsFinite(r.Loss)));
        var firstEpoch = reports.Take(5).Select((r, i) => r.Loss * Math.Min(100, 450 - (i * 100))).Sum() / 450;
        Assert.Equal(run.Trainer.History[0].TrainLoss, firstEpoch, 1e-14);
    }

    [Fact]
    public void AnInterruptedSaveLeavesThePreviousCheckpointLoadable()
    {
        var path = Path.Combine(directory, "checkpoint.bin");
        var run = new Run(new TrainingOptions(epochs: 2, batchSize: 64, seed: 8, checkpointPath: path));
        run.Trainer.Train(TrainSet, ValidationSet);
        var saved = File.ReadAllBytes(path);

        Assert.Throws<IOException>(() => AtomicFile.Write(path, stream =>
        {
            run.Trainer.SaveCheckpoint(stream);
            throw new IOException("The disk is full.");
        }));

        Assert.Equal(saved, File.ReadAllBytes(path));
        Assert.Equal(["checkpoint.bin"], Directory.GetFiles(directory).Select(Path.GetFileName));
        var fresh = new Run(new TrainingOptions(epochs: 2, batchSize: 64, seed: 8));
        fresh.Trainer.LoadCheckpoint(path);
        Assert.Equal(Bits(run.Parameter.Value), Bits(fresh.Parameter.Value));
    }

    [Fact]
    public void DamagedOrForeignCheckpointsAreRejectedAndChangeNothing()
    {
        var run = new Run(new TrainingOptions(epochs: 2, batchSize: 64, seed: 8));
        run.Trainer.Train(TrainSet, ValidationSet);
        var good = new MemoryStream();
        run.Trainer.SaveCheckpoint(good);
        var bytes = good.ToArray();

        var flipped = (byte[])bytes.Clone();
        flipped[40] ^= 1;
        var version = (byte[])bytes.Clone();
        version[8] = 2;
        var cases = new (byte[] Data, string Message, TrainingOptions Options)[]
        {
            (bytes[..^10], "truncated", new(epochs: 5, batchSize: 64, seed: 8)),
            (flipped, "SHA-256", new(epochs: 5, batchSize: 64, seed: 8)),
            (version, "format version 2", new(epochs: 5, batchSize: 64, seed: 8)),
            ([1, 2, 3], "magic", new(epochs: 5, batchSize: 64, seed: 8)),
            (bytes, "seed 8", new(epochs: 5, batchSize: 64, seed: 9)),
            (bytes, "batch size 64", new(epochs: 5, batchSize: 32, seed: 8)),
        };

        foreach (var (data, message, options) in cases)
        {
            var target = new Run(options);
            var before = Bits(target.Parameter.Value);
            var e = Assert.Throws<InvalidDataException>(() => target.Trainer.LoadCheckpoint(new MemoryStream(data)));
            Assert.Contains(message, e.Message, StringComparison.Ordinal);
            Assert.Equal(before, Bits(target.Parameter.Value));
            Assert.Equal(0, target.Trainer.Epoch);
        }

        var other = new Parameter<double>(new double[4]);
        var sgd = new MinibatchTrainer(other, new Sgd<double>([other], new SgdOptions(lr: 0.01)), Model.Loss, new TrainingOptions(epochs: 5, batchSize: 64, seed: 8));
        Assert.Contains("Adam", Assert.Throws<InvalidDataException>(() => sgd.LoadCheckpoint(new MemoryStream(bytes))).Message, StringComparison.Ordinal);
        Assert.Equal(0, sgd.Epoch);
        Assert.Equal(new double[4], other.Value);
    }

    [Fact]
    public void RejectsBadArguments()
    {
        var p = new Parameter<double>(new double[4]);
        var adam = new Adam<double>([p]);
        var options = new TrainingOptions(epochs: 1, batchSize: 1, seed: 0);
        ExampleGradient loss = Model.Loss;

        Assert.Equal("epochs", Assert.Throws<ArgumentOutOfRangeException>(() => new TrainingOptions(0, 1, 0)).ParamName);
        Assert.Equal("batchSize", Assert.Throws<ArgumentOutOfRangeException>(() => new TrainingOptions(1, 0, 0)).ParamName);
        Assert.Equal("chunkSize", Assert.Throws<ArgumentOutOfRangeException>(() => new TrainingOptions(1, 1, 0, chunkSize: 0)).ParamName);
        Assert.Equal("maxDegreeOfParallelism", Assert.Throws<ArgumentOutOfRangeException>(() => new TrainingOptions(1, 1, 0, maxDegreeOfParallelism: 0)).ParamName);
        Assert.Equal("maxDegreeOfParallelism", Assert.Throws<ArgumentOutOfRangeException>(() => new TrainingOptions(1, 1, 0, maxDegreeOfParallelism: -2)).ParamName);
        Assert.Equal("patience", Assert.Throws<ArgumentOutOfRangeException>(() => new TrainingOptions(1, 1, 0, patience: 0)).ParamName);
        Assert.Equal("checkpointPath", Assert.Throws<ArgumentException>(() => new TrainingOptions(1, 1, 0, checkpointPath: string.Empty)).ParamName);
        Assert.Equal("parameters", Assert.Throws<ArgumentNullException>(() => new MinibatchTrainer(null!, adam, loss, options)).ParamName);
        Assert.Equal("optimizer", Assert.Throws<ArgumentNullException>(() => new MinibatchTrainer(p, null!, loss, options)).ParamName);
        Assert.Equal("loss", Assert.Throws<ArgumentNullException>(() => new MinibatchTrainer(p, adam, null!, options)).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentNullException>(() => new MinibatchTrainer(p, adam, loss, null!)).ParamName);
        var elsewhere = new StepLR(new Adam<double>([new Parameter<double>([1.0])]), stepSize: 1);
        Assert.Equal("scheduler", Assert.Throws<ArgumentException>(() => new MinibatchTrainer(p, adam, loss, options, scheduler: elsewhere)).ParamName);

        var trainer = new MinibatchTrainer(p, adam, loss, options);
        Assert.Equal("train", Assert.Throws<ArgumentNullException>(() => trainer.Train(null!, [])).ParamName);
        Assert.Equal("validation", Assert.Throws<ArgumentNullException>(() => trainer.Train([0], null!)).ParamName);
        Assert.Equal("train", Assert.Throws<ArgumentException>(() => trainer.Train([], [])).ParamName);
        var patient = new MinibatchTrainer(p, adam, loss, new TrainingOptions(1, 1, 0, patience: 2));
        Assert.Equal("validation", Assert.Throws<ArgumentException>(() => patient.Train([0], [])).ParamName);
        Assert.Equal("path", Assert.Throws<ArgumentException>(() => trainer.SaveCheckpoint(string.Empty)).ParamName);
        Assert.Equal("path", Assert.Throws<ArgumentException>(() => trainer.LoadCheckpoint(string.Empty)).ParamName);
        Assert.Equal("stream", Assert.Throws<ArgumentNullException>(() => trainer.SaveCheckpoint((Stream)null!)).ParamName);
        Assert.Equal("stream", Assert.Throws<ArgumentNullException>(() => trainer.LoadCheckpoint((Stream)null!)).ParamName);
        Assert.Equal(new double[4], p.Value);
        Assert.Equal(0, trainer.Epoch);
    }

    private static double Mean(int[] examples, double[] w)
    {
        var g = new double[w.Length];
        var chunks = examples.Chunk(16).Select(c => c.Sum(e => Model.Loss(w, e, g)));
        return chunks.Aggregate(0.0, (s, c) => s + c) / examples.Length;
    }

    private static long[] Bits(double[] values) => [.. values.Select(BitConverter.DoubleToInt64Bits)];

    /// <summary>A logistic-regression trainer with Adam (and a StepLR scheduler if asked) from zero parameters.</summary>
    private sealed class Run
    {
        public Run(TrainingOptions options, bool withScheduler = false)
        {
            Parameter = new Parameter<double>(new double[TrainingLogisticModel.ParameterCount]);
            var adam = new Adam<double>([Parameter], new AdamOptions(lr: 0.05));
            Trainer = new MinibatchTrainer(Parameter, adam, Model.Loss, options, Model.Correct, withScheduler ? new StepLR(adam, stepSize: 3, gamma: 0.5) : null);
        }

        public Parameter<double> Parameter { get; }

        public MinibatchTrainer Trainer { get; }
    }

    private sealed class Recorder(List<TrainingProgress> reports, Action<TrainingProgress>? then = null) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            reports.Add(value);
            then?.Invoke(value);
        }
    }
}
