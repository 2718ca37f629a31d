using System;
using System.Linq;
using Xunit;

namespace SymGrad.Runtime.Tests;

/// <summary>GradCheck on generated gradients (they pass), on deliberately wrong ones (they fail, naming the component), and its criterion.</summary>
public sealed class GradCheckTests
{
    private static double[] Draw(int seed, int n, double scale = 1)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, n).Select(_ => scale * ((2 * random.NextDouble()) - 1))];
    }

    [Fact]
    public void GeneratedMseGradientPasses()
    {
        double[] input = Draw(1, 12), target = Draw(2, 12);
        var result = GradCheck.Check(x => Losses.MseLoss(x, target), (x, d) => Losses.MseLossGradient(x, target, Reduction.Mean, d), input);
        Assert.True(result.Passed, result.ToString());
        Assert.Equal(12, result.Count);
        Assert.True(result.Difference <= result.Tolerance);
    }

    [Fact]
    public void GeneratedCrossEntropyGradientWithWeightsAndSmoothingPasses()
    {
        double[] logits = Draw(3, 4 * 5, 3), weight = [0.5, 1, 2, 1.5, 0.25];
        int[] target = [0, 4, 2, -100];
        var result = GradCheck.Assert(
            x => Losses.CrossEntropy(x, target, weight, labelSmoothing: 0.1),
            (x, d) => Losses.CrossEntropyGradient(x, target, weight, -100, 0.1, Reduction.Mean, d),
            logits);
        Assert.True(result.Passed);
    }

    [Fact]
    public void GeneratedLogSoftmaxBackwardPassesAsTheGradientOfItsProjection()
    {
        double[] point = Draw(4, 7, 2), g = Draw(5, 7);
        double Projection(ReadOnlySpan<double> x)
        {
            var y = new double[x.Length];
            Activations.LogSoftmax(x, y);
            return y.Zip(g, (a, b) => a * b).Sum();
        }

        double Gradient(ReadOnlySpan<double> x, Span<double> d)
        {
            Activations.LogSoftmaxBackward(x, g, d);
            return Projection(x);
        }

        Assert.True(GradCheck.Check(Projection, Gradient, point).Passed);
    }

    [Fact]
    public void GeneratedScalarDerivativesPassAsMethodGroups()
    {
        foreach (double x in new[] { -30, -2.5, 0.3, 4 })
        {
            GradCheck.Assert(Activations.Sigmoid, Activations.SigmoidDerivative, x);
            GradCheck.Assert(Activations.Gelu, Activations.GeluDerivative, x);
            GradCheck.Assert(Activations.Tanh, Activations.TanhDerivative, (float)x);
        }
    }

    [Fact]
    public void GeneratedFloatGradientPassesWithTheFloatDefaults()
    {
        float[] input = [.. Draw(6, 9).Select(v => (float)v)], target = [.. Draw(7, 9).Select(v => (float)v)];
        var result = GradCheck.Assert(x => Losses.MseLoss(x, target, Reduction.Sum), (x, d) => Losses.MseLossGradient(x, target, Reduction.Sum, d), input);
        Assert.Equal(1e-3, result.Eps);
        Assert.Equal(1e-3, result.Atol);
        Assert.Equal(1e-2, result.Rtol);
    }

    [Fact]
    public void AWrongComponentFailsAndIsNamedWithBothValues()
    {
        double[] input = Draw(8, 6), target = Draw(9, 6);
        var correct = new double[6];
        Losses.MseLossGradient(input, target, Reduction.Mean, correct);
        double wrong = correct[2] + 0.01;

        double Wrong(ReadOnlySpan<double> x, Span<double> d)
        {
            double value = Losses.MseLossGradient(x, target, Reduction.Mean, d);
            d[2] += 0.01;
            return value;
        }

        var result = GradCheck.Check(x => Losses.MseLoss(x, target), Wrong, input);
        Assert.False(result.Passed);
        Assert.Equal(2, result.WorstIndex);
        Assert.Equal(wrong, result.Analytical);
        Assert.Equal(correct[2], result.Numerical, 1e-8);
        var text = result.ToString();
        Assert.Contains("failed at component 2 of 6", text, StringComparison.Ordinal);
        Assert.Contains($"analytical {wrong:R}", text, StringComparison.Ordinal);
        Assert.Contains($"numerical {result.Numerical:R}", text, StringComparison.Ordinal);

        var e = Assert.Throws<GradCheckException>(() => GradCheck.Assert(x => Losses.MseLoss(x, target), Wrong, input));
        Assert.Equal(2, e.Result.WorstIndex);
        Assert.Equal(text, e.Message);
    }

    [Fact]
    public void AWrongScalarDerivativeFails()
    {
        var result = GradCheck.Check(Activations.Sigmoid, x => Activations.Sigmoid(x) * (1 + Activations.Sigmoid(x)), 0.5);
        Assert.False(result.Passed);
        Assert.Equal(Activations.SigmoidDerivative(0.5), result.Numerical, 1e-9);
        Assert.Throws<GradCheckException>(() => GradCheck.Assert(Activations.Softsign, x => 1 / (1 + Math.Abs(x)), 0.5f));
    }

    [Fact]
    public void AComponentPassesWithinAtolPlusRtolTimesTheNumericalValueAndFailsBeyond()
    {
        // x₀² + x₁²: central differences are exact but for rounding (≈ 1e-10 here), far below the offsets tried.
        double[] point = [1, 3];
        static double Square(ReadOnlySpan<double> x) => (x[0] * x[0]) + (x[1] * x[1]);
        SpanGradient<double> Offset(double delta) => (x, d) =>
        {
            d[0] = 2 * x[0];
            d[1] = (2 * x[1]) + delta;
            return Square(x);
        };

        Assert.True(GradCheck.Check(Square, Offset(5e-5), point, atol: 1e-4, rtol: 0).Passed);
        Assert.False(GradCheck.Check(Square, Offset(2e-4), point, atol: 1e-4, rtol: 0).Passed);
        Assert.True(GradCheck.Check(Square, Offset(3e-3), point, atol: 0, rtol: 1e-3).Passed);
        Assert.False(GradCheck.Check(Square, Offset(1.2e-2), point, atol: 0, rtol: 1e-3).Passed);
        Assert.Equal(1, GradCheck.Check(Square, Offset(1.2e-2), point, atol: 0, rtol: 1e-3).WorstIndex);
    }

    [Fact]
    public void TheWorstIsTheComponentUsingTheLargestShareOfItsTolerance()
    {
        // Tolerances 1e-5 + 1e-3·|2xᵢ|: 2.1e-3 at x = 1, 1.01e-2 at x = 5.
        double[] point = [1, 5, -1];
        static double Square(ReadOnlySpan<double> x) => (x[0] * x[0]) + (x[1] * x[1]) + (x[2] * x[2]);
        SpanGradient<double> Offsets(double d0, double d1) => (x, d) =>
        {
            d[0] = (2 * x[0]) + d0;
            d[1] = (2 * x[1]) + d1;
            d[2] = 2 * x[2];
            return Square(x);
        };

        var passing = GradCheck.Check(Square, Offsets(1.5e-3, 5e-3), point);
        Assert.True(passing.Passed);
        Assert.Equal(0, passing.WorstIndex);
        var failing = GradCheck.Check(Square, Offsets(1.5e-3, 2e-2), point);
        Assert.False(failing.Passed);
        Assert.Equal(1, failing.WorstIndex);
        Assert.Contains("passed; worst component 0 of 3", passing.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ANaNInTheGradientFailsAtItsComponent()
    {
        double[] point = [0.5, -0.25, 2];
        var result = GradCheck.Check(
            x => x[0] + x[1] + x[2],
            (x, d) =>
            {
                d.Fill(1);
                d[1] = double.NaN;
                return 0;
            },
            point);
        Assert.False(result.Passed);
        Assert.Equal(1, result.WorstIndex);
        Assert.True(double.IsNaN(result.Analytical));
    }

    [Fact]
    public void TheStepIsTheDistanceBetweenThePerturbedPointsAsRepresented()
    {
        // Next to 1e9 a double is spaced 1.19e-7, so 1e9 ± 1e-6 lands 8 spacings away (9.54e-7): a difference quotient over
        // the nominal 2·eps would give 0.954 for the slope 1 of x − 1e9 (exact by Sterbenz), out of rtol's 1e-3.
        var result = GradCheck.Check(x => x[0] - 1e9, (x, d) => d[0] = 1, [1e9]);
        Assert.True(result.Passed, result.ToString());
        Assert.Equal(1, result.Numerical);
        Assert.True(GradCheck.Check(x => x - 3000f, _ => 1f, 3000f).Passed);
    }

    [Fact]
    public void ThePointIsLeftAsItWas()
    {
        double[] point = Draw(10, 5);
        double[] copy = [.. point];
        GradCheck.Check(x => x.ToArray().Sum(v => Math.Sin(v)), (x, d) =>
        {
            for (int i = 0; i < x.Length; i++)
            {
                d[i] = Math.Cos(x[i]);
            }

            return 0;
        }, point);
        Assert.Equal(copy, point);
    }

    [Fact]
    public void ArgumentErrorsNameTheirParameter()
    {
        SpanFunction<double> f = x => x[0];
        SpanGradient<double> g = (x, d) => d[0] = 1;
        double[] point = [1];
        Assert.Equal("function", Assert.Throws<ArgumentNullException>(() => GradCheck.Check(null!, g, point)).ParamName);
        Assert.Equal("gradient", Assert.Throws<ArgumentNullException>(() => GradCheck.Assert(f, null!, point)).ParamName);
        Assert.Equal("derivative", Assert.Throws<ArgumentNullException>(() => GradCheck.Check(Activations.Sigmoid, null!, 0.5)).ParamName);
        Assert.Equal("function", Assert.Throws<ArgumentNullException>(() => GradCheck.Assert(null!, Activations.SigmoidDerivative, 0.5f)).ParamName);
        Assert.Equal("point", Assert.Throws<ArgumentException>(() => GradCheck.Check(f, g, ReadOnlySpan<double>.Empty)).ParamName);
        Assert.Equal("eps", Assert.Throws<ArgumentOutOfRangeException>(() => GradCheck.Check(f, g, point, eps: 0)).ParamName);
        Assert.Equal("eps", Assert.Throws<ArgumentOutOfRangeException>(() => GradCheck.Check(f, g, point, eps: double.NaN)).ParamName);
        Assert.Equal("atol", Assert.Throws<ArgumentOutOfRangeException>(() => GradCheck.Check(f, g, point, atol: -1e-5)).ParamName);
        Assert.Equal("rtol", Assert.Throws<ArgumentOutOfRangeException>(() => GradCheck.Check(f, g, point, rtol: double.PositiveInfinity)).ParamName);
        var lost = Assert.Throws<ArgumentOutOfRangeException>(() => GradCheck.Check(f, g, [1e12]));
        Assert.Equal("eps", lost.ParamName);
        Assert.Contains("component 0", lost.Message, StringComparison.Ordinal);
        Assert.Equal("eps", Assert.Throws<ArgumentOutOfRangeException>(() => GradCheck.Check(x => x, _ => 1f, 1e4f, eps: 1e-4)).ParamName);
    }
}
