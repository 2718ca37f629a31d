using System;
using System.Linq;
using SymGrad.Runtime.Tests.Infrastructure;
using Xunit;

namespace SymGrad.Runtime.Tests;

/// <summary>
/// The losses of group 1 reject what PyTorch rejects (the fixtures' rejects) with an <see cref="ArgumentException"/>
/// naming the parameter, and the seed examples.
/// </summary>
public sealed class LossGroup1ArgumentTests
{
    private static readonly string[] Names = ["MseLoss", "BinaryCrossEntropy", "BinaryCrossEntropyWithLogits", "CrossEntropy", "NllLoss"];

    private static RejectCase[] Rejects => [.. Fixtures.Rejects.Where(r => Names.Contains(r.Name))];

    public static TheoryData<int> RejectIndices => [.. Enumerable.Range(0, Rejects.Length)];

    [Theory]
    [MemberData(nameof(RejectIndices))]
    public void RejectsWhatPyTorchRejects(int index)
    {
        var reject = Rejects[index];
        var x = reject.Inputs["input"].Data;
        var target = reject.Inputs["target"];
        var classes = reject.Inputs["input"].Shape[^1];
        Action call = reject.Name switch
        {
            "MseLoss" => () => Losses.MseLoss(x, target.Data),
            "BinaryCrossEntropy" => () => Losses.BinaryCrossEntropy(x, target.Data),
            "BinaryCrossEntropyWithLogits" => () => Losses.BinaryCrossEntropyWithLogits(x, target.Data),
            "NllLoss" => () => Losses.NllLoss(x, target.Indices, ignoreIndex: reject.Options.GetProperty("ignore_index").GetInt32()),
            _ when target.Dtype == "int64" => () => Losses.CrossEntropy(
                x,
                target.Indices,
                ignoreIndex: reject.Options.GetProperty("ignore_index").GetInt32(),
                labelSmoothing: reject.Options.GetProperty("label_smoothing").GetDouble()),
            _ => () => Losses.CrossEntropy(x, target.Data, classes),
        };
        var expected = reject.Error.Contains("between 0 and 1", StringComparison.Ordinal) ? "input" : "target";
        Assert.Equal(expected, Assert.ThrowsAny<ArgumentException>(call).ParamName);
    }

    [Fact]
    public void FixturesHoldTheRejectsOfEveryLossHere()
    {
        Assert.Equal(Names.Order(), Rejects.Select(r => r.Name).Distinct().Order());
    }

    [Fact]
    public void CrossEntropySeed()
    {
        double[] x = [1, 2, 1, 3, 1, 3];
        int[] y = [0, 1, 1];
        var none = new double[3];
        Losses.CrossEntropy(x, y, default, -100, 0, none);
        Assert.Equal([1.3133, 0.1269, 0.1269], none.Select(v => Math.Round(v, 4)));
        Assert.Equal(1.5671, Losses.CrossEntropy(x, y, reduction: Reduction.Sum), 4);
        Assert.Equal(0.5224, Losses.CrossEntropy(x, y), 4);
        Assert.Equal(0.3642, Losses.CrossEntropy(x, y, [1.0, 2.0]), 4);
    }

    [Fact]
    public void CrossEntropyGradientIsSoftmaxMinusOneHot()
    {
        double[] x = [1, 2, 1, 3, 1, 3];
        int[] y = [0, 1, 1];
        var dx = new double[6];
        Losses.CrossEntropyGradient(x, y, default, -100, 0, Reduction.Sum, dx);
        for (var b = 0; b < 3; b++)
        {
            var z = Math.Exp(x[2 * b]) + Math.Exp(x[2 * b + 1]);
            for (var c = 0; c < 2; c++)
            {
                Assert.Equal(Math.Exp(x[2 * b + c]) / z - (c == y[b] ? 1 : 0), dx[2 * b + c], 1e-15);
            }
        }
    }

    [Fact]
    public void BinaryCrossEntropySeed()
    {
        double[] p = [.. new double[] { 1, 2, 2, 2, 3, 4, 4, 5 }.Select(v => 1 / (1 + Math.Exp(-v)))];
        double[] t = [1, 0, 1, 0, 0, 1, 0, 1];
        Assert.Equal(1.4732, Losses.BinaryCrossEntropy(p, t), 4);
        Assert.Equal(1.4732f, Losses.BinaryCrossEntropy([.. p.Select(v => (float)v)], [.. t.Select(v => (float)v)]), 4);
    }

    [Fact]
    public void ReductionNoneNeedsTheSpanOverloads()
    {
        double[] x = [0.5, 1];
        Assert.Equal("reduction", Assert.Throws<ArgumentException>(() => Losses.MseLoss(x, x, Reduction.None)).ParamName);
        Assert.Equal("reduction", Assert.Throws<ArgumentException>(() => Losses.CrossEntropy(x, [1], reduction: Reduction.None)).ParamName);
        Assert.Equal("reduction", Assert.Throws<ArgumentOutOfRangeException>(() => Losses.L1Loss(x, x, (Reduction)7)).ParamName);
    }

    [Fact]
    public void OutputsOfTheWrongLengthAreNamed()
    {
        double[] x = [0.25, 0.5, 0.75];
        Assert.Equal("dInput", Assert.Throws<ArgumentException>(() => Losses.MseLossGradient(x, x, Reduction.Mean, new double[2])).ParamName);
        Assert.Equal("dTarget", Assert.Throws<ArgumentException>(() => Losses.HuberLossGradient(x, x, 1, Reduction.Mean, new double[3], new double[4])).ParamName);
        Assert.Equal("losses", Assert.Throws<ArgumentException>(() => Losses.SmoothL1Loss(x, x, 1, new double[2])).ParamName);
        Assert.Equal("gradOutput", Assert.Throws<ArgumentException>(() => Losses.BinaryCrossEntropyBackward(x, x, default, new double[2], new double[3])).ParamName);
        Assert.Equal("gradOutput", Assert.Throws<ArgumentException>(() => Losses.CrossEntropyBackward(x, [0], default, -100, 0, new double[2], new double[3])).ParamName);
        Assert.Equal("losses", Assert.Throws<ArgumentException>(() => Losses.NllLoss(x, [0], default, -100, new double[3])).ParamName);
        Assert.Equal("dInput", Assert.Throws<ArgumentException>(() => Losses.CrossEntropyGradient(x, x, 3, default, 0, Reduction.Sum, new double[2])).ParamName);
    }

    [Fact]
    public void OptionsOutOfRangeAreNamed()
    {
        double[] x = [0.25, 0.5, 0.75, 1];
        Assert.Equal("beta", Assert.Throws<ArgumentOutOfRangeException>(() => Losses.SmoothL1Loss(x, x, -1)).ParamName);
        Assert.Equal("delta", Assert.Throws<ArgumentOutOfRangeException>(() => Losses.HuberLoss(x, x, 0)).ParamName);
        Assert.Equal("labelSmoothing", Assert.Throws<ArgumentOutOfRangeException>(() => Losses.CrossEntropy(x, [0, 1], labelSmoothing: 1.5)).ParamName);
        Assert.Equal("labelSmoothing", Assert.Throws<ArgumentOutOfRangeException>(() => Losses.CrossEntropy(x, x, 2, labelSmoothing: -0.1)).ParamName);
        Assert.Equal("classes", Assert.Throws<ArgumentOutOfRangeException>(() => Losses.CrossEntropy(x, x, 3)).ParamName);
        Assert.Equal("weight", Assert.Throws<ArgumentException>(() => Losses.CrossEntropy(x, [0, 1], [1.0, 2, 3])).ParamName);
        Assert.Equal("weight", Assert.Throws<ArgumentException>(() => Losses.NllLoss(x, [0, 1], [1.0])).ParamName);
        Assert.Equal("weight", Assert.Throws<ArgumentException>(() => Losses.BinaryCrossEntropy(x, x, [1.0, 2, 3])).ParamName);
        Assert.Equal("posWeight", Assert.Throws<ArgumentException>(() => Losses.BinaryCrossEntropyWithLogits(x, x, default, [1.0, 2, 3])).ParamName);
    }

    [Fact]
    public void AnIgnoredTargetMayLieOutsideTheClasses()
    {
        float[] x = [1, 2, 1, 3];
        Assert.Equal(
            Losses.CrossEntropy([1f, 2], [0]),
            Losses.CrossEntropy(x, [0, -100]));
        Assert.Equal("target", Assert.Throws<ArgumentException>(() => Losses.NllLoss(x, [0, -100], ignoreIndex: 1)).ParamName);
    }

    [Fact]
    public void BinaryCrossEntropyRejectsNaN()
    {
        Assert.Equal("input", Assert.Throws<ArgumentException>(() => Losses.BinaryCrossEntropy([float.NaN], [1f])).ParamName);
    }
}
