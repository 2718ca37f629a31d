using System;
using System.Collections.Generic;
using System.Linq;
using SymGrad.Runtime.Tests.Infrastructure;
using Xunit;

namespace SymGrad.Runtime.Tests;

/// <summary>
/// The losses of group 1 (MSE, L1, smooth L1, Huber, BCE, BCE with logits, cross-entropy, NLL) against PyTorch's
/// fixtures: every case, every reduction, the value and the gradient of every input torch differentiates.
/// </summary>
public sealed class LossGroup1FixtureTests
{
    private static readonly string[] Names =
        ["MseLoss", "L1Loss", "SmoothL1Loss", "HuberLoss", "BinaryCrossEntropy", "BinaryCrossEntropyWithLogits", "CrossEntropy", "NllLoss"];

    public static TheoryData<string> Cases => [.. Fixtures.Losses.Where(c => Names.Contains(c.Name)).Select(c => c.Id)];

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesPyTorch(string id)
    {
        var c = Fixtures.Losses.Single(x => x.Id == id);
        Assert.Equal(3, c.Results.Count);
        foreach (var r in c.Results)
        {
            var (output, grads) = c.Dtype == "float64" ? Double(c, r) : Single(c, r);
            var rel = c.Dtype == "float64" ? 1e-10 : 1e-5;
            // A reduced loss comes back twice: from the loss itself and from its Gradient member.
            Close(r.Reduction == "none" ? r.Output.Data : [r.Output.Data[0], r.Output.Data[0]], output, rel, $"{r.Reduction} output");
            Assert.Equal(r.Grads.Keys.Order(), grads.Keys.Order());
            foreach (var (name, expected) in r.Grads)
            {
                Close(expected.Data, grads[name], rel, $"{r.Reduction} d{name}");
            }
        }
    }

    /// <summary>|actual − expected| ≤ rel·|expected|, with no absolute floor (none of these cases needs one); NaN and ±∞ exactly.</summary>
    private static void Close(double[] expected, double[] actual, double rel, string what)
    {
        Assert.True(expected.Length == actual.Length, $"{what}: length {actual.Length}, expected {expected.Length}");
        for (var i = 0; i < expected.Length; i++)
        {
            var e = expected[i];
            var a = actual[i];
            var ok = double.IsNaN(e) ? double.IsNaN(a) : double.IsInfinity(e) ? a == e : Math.Abs(a - e) <= rel * Math.Abs(e);
            Assert.True(ok, $"{what}[{i}]: {a:R}, expected {e:R}");
        }
    }

    private static Reduction Reduce(string reduction) => reduction switch
    {
        "mean" => Reduction.Mean,
        "sum" => Reduction.Sum,
        _ => throw new ArgumentOutOfRangeException(nameof(reduction), reduction, null),
    };

    private static (double[] Output, Dictionary<string, double[]> Grads) Double(LossCase c, LossResult r)
    {
        var x = c.Inputs["input"].Data;
        var target = c.Inputs["target"];
        var weight = c.Input("weight")?.Data ?? [];
        var posWeight = c.Input("pos_weight")?.Data ?? [];
        var g = r.GradOutput.Data;
        var dx = new double[x.Length];
        var none = r.Reduction == "none";
        if (c.Name == "CrossEntropy" && target.Dtype == "int64" || c.Name == "NllLoss")
        {
            var t = target.Indices;
            var ignore = (int)c.Option("ignore_index");
            var nll = c.Name == "NllLoss";
            var smoothing = nll ? 0 : (double)c.Option("label_smoothing");
            double[] output;
            if (none)
            {
                output = new double[t.Length];
                if (nll)
                {
                    Losses.NllLoss(x, t, weight, ignore, output);
                    Losses.NllLossBackward(x, t, weight, ignore, g, dx);
                }
                else
                {
                    Losses.CrossEntropy(x, t, weight, ignore, smoothing, output);
                    Losses.CrossEntropyBackward(x, t, weight, ignore, smoothing, g, dx);
                }
            }
            else
            {
                var reduction = Reduce(r.Reduction);
                var value = nll ? Losses.NllLoss(x, t, weight, ignore, reduction) : Losses.CrossEntropy(x, t, weight, ignore, smoothing, reduction);
                var fromGradient = nll
                    ? Losses.NllLossGradient(x, t, weight, ignore, reduction, dx)
                    : Losses.CrossEntropyGradient(x, t, weight, ignore, smoothing, reduction, dx);
                output = [value, fromGradient];
            }

            return (Wide(output), new() { ["input"] = Wide(dx) });
        }

        var y = target.Data;
        var dy = new double[y.Length];
        double[] result;
        if (c.Name == "CrossEntropy")
        {
            var classes = c.Inputs["input"].Shape[^1];
            var smoothing = (double)c.Option("label_smoothing");
            if (none)
            {
                result = new double[x.Length / classes];
                Losses.CrossEntropy(x, y, classes, weight, smoothing, result);
                Losses.CrossEntropyBackward(x, y, classes, weight, smoothing, g, dx, dy);
            }
            else
            {
                var reduction = Reduce(r.Reduction);
                var value = Losses.CrossEntropy(x, y, classes, weight, smoothing, reduction);
                result = [value, Losses.CrossEntropyGradient(x, y, classes, weight, smoothing, reduction, dx, dy)];
            }

            return (Wide(result), new() { ["input"] = Wide(dx), ["target"] = Wide(dy) });
        }

        result = none ? new double[x.Length] : new double[2];
        var option = c.Name switch
        {
            "SmoothL1Loss" => (double)c.Option("beta"),
            "HuberLoss" => (double)c.Option("delta"),
            _ => 0,
        };
        if (none)
        {
            switch (c.Name)
            {
                case "MseLoss": Losses.MseLoss(x, y, result); Losses.MseLossBackward(x, y, g, dx, dy); break;
                case "L1Loss": Losses.L1Loss(x, y, result); Losses.L1LossBackward(x, y, g, dx, dy); break;
                case "SmoothL1Loss": Losses.SmoothL1Loss(x, y, option, result); Losses.SmoothL1LossBackward(x, y, option, g, dx, dy); break;
                case "HuberLoss": Losses.HuberLoss(x, y, option, result); Losses.HuberLossBackward(x, y, option, g, dx, dy); break;
                case "BinaryCrossEntropy": Losses.BinaryCrossEntropy(x, y, weight, result); Losses.BinaryCrossEntropyBackward(x, y, weight, g, dx, dy); break;
                default: Losses.BinaryCrossEntropyWithLogits(x, y, weight, posWeight, result); Losses.BinaryCrossEntropyWithLogitsBackward(x, y, weight, posWeight, g, dx, dy); break;
            }
        }
        else
        {
            var reduction = Reduce(r.Reduction);
            var (value, fromGradient) = c.Name switch
            {
                "MseLoss" => (Losses.MseLoss(x, y, reduction), Losses.MseLossGradient(x, y, reduction, dx, dy)),
                "L1Loss" => (Losses.L1Loss(x, y, reduction), Losses.L1LossGradient(x, y, reduction, dx, dy)),
                "SmoothL1Loss" => (Losses.SmoothL1Loss(x, y, option, reduction), Losses.SmoothL1LossGradient(x, y, option, reduction, dx, dy)),
                "HuberLoss" => (Losses.HuberLoss(x, y, option, reduction), Losses.HuberLossGradient(x, y, option, reduction, dx, dy)),
                "BinaryCrossEntropy" => (Losses.BinaryCrossEntropy(x, y, weight, reduction), Losses.BinaryCrossEntropyGradient(x, y, weight, reduction, dx, dy)),
                _ => (Losses.BinaryCrossEntropyWithLogits(x, y, weight, posWeight, reduction), Losses.BinaryCrossEntropyWithLogitsGradient(x, y, weight, posWeight, reduction, dx, dy)),
            };
            result[0] = value;
            result[1] = fromGradient;
        }

        return (Wide(result), new() { ["input"] = Wide(dx), ["target"] = Wide(dy) });
    }

    private static (double[] Output, Dictionary<string, double[]> Grads) Single(LossCase c, LossResult r)
    {
        var x = c.Inputs["input"].Single;
        var target = c.Inputs["target"];
        var weight = c.Input("weight")?.Single ?? [];
        var posWeight = c.Input("pos_weight")?.Single ?? [];
        var g = r.GradOutput.Single;
        var dx = new float[x.Length];
        var none = r.Reduction == "none";
        if (c.Name == "CrossEntropy" && target.Dtype == "int64" || c.Name == "NllLoss")
        {
            var t = target.Indices;
            var ignore = (int)c.Option("ignore_index");
            var nll = c.Name == "NllLoss";
            var smoothing = nll ? 0 : (float)c.Option("label_smoothing");
            float[] output;
            if (none)
            {
                output = new float[t.Length];
                if (nll)
                {
                    Losses.NllLoss(x, t, weight, ignore, output);
                    Losses.NllLossBackward(x, t, weight, ignore, g, dx);
                }
                else
                {
                    Losses.CrossEntropy(x, t, weight, ignore, smoothing, output);
                    Losses.CrossEntropyBackward(x, t, weight, ignore, smoothing, g, dx);
                }
            }
            else
            {
                var reduction = Reduce(r.Reduction);
                var value = nll ? Losses.NllLoss(x, t, weight, ignore, reduction) : Losses.CrossEntropy(x, t, weight, ignore, smoothing, reduction);
                var fromGradient = nll
                    ? Losses.NllLossGradient(x, t, weight, ignore, reduction, dx)
                    : Losses.CrossEntropyGradient(x, t, weight, ignore, smoothing, reduction, dx);
                output = [value, fromGradient];
            }

            return (Wide(output), new() { ["input"] = Wide(dx) });
        }

        var y = target.Single;
        var dy = new float[y.Length];
        float[] result;
        if (c.Name == "CrossEntropy")
        {
            var classes = c.Inputs["input"].Shape[^1];
            var smoothing = (float)c.Option("label_smoothing");
            if (none)
            {
                result = new float[x.Length / classes];
                Losses.CrossEntropy(x, y, classes, weight, smoothing, result);
                Losses.CrossEntropyBackward(x, y, classes, weight, smoothing, g, dx, dy);
            }
            else
            {
                var reduction = Reduce(r.Reduction);
                var value = Losses.CrossEntropy(x, y, classes, weight, smoothing, reduction);
                result = [value, Losses.CrossEntropyGradient(x, y, classes, weight, smoothing, reduction, dx, dy)];
            }

            return (Wide(result), new() { ["input"] = Wide(dx), ["target"] = Wide(dy) });
        }

        result = none ? new float[x.Length] : new float[2];
        var option = c.Name switch
        {
            "SmoothL1Loss" => (float)c.Option("beta"),
            "HuberLoss" => (float)c.Option("delta"),
            _ => 0,
        };
        if (none)
        {
            switch (c.Name)
            {
                case "MseLoss": Losses.MseLoss(x, y, result); Losses.MseLossBackward(x, y, g, dx, dy); break;
                case "L1Loss": Losses.L1Loss(x, y, result); Losses.L1LossBackward(x, y, g, dx, dy); break;
                case "SmoothL1Loss": Losses.SmoothL1Loss(x, y, option, result); Losses.SmoothL1LossBackward(x, y, option, g, dx, dy); break;
                case "HuberLoss": Losses.HuberLoss(x, y, option, result); Losses.HuberLossBackward(x, y, option, g, dx, dy); break;
                case "BinaryCrossEntropy": Losses.BinaryCrossEntropy(x, y, weight, result); Losses.BinaryCrossEntropyBackward(x, y, weight, g, dx, dy); break;
                default: Losses.BinaryCrossEntropyWithLogits(x, y, weight, posWeight, result); Losses.BinaryCrossEntropyWithLogitsBackward(x, y, weight, posWeight, g, dx, dy); break;
            }
        }
        else
        {
            var reduction = Reduce(r.Reduction);
            var (value, fromGradient) = c.Name switch
            {
                "MseLoss" => (Losses.MseLoss(x, y, reduction), Losses.MseLossGradient(x, y, reduction, dx, dy)),
                "L1Loss" => (Losses.L1Loss(x, y, reduction), Losses.L1LossGradient(x, y, reduction, dx, dy)),
                "SmoothL1Loss" => (Losses.SmoothL1Loss(x, y, option, reduction), Losses.SmoothL1LossGradient(x, y, option, reduction, dx, dy)),
                "HuberLoss" => (Losses.HuberLoss(x, y, option, reduction), Losses.HuberLossGradient(x, y, option, reduction, dx, dy)),
                "BinaryCrossEntropy" => (Losses.BinaryCrossEntropy(x, y, weight, reduction), Losses.BinaryCrossEntropyGradient(x, y, weight, reduction, dx, dy)),
                _ => (Losses.BinaryCrossEntropyWithLogits(x, y, weight, posWeight, reduction), Losses.BinaryCrossEntropyWithLogitsGradient(x, y, weight, posWeight, reduction, dx, dy)),
            };
            result[0] = value;
            result[1] = fromGradient;
        }

        return (Wide(result), new() { ["input"] = Wide(dx), ["target"] = Wide(dy) });
    }

    private static double[] Wide(double[] values) => values;

    private static double[] Wide(float[] values) => [.. values.Select(v => (double)v)];
}
