using System;
using System.Collections.Generic;
using SymGrad.Runtime.Tests.Infrastructure;
using Xunit;

namespace SymGrad.Runtime.Tests;

/// <summary>The Himmelblau sample (SPEC §7): Adam, lr 1e-3, 20 000 steps, through <see cref="Minimizer"/> and the generated gradient.</summary>
public sealed class HimmelblauTests
{
    public static TheoryData<double, double, double, double> Starts => new()
    {
        { 1, 0, 3, 2 },
        { -4, 0, -3.779310, -3.283186 },
        { 4, 0, 3.584428, -1.848126 },
    };

    [Fact]
    public void TheGeneratedGradientMatchesFiniteDifferences()
    {
        foreach (var point in new[] { new[] { 1.0, 0.0 }, [-4.0, 0.0], [0.3, -2.5] })
        {
            GradCheck.Assert(HimmelblauFunction.Himmelblau, HimmelblauFunction.HimmelblauGradient, point);
        }
    }

    [Theory]
    [MemberData(nameof(Starts))]
    public void AdamReachesTheMinimumOfSpec7(double x0, double y0, double x, double y)
    {
        var point = new[] { x0, y0 };

        var result = Minimizer.Minimize(point, HimmelblauFunction.HimmelblauGradient, new AdamOptions(lr: 1e-3), 20_000);

        Assert.Equal(20_000, result.Steps);
        Assert.False(result.Converged);
        Assert.True(Math.Abs(point[0] - x) <= 1e-3 && Math.Abs(point[1] - y) <= 1e-3, $"ended at ({point[0]:R}, {point[1]:R}), expected ({x}, {y})");
        Assert.True(result.Value < 1e-6, $"f = {result.Value:R}");
        Assert.Equal(HimmelblauFunction.Himmelblau(point), result.Value);
    }

    /// <summary>
    /// PyTorch's run from [-4, 0], compared every 1000 steps within 1e-9 relative. Measured: 1.7e-16 (one ulp at one
    /// checkpoint), the generated gradient and autograd rounding a term differently; the final point within 1e-12.
    /// </summary>
    [Fact]
    public void TheTrajectoryFromMinus4FollowsPyTorch()
    {
        var point = HimmelblauFixture.Start;
        var checkpoints = new Dictionary<int, double[]>();
        foreach (var c in HimmelblauFixture.Checkpoints)
        {
            checkpoints[c.Step] = c.Point;
        }

        var worst = 0.0;
        var result = Minimizer.Minimize(point, HimmelblauFunction.HimmelblauGradient, new AdamOptions(lr: HimmelblauFixture.Lr), HimmelblauFixture.Steps, callback: s =>
        {
            if (checkpoints.TryGetValue(s.Step, out var expected))
            {
                for (var i = 0; i < expected.Length; i++)
                {
                    worst = Math.Max(worst, Math.Abs(s.Point.Span[i] - expected[i]) / Math.Abs(expected[i]));
                }
            }

            return true;
        });

        Assert.Equal(HimmelblauFixture.Steps, result.Steps);
        Assert.True(worst <= 1e-9, $"worst relative deviation from PyTorch at a checkpoint: {worst:E3}");
        Assert.Equal(HimmelblauFixture.FinalPoint[0], point[0], 1e-12);
        Assert.Equal(HimmelblauFixture.FinalPoint[1], point[1], 1e-12);
        Assert.True(result.Value <= 1e-20 && HimmelblauFixture.FinalValue <= 1e-20, $"f = {result.Value:R}, PyTorch {HimmelblauFixture.FinalValue:R}");
    }
}
