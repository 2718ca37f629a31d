using System;
using System.Linq;
using SymGrad.Runtime.Tests.Infrastructure;
using Xunit;
using static SymGrad.Runtime.Tests.Infrastructure.LossCaseRunner;

namespace SymGrad.Runtime.Tests;

/// <summary>KlDivLoss, PoissonNllLoss and GaussianNllLoss against PyTorch: every fixture case, every reduction, and the inputs PyTorch rejects.</summary>
public sealed class DivergenceLossTests
{
    public static TheoryData<string> KlDivCases => Ids("KlDivLoss");

    public static TheoryData<string> PoissonCases => Ids("PoissonNllLoss");

    public static TheoryData<string> GaussianCases => Ids("GaussianNllLoss");

    [Theory]
    [MemberData(nameof(KlDivCases))]
    public void KlDivLossMatchesPyTorch(string id)
    {
        var c = Case(id);
        var (x, t, log) = (c.Inputs["input"].Data, c.Inputs["target"].Data, c.Flag("log_target"));
        var rows = c.Inputs["input"].Shape[0];
        if (c.Dtype == "float64")
        {
            Verify(c, new LossMembers(
                ["input"],
                r => Losses.KlDivLoss(x, t, log, r),
                () => Run(x.Length, l => Losses.KlDivLoss(x, t, log, l)),
                (r, g) => Losses.KlDivLossGradient(x, t, log, r, g[0]),
                (go, g) => Losses.KlDivLossBackward(x, t, log, go, g[0]),
                g => Losses.KlDivLossBatchMeanGradient(x, t, rows, log, g[0])));
        }
        else
        {
            var (xs, ts) = (Single(x), Single(t));
            Verify(c, new LossMembers(
                ["input"],
                r => Losses.KlDivLoss(xs, ts, log, r),
                () => Run(xs.Length, l => Losses.KlDivLoss(xs, ts, log, l)),
                (r, g) => Grad(g, d => Losses.KlDivLossGradient(xs, ts, log, r, d[0])),
                (go, g) => Grad(g, d => Losses.KlDivLossBackward(xs, ts, log, Single(go), d[0])),
                g => Grad(g, d => Losses.KlDivLossBatchMeanGradient(xs, ts, rows, log, d[0]))));
        }
    }

    [Theory]
    [MemberData(nameof(KlDivCases))]
    public void KlDivBatchMeanAloneMatchesPyTorch(string id)
    {
        var c = Case(id);
        var (x, t, log) = (c.Inputs["input"].Data, c.Inputs["target"].Data, c.Flag("log_target"));
        var expected = c.Results.Single(r => r.Reduction == "batchmean").Output.Data[0];
        var rows = c.Inputs["input"].Shape[0];
        var actual = c.Dtype == "float64" ? Losses.KlDivLossBatchMean(x, t, rows, log) : Losses.KlDivLossBatchMean(Single(x), Single(t), rows, log);
        Assert.Equal(expected, actual, Math.Abs(expected) * (c.Dtype == "float64" ? 1e-10 : 1e-5));
    }

    [Theory]
    [MemberData(nameof(PoissonCases))]
    public void PoissonNllLossMatchesPyTorch(string id)
    {
        var c = Case(id);
        var (x, t) = (c.Inputs["input"].Data, c.Inputs["target"].Data);
        var (logInput, full, eps) = (c.Flag("log_input"), c.Flag("full"), c.Option("eps"));
        if (c.Dtype == "float64")
        {
            Verify(c, new LossMembers(
                ["input"],
                r => Losses.PoissonNllLoss(x, t, logInput, full, eps, r),
                () => Run(x.Length, l => Losses.PoissonNllLoss(x, t, logInput, full, eps, l)),
                (r, g) => Losses.PoissonNllLossGradient(x, t, logInput, full, eps, r, g[0]),
                (go, g) => Losses.PoissonNllLossBackward(x, t, logInput, full, eps, go, g[0])));
        }
        else
        {
            var (xs, ts, e) = (Single(x), Single(t), (float)eps);
            Verify(c, new LossMembers(
                ["input"],
                r => Losses.PoissonNllLoss(xs, ts, logInput, full, e, r),
                () => Run(xs.Length, l => Losses.PoissonNllLoss(xs, ts, logInput, full, e, l)),
                (r, g) => Grad(g, d => Losses.PoissonNllLossGradient(xs, ts, logInput, full, e, r, d[0])),
                (go, g) => Grad(g, d => Losses.PoissonNllLossBackward(xs, ts, logInput, full, e, Single(go), d[0]))));
        }
    }

    [Theory]
    [MemberData(nameof(GaussianCases))]
    public void GaussianNllLossMatchesPyTorch(string id)
    {
        var c = Case(id);
        var (x, t, v) = (c.Inputs["input"].Data, c.Inputs["target"].Data, c.Inputs["var"].Data);
        var (full, eps) = (c.Flag("full"), c.Option("eps"));
        if (c.Dtype == "float64")
        {
            Verify(c, new LossMembers(
                ["input", "var"],
                r => Losses.GaussianNllLoss(x, t, v, full, eps, r),
                () => Run(x.Length, l => Losses.GaussianNllLoss(x, t, v, full, eps, l)),
                (r, g) => Losses.GaussianNllLossGradient(x, t, v, full, eps, r, g[0], g[1]),
                (go, g) => Losses.GaussianNllLossBackward(x, t, v, full, eps, go, g[0], g[1])));
        }
        else
        {
            var (xs, ts, vs, e) = (Single(x), Single(t), Single(v), (float)eps);
            Verify(c, new LossMembers(
                ["input", "var"],
                r => Losses.GaussianNllLoss(xs, ts, vs, full, e, r),
                () => Run(xs.Length, l => Losses.GaussianNllLoss(xs, ts, vs, full, e, l)),
                (r, g) => Grad(g, d => Losses.GaussianNllLossGradient(xs, ts, vs, full, e, r, d[0], d[1])),
                (go, g) => Grad(g, d => Losses.GaussianNllLossBackward(xs, ts, vs, full, e, Single(go), d[0], d[1]))));
        }
    }

    public static TheoryData<int> GaussianRejects => [.. Enumerable.Range(0, Fixtures.Rejects.Count(r => r.Name == "GaussianNllLoss"))];

    [Theory]
    [MemberData(nameof(GaussianRejects))]
    public void GaussianNllLossRejectsWhatPyTorchRejects(int index)
    {
        var reject = Fixtures.Rejects.Where(r => r.Name == "GaussianNllLoss").ElementAt(index);
        var (x, t, v) = (reject.Inputs["input"].Data, reject.Inputs["target"].Data, reject.Inputs["var"].Data);
        var grads = (new double[x.Length], new double[v.Length]);
        Assert.Equal("var", Assert.ThrowsAny<ArgumentException>(() => Losses.GaussianNllLoss(x, t, v)).ParamName);
        Assert.Equal("var", Assert.ThrowsAny<ArgumentException>(() => Losses.GaussianNllLoss(x, t, v, false, 1e-6, new double[x.Length])).ParamName);
        Assert.Equal("var", Assert.ThrowsAny<ArgumentException>(() => Losses.GaussianNllLossGradient(x, t, v, false, 1e-6, Reduction.Sum, grads.Item1, grads.Item2)).ParamName);
        Assert.Equal("var", Assert.ThrowsAny<ArgumentException>(() => Losses.GaussianNllLoss(Single(x), Single(t), Single(v))).ParamName);
    }

    [Fact]
    public void MismatchedLengthsAreRejectedNamingTheParameter()
    {
        double[] x = [0.5, -1, 2], t = [0.25, 0.5], three = [0.1, 0.2, 0.3];
        Assert.Equal("target", Assert.Throws<ArgumentException>(() => Losses.KlDivLoss(x, t)).ParamName);
        Assert.Equal("target", Assert.Throws<ArgumentException>(() => Losses.PoissonNllLoss(x, t)).ParamName);
        Assert.Equal("target", Assert.Throws<ArgumentException>(() => Losses.GaussianNllLoss(x, t, three)).ParamName);
        Assert.Equal("losses", Assert.Throws<ArgumentException>(() => Losses.KlDivLoss(x, three, false, new double[2])).ParamName);
        Assert.Equal("dInput", Assert.Throws<ArgumentException>(() => Losses.PoissonNllLossGradient(x, three, true, false, 1e-8, Reduction.Mean, new double[4])).ParamName);
        Assert.Equal("dVar", Assert.Throws<ArgumentException>(() => Losses.GaussianNllLossGradient(x, three, three, false, 1e-6, Reduction.Mean, new double[3], new double[1])).ParamName);
        Assert.Equal("gradOutput", Assert.Throws<ArgumentException>(() => Losses.KlDivLossBackward(x, three, false, new double[2], new double[3])).ParamName);
        Assert.Equal("batchSize", Assert.Throws<ArgumentOutOfRangeException>(() => Losses.KlDivLossBatchMean(x, three, 2)).ParamName);
        Assert.Equal("reduction", Assert.Throws<ArgumentException>(() => Losses.KlDivLoss(x, three, false, Reduction.None)).ParamName);
    }
}
