using System;
using System.Collections.Generic;
using Xunit;

namespace SymGrad.Runtime.Tests;

/// <summary><see cref="Minimizer"/>: the tolerance, the callback, optimizers built from options, float, and argument checks.</summary>
public sealed class TrainingMinimizerTests
{
    [Fact]
    public void StopsWhenTheGradientNormReachesTheTolerance()
    {
        var point = new[] { 1.0, 0.0 };

        var result = Minimizer.Minimize(point, HimmelblauFunction.HimmelblauGradient, new SgdOptions(lr: 0.01), 10_000, tolerance: 1e-8);

        Assert.True(result.Converged);
        Assert.False(result.Stopped);
        Assert.InRange(result.Steps, 1, 9_999);
        Assert.True(result.GradientNorm <= 1e-8);
        var g = new double[2];
        Assert.Equal(HimmelblauFunction.HimmelblauGradient(point, g), result.Value);
        Assert.Equal(Math.Sqrt((g[0] * g[0]) + (g[1] * g[1])), result.GradientNorm);
        Assert.Equal(3, point[0], 1e-6);
        Assert.Equal(2, point[1], 1e-6);
    }

    [Fact]
    public void TheCallbackSeesEveryPointAndCanStop()
    {
        var seen = new List<(int Step, double Value)>();
        var point = new[] { -4.0, 0.0 };

        var result = Minimizer.Minimize(point, HimmelblauFunction.HimmelblauGradient, new AdamOptions(lr: 1e-2), 1000, callback: s =>
        {
            seen.Add((s.Step, s.Value));
            Assert.Equal(HimmelblauFunction.Himmelblau(s.Point.Span), s.Value);
            return s.Step < 7;
        });

        Assert.True(result.Stopped);
        Assert.False(result.Converged);
        Assert.Equal(7, result.Steps);
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7], seen.ConvertAll(s => s.Step));
        Assert.Equal(HimmelblauFunction.Himmelblau(point), result.Value);
    }

    [Fact]
    public void GivenAnOptimizerItCarriesOnItsState()
    {
        var straight = new[] { -4.0, 0.0 };
        Minimizer.Minimize(straight, HimmelblauFunction.HimmelblauGradient, new AdamOptions(lr: 1e-2), 40);

        var parameter = new Parameter<double>([-4.0, 0.0]);
        var adam = new Adam<double>([parameter], new AdamOptions(lr: 1e-2));
        var first = Minimizer.Minimize(parameter, adam, HimmelblauFunction.HimmelblauGradient, 25);
        var second = Minimizer.Minimize(parameter, adam, HimmelblauFunction.HimmelblauGradient, 15);

        Assert.Equal(25, first.Steps);
        Assert.Equal(15, second.Steps);
        Assert.Equal(straight, parameter.Value);
    }

    [Fact]
    public void WorksInFloat()
    {
        var point = new[] { 1f, 0f };

        Minimizer.Minimize(point, (x, g) =>
        {
            var a = (x[0] * x[0]) + x[1] - 11;
            var b = x[0] + (x[1] * x[1]) - 7;
            g[0] = (4 * a * x[0]) + (2 * b);
            g[1] = (2 * a) + (4 * b * x[1]);
            return (a * a) + (b * b);
        }, new RmsPropOptions(lr: 1e-3), 20_000);

        Assert.Equal(3f, point[0], 1e-3f);
        Assert.Equal(2f, point[1], 1e-3f);
    }

    [Fact]
    public void RejectsBadArguments()
    {
        SpanGradient<double> f = HimmelblauFunction.HimmelblauGradient;
        var options = new AdamOptions();
        var parameter = new Parameter<double>([0.0, 0.0]);
        var adam = new Adam<double>([parameter]);

        Assert.Equal("x", Assert.Throws<ArgumentNullException>(() => Minimizer.Minimize(null!, f, options, 1)).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => Minimizer.Minimize([], f, options, 1)).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentNullException>(() => Minimizer.Minimize([0.0], f, null!, 1)).ParamName);
        Assert.Equal("gradient", Assert.Throws<ArgumentNullException>(() => Minimizer.Minimize([0.0], null!, options, 1)).ParamName);
        Assert.Equal("parameter", Assert.Throws<ArgumentNullException>(() => Minimizer.Minimize(null!, adam, f, 1)).ParamName);
        Assert.Equal("optimizer", Assert.Throws<ArgumentNullException>(() => Minimizer.Minimize(parameter, null!, f, 1)).ParamName);
        Assert.Equal("maxSteps", Assert.Throws<ArgumentOutOfRangeException>(() => Minimizer.Minimize(parameter, adam, f, -1)).ParamName);
        Assert.Equal("tolerance", Assert.Throws<ArgumentOutOfRangeException>(() => Minimizer.Minimize(parameter, adam, f, 1, -1e-3)).ParamName);
        Assert.Equal("tolerance", Assert.Throws<ArgumentOutOfRangeException>(() => Minimizer.Minimize(parameter, adam, f, 1, double.NaN)).ParamName);
        Assert.Equal([0.0, 0.0], parameter.Value);
    }
}
