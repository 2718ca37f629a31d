using System;
using System.Linq;
using Xunit;

namespace SymGrad.Runtime.Tests;

/// <summary>
/// The values the initializers draw: within the bounds, with the mean and spread of their distribution (to within
/// six standard errors on 200 000 values, so a wrong scale or a biased sampler fails while the seeded draw passes), and
/// the same for the same seed.
/// </summary>
public sealed class InitializerTests
{
    private const int Rows = 400;
    private const int Columns = 500;
    private static readonly int[] Shape = [Rows, Columns];

    [Fact]
    public void XavierUniformStaysWithinItsBoundAndHasItsVariance()
    {
        var w = new double[Rows * Columns];
        Initializers.XavierUniform(w, Shape, new Random(7), gain: 2);
        AssertUniform(w, Initializers.XavierUniformBound(Shape, 2));
    }

    [Fact]
    public void KaimingUniformInFloatStaysWithinItsBoundAndHasItsVariance()
    {
        var w = new float[Rows * Columns];
        Initializers.KaimingUniform(w, Shape, new Random(8), a: 0.2, mode: FanMode.FanOut);
        AssertUniform([.. w.Select(v => (double)v)], (float)Initializers.KaimingUniformBound(Shape, 0.2, FanMode.FanOut));
    }

    [Fact]
    public void XavierNormalInFloatHasItsMeanAndStd()
    {
        var w = new float[Rows * Columns];
        Initializers.XavierNormal(w, Shape, new Random(9), gain: 5.0 / 3);
        AssertNormal([.. w.Select(v => (double)v)], Initializers.XavierNormalStd(Shape, 5.0 / 3));
    }

    [Fact]
    public void KaimingNormalHasItsMeanAndStdForAConvolutionShape()
    {
        int[] shape = [64, 50, 5, 5];
        var w = new double[64 * 50 * 5 * 5];
        Initializers.KaimingNormal(w, shape, new Random(10), nonlinearity: Nonlinearity.Relu);
        AssertNormal(w, Initializers.KaimingNormalStd(shape, 0, FanMode.FanIn, Nonlinearity.Relu));
    }

    [Fact]
    public void AnOddLengthIsFilledToTheLastElement()
    {
        var w = Enumerable.Repeat(double.NaN, 3 * 7).ToArray();
        Initializers.KaimingNormal(w, [3, 7], new Random(11));
        Assert.All(w, v => Assert.True(double.IsFinite(v) && v != 0));
    }

    [Fact]
    public void TheSameSeedGivesTheSameValuesAndAnotherSeedOthers()
    {
        double[] Draw(int seed)
        {
            var w = new double[6 * 4 * 3 * 3];
            Initializers.XavierNormal(w, [6, 4, 3, 3], new Random(seed));
            return w;
        }

        float[] DrawFloat(int seed)
        {
            var w = new float[6 * 4];
            Initializers.KaimingUniform(w, [6, 4], new Random(seed));
            return w;
        }

        Assert.Equal(Draw(42), Draw(42));
        Assert.NotEqual(Draw(42), Draw(43));
        Assert.Equal(DrawFloat(42), DrawFloat(42));
        Assert.NotEqual(DrawFloat(42), DrawFloat(43));
    }

    [Fact]
    public void ArgumentErrorsNameTheirParameter()
    {
        var w = new double[12];
        var random = new Random(1);
        Assert.Equal("tensor", Assert.Throws<ArgumentException>(() => Initializers.XavierUniform(w, [3, 5], random)).ParamName);
        Assert.Equal("tensor", Assert.Throws<ArgumentException>(() => Initializers.KaimingNormal(new float[12], [2, 3, 3], random)).ParamName);
        Assert.Equal("shape", Assert.Throws<ArgumentException>(() => Initializers.XavierNormal(w, [12], random)).ParamName);
        Assert.Equal("shape", Assert.Throws<ArgumentOutOfRangeException>(() => Initializers.CalculateFanInAndFanOut([3, -4])).ParamName);
        Assert.Equal("shape", Assert.Throws<ArgumentException>(() => Initializers.CalculateFanInAndFanOut([2, 65536, 65536])).ParamName);
        Assert.Equal("shape", Assert.Throws<ArgumentException>(() => Initializers.XavierUniform(Span<double>.Empty, [0, 0], random)).ParamName);
        Assert.Equal("random", Assert.Throws<ArgumentNullException>(() => Initializers.KaimingUniform(w, [3, 4], null!)).ParamName);
        Assert.Equal("gain", Assert.Throws<ArgumentOutOfRangeException>(() => Initializers.XavierUniform(w, [3, 4], random, gain: -1)).ParamName);
        Assert.Equal("gain", Assert.Throws<ArgumentOutOfRangeException>(() => Initializers.XavierNormal(new float[12], [3, 4], random, gain: double.NaN)).ParamName);
        Assert.Equal("a", Assert.Throws<ArgumentOutOfRangeException>(() => Initializers.KaimingUniform(w, [3, 4], random, a: double.PositiveInfinity)).ParamName);
        Assert.Equal("mode", Assert.Throws<ArgumentOutOfRangeException>(() => Initializers.KaimingNormal(w, [3, 4], random, mode: (FanMode)2)).ParamName);
        Assert.Equal("nonlinearity", Assert.Throws<ArgumentOutOfRangeException>(() => Initializers.KaimingUniform(w, [3, 4], random, nonlinearity: (Nonlinearity)99)).ParamName);
        Assert.Equal("param", Assert.Throws<ArgumentOutOfRangeException>(() => Initializers.CalculateGain(Nonlinearity.LeakyRelu, double.NaN)).ParamName);
        Assert.All(w, v => Assert.Equal(0, v));
    }

    /// <summary>U(−b, b): every value within ±b, both ends reached to within 0.1 %, mean 0 and variance b²/3 to six standard errors.</summary>
    private static void AssertUniform(double[] w, double bound)
    {
        Assert.All(w, v => Assert.InRange(v, -bound, bound));
        Assert.True(w.Max() > bound * 0.999 && w.Min() < -bound * 0.999, $"the values do not reach ±{bound:R}: [{w.Min():R}, {w.Max():R}]");
        double n = w.Length, variance = bound * bound / 3;
        AssertNear(0, w.Average(), 6 * Math.Sqrt(variance / n), "mean");

        // The variance of x² for U(−b, b) is b⁴/5 − b⁴/9 = 4b⁴/45.
        AssertNear(variance, w.Average(v => v * v), 6 * Math.Sqrt(4 * Math.Pow(bound, 4) / 45 / n), "variance");
    }

    /// <summary>N(0, σ²): mean 0 and variance σ² to six standard errors, and 68.27 % of the values within one σ.</summary>
    private static void AssertNormal(double[] w, double std)
    {
        double n = w.Length, variance = std * std;
        AssertNear(0, w.Average(), 6 * std / Math.Sqrt(n), "mean");

        // The variance of x² for N(0, σ²) is 2σ⁴.
        AssertNear(variance, w.Average(v => v * v), 6 * Math.Sqrt(2 / n) * variance, "variance");
        const double withinOneSigma = 0.68268949213708585;
        AssertNear(withinOneSigma, w.Count(v => Math.Abs(v) <= std) / n, 6 * Math.Sqrt(withinOneSigma * (1 - withinOneSigma) / n), "share within one std");
    }

    private static void AssertNear(double expected, double actual, double tolerance, string what) =>
        Assert.True(Math.Abs(actual - expected) <= tolerance, $"{what}: expected {expected:R} ± {tolerance:R}, got {actual:R}");
}
