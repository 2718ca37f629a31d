using System;
using System.Linq;
using SymGrad.Runtime.Tests.Infrastructure;
using Xunit;
using static SymGrad.Runtime.Tests.Infrastructure.LossCaseRunner;

namespace SymGrad.Runtime.Tests;

/// <summary>The margin and embedding losses against PyTorch: every fixture case, every reduction, and the inputs PyTorch rejects.</summary>
public sealed class MarginLossTests
{
    public static TheoryData<string> SoftMarginCases => Ids("SoftMarginLoss");

    public static TheoryData<string> MultiMarginCases => Ids("MultiMarginLoss");

    public static TheoryData<string> MultiLabelMarginCases => Ids("MultiLabelMarginLoss");

    public static TheoryData<string> MultiLabelSoftMarginCases => Ids("MultiLabelSoftMarginLoss");

    public static TheoryData<string> HingeEmbeddingCases => Ids("HingeEmbeddingLoss");

    public static TheoryData<string> MarginRankingCases => Ids("MarginRankingLoss");

    public static TheoryData<string> CosineEmbeddingCases => Ids("CosineEmbeddingLoss");

    public static TheoryData<string> TripletMarginCases => Ids("TripletMarginLoss");

    [Theory]
    [MemberData(nameof(SoftMarginCases))]
    public void SoftMarginLossMatchesPyTorch(string id)
    {
        var c = Case(id);
        var (x, t) = (c.Inputs["input"].Data, c.Inputs["target"].Data);
        if (c.Dtype == "float64")
        {
            Verify(c, new LossMembers(
                ["input"],
                r => Losses.SoftMarginLoss(x, t, r),
                () => Run(x.Length, l => Losses.SoftMarginLoss(x, t, l)),
                (r, g) => Losses.SoftMarginLossGradient(x, t, r, g[0]),
                (go, g) => Losses.SoftMarginLossBackward(x, t, go, g[0])));
        }
        else
        {
            var (xs, ts) = (Single(x), Single(t));
            Verify(c, new LossMembers(
                ["input"],
                r => Losses.SoftMarginLoss(xs, ts, r),
                () => Run(xs.Length, l => Losses.SoftMarginLoss(xs, ts, l)),
                (r, g) => Grad(g, d => Losses.SoftMarginLossGradient(xs, ts, r, d[0])),
                (go, g) => Grad(g, d => Losses.SoftMarginLossBackward(xs, ts, Single(go), d[0]))));
        }
    }

    [Theory]
    [MemberData(nameof(MultiMarginCases))]
    public void MultiMarginLossMatchesPyTorch(string id)
    {
        var c = Case(id);
        var (x, t, w) = (c.Inputs["input"].Data, c.Inputs["target"].Indices, c.Input("weight")?.Data ?? []);
        var (p, margin) = ((int)c.Option("p"), c.Option("margin"));
        if (c.Dtype == "float64")
        {
            Verify(c, new LossMembers(
                ["input"],
                r => Losses.MultiMarginLoss(x, t, p, margin, w, r),
                () => Run(t.Length, l => Losses.MultiMarginLoss(x, t, p, margin, w, l)),
                (r, g) => Losses.MultiMarginLossGradient(x, t, p, margin, w, r, g[0]),
                (go, g) => Losses.MultiMarginLossBackward(x, t, p, margin, w, go, g[0])));
        }
        else
        {
            var (xs, ws, m) = (Single(x), Single(w), (float)margin);
            Verify(c, new LossMembers(
                ["input"],
                r => Losses.MultiMarginLoss(xs, t, p, m, ws, r),
                () => Run(t.Length, l => Losses.MultiMarginLoss(xs, t, p, m, ws, l)),
                (r, g) => Grad(g, d => Losses.MultiMarginLossGradient(xs, t, p, m, ws, r, d[0])),
                (go, g) => Grad(g, d => Losses.MultiMarginLossBackward(xs, t, p, m, ws, Single(go), d[0]))));
        }
    }

    [Theory]
    [MemberData(nameof(MultiLabelMarginCases))]
    public void MultiLabelMarginLossMatchesPyTorch(string id)
    {
        var c = Case(id);
        var (x, t, classes) = (c.Inputs["input"].Data, c.Inputs["target"].Indices, c.Inputs["input"].Shape[1]);
        var rows = x.Length / classes;
        if (c.Dtype == "float64")
        {
            Verify(c, new LossMembers(
                ["input"],
                r => Losses.MultiLabelMarginLoss(x, t, classes, r),
                () => Run(rows, l => Losses.MultiLabelMarginLoss(x, t, classes, l)),
                (r, g) => Losses.MultiLabelMarginLossGradient(x, t, classes, r, g[0]),
                (go, g) => Losses.MultiLabelMarginLossBackward(x, t, classes, go, g[0])));
        }
        else
        {
            var xs = Single(x);
            Verify(c, new LossMembers(
                ["input"],
                r => Losses.MultiLabelMarginLoss(xs, t, classes, r),
                () => Run(rows, l => Losses.MultiLabelMarginLoss(xs, t, classes, l)),
                (r, g) => Grad(g, d => Losses.MultiLabelMarginLossGradient(xs, t, classes, r, d[0])),
                (go, g) => Grad(g, d => Losses.MultiLabelMarginLossBackward(xs, t, classes, Single(go), d[0]))));
        }
    }

    [Theory]
    [MemberData(nameof(MultiLabelSoftMarginCases))]
    public void MultiLabelSoftMarginLossMatchesPyTorch(string id)
    {
        var c = Case(id);
        var (x, t, w, classes) = (c.Inputs["input"].Data, c.Inputs["target"].Data, c.Input("weight")?.Data ?? [], c.Inputs["input"].Shape[1]);
        var rows = x.Length / classes;
        if (c.Dtype == "float64")
        {
            Verify(c, new LossMembers(
                ["input"],
                r => Losses.MultiLabelSoftMarginLoss(x, t, classes, w, r),
                () => Run(rows, l => Losses.MultiLabelSoftMarginLoss(x, t, classes, w, l)),
                (r, g) => Losses.MultiLabelSoftMarginLossGradient(x, t, classes, w, r, g[0]),
                (go, g) => Losses.MultiLabelSoftMarginLossBackward(x, t, classes, w, go, g[0])));
        }
        else
        {
            var (xs, ts, ws) = (Single(x), Single(t), Single(w));
            Verify(c, new LossMembers(
                ["input"],
                r => Losses.MultiLabelSoftMarginLoss(xs, ts, classes, ws, r),
                () => Run(rows, l => Losses.MultiLabelSoftMarginLoss(xs, ts, classes, ws, l)),
                (r, g) => Grad(g, d => Losses.MultiLabelSoftMarginLossGradient(xs, ts, classes, ws, r, d[0])),
                (go, g) => Grad(g, d => Losses.MultiLabelSoftMarginLossBackward(xs, ts, classes, ws, Single(go), d[0]))));
        }
    }

    [Theory]
    [MemberData(nameof(HingeEmbeddingCases))]
    public void HingeEmbeddingLossMatchesPyTorch(string id)
    {
        var c = Case(id);
        var (x, t, margin) = (c.Inputs["input"].Data, c.Inputs["target"].Data, c.Option("margin"));
        if (c.Dtype == "float64")
        {
            Verify(c, new LossMembers(
                ["input"],
                r => Losses.HingeEmbeddingLoss(x, t, margin, r),
                () => Run(x.Length, l => Losses.HingeEmbeddingLoss(x, t, margin, l)),
                (r, g) => Losses.HingeEmbeddingLossGradient(x, t, margin, r, g[0]),
                (go, g) => Losses.HingeEmbeddingLossBackward(x, t, margin, go, g[0])));
        }
        else
        {
            var (xs, ts, m) = (Single(x), Single(t), (float)margin);
            Verify(c, new LossMembers(
                ["input"],
                r => Losses.HingeEmbeddingLoss(xs, ts, m, r),
                () => Run(xs.Length, l => Losses.HingeEmbeddingLoss(xs, ts, m, l)),
                (r, g) => Grad(g, d => Losses.HingeEmbeddingLossGradient(xs, ts, m, r, d[0])),
                (go, g) => Grad(g, d => Losses.HingeEmbeddingLossBackward(xs, ts, m, Single(go), d[0]))));
        }
    }

    [Theory]
    [MemberData(nameof(MarginRankingCases))]
    public void MarginRankingLossMatchesPyTorch(string id)
    {
        var c = Case(id);
        var (a, b, t, margin) = (c.Inputs["input1"].Data, c.Inputs["input2"].Data, c.Inputs["target"].Data, c.Option("margin"));
        if (c.Dtype == "float64")
        {
            Verify(c, new LossMembers(
                ["input1", "input2"],
                r => Losses.MarginRankingLoss(a, b, t, margin, r),
                () => Run(a.Length, l => Losses.MarginRankingLoss(a, b, t, margin, l)),
                (r, g) => Losses.MarginRankingLossGradient(a, b, t, margin, r, g[0], g[1]),
                (go, g) => Losses.MarginRankingLossBackward(a, b, t, margin, go, g[0], g[1])));
        }
        else
        {
            var (sa, sb, ts, m) = (Single(a), Single(b), Single(t), (float)margin);
            Verify(c, new LossMembers(
                ["input1", "input2"],
                r => Losses.MarginRankingLoss(sa, sb, ts, m, r),
                () => Run(sa.Length, l => Losses.MarginRankingLoss(sa, sb, ts, m, l)),
                (r, g) => Grad(g, d => Losses.MarginRankingLossGradient(sa, sb, ts, m, r, d[0], d[1])),
                (go, g) => Grad(g, d => Losses.MarginRankingLossBackward(sa, sb, ts, m, Single(go), d[0], d[1]))));
        }
    }

    [Theory]
    [MemberData(nameof(CosineEmbeddingCases))]
    public void CosineEmbeddingLossMatchesPyTorch(string id)
    {
        var c = Case(id);
        var (a, b, t, margin) = (c.Inputs["input1"].Data, c.Inputs["input2"].Data, c.Inputs["target"].Data, c.Option("margin"));
        if (c.Dtype == "float64")
        {
            Verify(c, new LossMembers(
                ["input1", "input2"],
                r => Losses.CosineEmbeddingLoss(a, b, t, margin, r),
                () => Run(t.Length, l => Losses.CosineEmbeddingLoss(a, b, t, margin, l)),
                (r, g) => Losses.CosineEmbeddingLossGradient(a, b, t, margin, r, g[0], g[1]),
                (go, g) => Losses.CosineEmbeddingLossBackward(a, b, t, margin, go, g[0], g[1])));
        }
        else
        {
            var (sa, sb, ts, m) = (Single(a), Single(b), Single(t), (float)margin);
            Verify(c, new LossMembers(
                ["input1", "input2"],
                r => Losses.CosineEmbeddingLoss(sa, sb, ts, m, r),
                () => Run(ts.Length, l => Losses.CosineEmbeddingLoss(sa, sb, ts, m, l)),
                (r, g) => Grad(g, d => Losses.CosineEmbeddingLossGradient(sa, sb, ts, m, r, d[0], d[1])),
                (go, g) => Grad(g, d => Losses.CosineEmbeddingLossBackward(sa, sb, ts, m, Single(go), d[0], d[1]))));
        }
    }

    [Theory]
    [MemberData(nameof(TripletMarginCases))]
    public void TripletMarginLossMatchesPyTorch(string id)
    {
        var c = Case(id);
        var (a, p, n) = (c.Inputs["anchor"].Data, c.Inputs["positive"].Data, c.Inputs["negative"].Data);
        var (margin, norm, eps, swap) = (c.Option("margin"), c.Option("p"), c.Option("eps"), c.Flag("swap"));
        var rows = c.Inputs["anchor"].Shape[0];
        if (c.Dtype == "float64")
        {
            Verify(c, new LossMembers(
                ["anchor", "positive", "negative"],
                r => Losses.TripletMarginLoss(a, p, n, rows, margin, norm, eps, swap, r),
                () => Run(rows, l => Losses.TripletMarginLoss(a, p, n, rows, margin, norm, eps, swap, l)),
                (r, g) => Losses.TripletMarginLossGradient(a, p, n, rows, margin, norm, eps, swap, r, g[0], g[1], g[2]),
                (go, g) => Losses.TripletMarginLossBackward(a, p, n, rows, margin, norm, eps, swap, go, g[0], g[1], g[2])));
        }
        else
        {
            var (sa, sp, sn) = (Single(a), Single(p), Single(n));
            var (m, q, e) = ((float)margin, (float)norm, (float)eps);
            Verify(c, new LossMembers(
                ["anchor", "positive", "negative"],
                r => Losses.TripletMarginLoss(sa, sp, sn, rows, m, q, e, swap, r),
                () => Run(rows, l => Losses.TripletMarginLoss(sa, sp, sn, rows, m, q, e, swap, l)),
                (r, g) => Grad(g, d => Losses.TripletMarginLossGradient(sa, sp, sn, rows, m, q, e, swap, r, d[0], d[1], d[2])),
                (go, g) => Grad(g, d => Losses.TripletMarginLossBackward(sa, sp, sn, rows, m, q, e, swap, Single(go), d[0], d[1], d[2]))));
        }
    }

    [Fact]
    public void MultiMarginLossRejectsAClassOutOfRangeAsPyTorchDoes()
    {
        var reject = Fixtures.Rejects.Single(r => r.Name == "MultiMarginLoss");
        var (x, t) = (reject.Inputs["input"].Data, reject.Inputs["target"].Indices);
        var (p, margin) = (reject.Options.GetProperty("p").GetInt32(), reject.Options.GetProperty("margin").GetDouble());
        Assert.Equal("target", Assert.Throws<ArgumentOutOfRangeException>(() => Losses.MultiMarginLoss(x, t, p, margin)).ParamName);
        Assert.Equal("target", Assert.Throws<ArgumentOutOfRangeException>(() => Losses.MultiMarginLossGradient(x, t, p, margin, default, Reduction.Mean, new double[x.Length])).ParamName);
        Assert.Equal("target", Assert.Throws<ArgumentOutOfRangeException>(() => Losses.MultiMarginLoss(Single(x), t, p, (float)margin)).ParamName);
    }

    [Fact]
    public void BadArgumentsAreRejectedNamingTheParameter()
    {
        double[] x = [0.5, -1, 2, 1.5, 0, -0.5], y = [1, -1, 1, 1, -1, -1];
        Assert.Equal("target", Assert.Throws<ArgumentException>(() => Losses.SoftMarginLoss(x, y.AsSpan(1))).ParamName);
        Assert.Equal("p", Assert.Throws<ArgumentOutOfRangeException>(() => Losses.MultiMarginLoss(x, [0, 1], 3)).ParamName);
        Assert.Equal("weight", Assert.Throws<ArgumentException>(() => Losses.MultiMarginLoss(x, [0, 1], 1, 1, [1.0, 2.0])).ParamName);
        Assert.Equal("target", Assert.Throws<ArgumentException>(() => Losses.MultiMarginLoss(x, [0, 1, 2, 0])).ParamName);
        Assert.Equal("target", Assert.Throws<ArgumentOutOfRangeException>(() => Losses.MultiLabelMarginLoss(x, [0, 3, -1, 1, -1, 0], 3)).ParamName);
        Assert.Equal("classes", Assert.Throws<ArgumentException>(() => Losses.MultiLabelSoftMarginLoss(x, y, 4)).ParamName);
        Assert.Equal("input2", Assert.Throws<ArgumentException>(() => Losses.MarginRankingLoss(x, y.AsSpan(1), y)).ParamName);
        Assert.Equal("input2", Assert.Throws<ArgumentException>(() => Losses.CosineEmbeddingLoss(x, y.AsSpan(3), [1.0, -1])).ParamName);
        Assert.Equal("negative", Assert.Throws<ArgumentException>(() => Losses.TripletMarginLoss(x, y, y.AsSpan(3), 2)).ParamName);
        Assert.Equal("batchSize", Assert.Throws<ArgumentOutOfRangeException>(() => Losses.TripletMarginLoss(x, y, y, 4)).ParamName);
        Assert.Equal("dInput", Assert.Throws<ArgumentException>(() => Losses.HingeEmbeddingLossGradient(x, y, 1, Reduction.Sum, new double[5])).ParamName);
        Assert.Equal("reduction", Assert.Throws<ArgumentException>(() => Losses.HingeEmbeddingLoss(x, y, 1, Reduction.None)).ParamName);
    }
}
