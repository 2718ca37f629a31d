using System;
using System.Linq;
using System.Text.Json;
using SymGrad.Runtime.Tests.Infrastructure;
using Xunit;

namespace SymGrad.Runtime.Tests;

/// <summary>
/// Every scheduler and option gives PyTorch's learning-rate sequence, bit for bit: the schedulers compute each rate
/// from the current one with the same double operations in the same order as torch's chainable get_lr().
/// </summary>
public sealed class SchedulerFixtureTests
{
    public static TheoryData<string> Cases => [.. OptimizerFixtures.Schedulers.Select(c => c.Id)];

    [Theory]
    [MemberData(nameof(Cases))]
    public void GivesPyTorchsLearningRates(string id)
    {
        var c = OptimizerFixtures.Schedulers.Single(x => x.Id == id);
        var lrs = OptimizerFixtures.InitialLrs;
        var optimizer = new Sgd<double>([new Parameter<double>(new double[2])], new SgdOptions(lrs[0]));
        optimizer.AddParamGroup([new Parameter<double>(new double[3])], optimizer.Defaults with { Lr = lrs[1] });
        var o = c.Options;
        LRScheduler scheduler = c.Scheduler switch
        {
            "StepLR" => new StepLR(optimizer, o.GetProperty("step_size").GetInt32(), Number(o, "gamma", 0.1)),
            "MultiStepLR" => new MultiStepLR(optimizer, [.. o.GetProperty("milestones").EnumerateArray().Select(m => m.GetInt32())], Number(o, "gamma", 0.1)),
            "ExponentialLR" => new ExponentialLR(optimizer, o.GetProperty("gamma").GetDouble()),
            "CosineAnnealingLR" => new CosineAnnealingLR(optimizer, o.GetProperty("T_max").GetInt32(), Number(o, "eta_min", 0)),
            "ReduceLROnPlateau" => Plateau(optimizer, o),
            _ => throw new ArgumentException(c.Scheduler, nameof(id)),
        };
        Assert.Equal(c.Lrs[0], optimizer.Groups.Select(g => g.Lr));
        var metrics = OptimizerFixtures.Metrics;
        for (var epoch = 1; epoch < c.Lrs.Length; epoch++)
        {
            optimizer.Step();
            if (scheduler is ReduceLROnPlateau plateau)
            {
                plateau.Step(metrics[epoch - 1]);
            }
            else
            {
                ((EpochLRScheduler)scheduler).Step();
            }

            Assert.Equal(epoch, scheduler.LastEpoch);
            Assert.True(c.Lrs[epoch].SequenceEqual(optimizer.Groups.Select(g => g.Lr)), $"{c.Id}, epoch {epoch}: expected {string.Join(", ", c.Lrs[epoch].Select(x => x.ToString("R")))}, got {string.Join(", ", optimizer.Groups.Select(g => g.Lr.ToString("R")))}");
            Assert.Equal(c.Lrs[epoch], scheduler.LastLr);
        }
    }

    private static ReduceLROnPlateau Plateau(Optimizer optimizer, JsonElement o)
    {
        var mode = Text(o, "mode", "min") == "min" ? PlateauMode.Min : PlateauMode.Max;
        var thresholdMode = Text(o, "threshold_mode", "rel") == "rel" ? ThresholdMode.Rel : ThresholdMode.Abs;
        var factor = Number(o, "factor", 0.1);
        var patience = o.TryGetProperty("patience", out var p) ? p.GetInt32() : 10;
        var threshold = Number(o, "threshold", 1e-4);
        var cooldown = o.TryGetProperty("cooldown", out var cd) ? cd.GetInt32() : 0;
        var eps = Number(o, "eps", 1e-8);
        return o.TryGetProperty("min_lr", out var m) && m.ValueKind == JsonValueKind.Array
            ? new ReduceLROnPlateau(optimizer, mode, factor, patience, threshold, thresholdMode, cooldown, Fixtures.Numbers(m), eps)
            : new ReduceLROnPlateau(optimizer, mode, factor, patience, threshold, thresholdMode, cooldown, Number(o, "min_lr", 0), eps);
    }

    private static double Number(JsonElement o, string name, double fallback) => o.TryGetProperty(name, out var v) ? v.GetDouble() : fallback;

    private static string Text(JsonElement o, string name, string fallback) => o.TryGetProperty(name, out var v) ? v.GetString()! : fallback;
}
