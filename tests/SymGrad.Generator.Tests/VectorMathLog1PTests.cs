using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.Intrinsics;
using Xunit;
using Xunit.Abstractions;

namespace SymGrad.Generator.Tests;

/// <summary>
/// <see cref="VectorMath"/>'s log1p, which the generated softplus calls in scalar and vector code: every overload against
/// the correctly rounded ln(1 + x) (60-digit references for double, the double function of an exact argument for float),
/// the vector overloads lane by lane against the scalar one, and the special values of C's log1p.
/// </summary>
public sealed class VectorMathLog1PTests(ITestOutputHelper output)
{
    // From 2⁻²⁹ up, 1 + x is exact in double for every float x.
    private const double TwoToMinus29 = 1.862645149230957E-09;

    [Fact]
    public void DoubleIsWithinOneUlpOfTheCorrectlyRoundedResult()
    {
        // Data/log1p-reference.txt: x and ln(1 + x) correctly rounded, from mpmath (Data/log1p-reference.py).
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Data", "log1p-reference.txt"));
        var points = lines.Select(line => line.Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        Assert.Equal(2000, points.Length);
        var misses = 0;
        foreach (var point in points)
        {
            var (x, expected) = (point[0], point[1]);
            var actual = AgreeingDouble(x);
            Assert.True(Ulps(actual, expected) <= 1, $"Log1P({x:R}) = {actual:R}, correctly rounded {expected:R}.");
            misses += actual.Equals(expected) ? 0 : 1;
        }

        output.WriteLine($"double log1p: {misses} of {points.Length} reference points not correctly rounded");
        Assert.True(misses < points.Length / 100, $"{misses} of {points.Length} not correctly rounded.");
    }

    [Fact]
    public void DoubleAgreesWithMathLogWhereOnePlusXIsExact()
    {
        // x = u − 1 is exact for u in [0.5, 2⁵³), so ln(1 + x) is Math.Log(u): a dense check of the reduction and the
        // series; and below 2⁻²⁰, where 1 + x is rounded, x − x²/2 + x³/3 − x⁴/4 is ln(1 + x) to far below an ulp.
        var random = new Random(5);
        for (var i = 0; i < 200_000; i++)
        {
            var u = i % 2 == 0 ? 0.5 + (random.NextDouble() * 3.5) : Math.Exp(random.NextDouble() * 36);
            var x = u - 1;
            var actual = AgreeingDouble(x);
            Assert.True(Ulps(actual, Math.Log(u)) <= 1, $"Log1P({x:R}) = {actual:R}, Math.Log({u:R}) = {Math.Log(u):R}.");

            var tiny = Math.CopySign(Math.Pow(2, -20 - (random.NextDouble() * 1050)), random.NextDouble() - 0.5);
            var series = tiny + (tiny * tiny * ((tiny * ((1.0 / 3) - (tiny / 4))) - 0.5));
            Assert.True(Ulps(AgreeingDouble(tiny), series) <= 1, $"Log1P({tiny:R}) = {AgreeingDouble(tiny):R}, series {series:R}.");
        }
    }

    [Fact]
    public void DoubleSpecialValuesAreThoseOfCsLog1P()
    {
        AssertBits(-0.0, AgreeingDouble(-0.0));
        AssertBits(0.0, AgreeingDouble(0.0));
        foreach (var x in new[] { double.Epsilon, -double.Epsilon, 1e-310, -2.2250738585072014E-308, 1e-300, -1e-20 })
        {
            AssertBits(x, AgreeingDouble(x));
        }

        Assert.Equal(double.NegativeInfinity, AgreeingDouble(-1));
        Assert.Equal(double.PositiveInfinity, AgreeingDouble(double.PositiveInfinity));
        foreach (var x in new[] { -1.0000000000000002, -1.5, -1e300, double.NegativeInfinity, double.NaN, BitConverter.Int64BitsToDouble(-1) })
        {
            Assert.True(double.IsNaN(AgreeingDouble(x)), $"Log1P({x:R}) = {AgreeingDouble(x):R}, not NaN.");
        }

        Assert.True(Ulps(AgreeingDouble(double.MaxValue), Math.Log(double.MaxValue)) <= 1);
        Assert.Equal(Math.Log(2), AgreeingDouble(1));
        Assert.Equal(-Math.Log(2), AgreeingDouble(-0.5));
    }

    [Fact]
    public void FloatIsWithinOneUlpOnTheAtanhRangeAndAgreesWithTheScalarOverload()
    {
        // Every 1021st float in [−0.5, 1], and every float within 2¹² of −0.5, 0 (from both sides) and 1, where the fast
        // path begins and ends. On this range the scalar overload computes what the vector ones do, bit for bit.
        // (Every float of the range was checked once: within 0.94 ulp of the exact result, 0.18 % not correctly rounded.)
        var points = Stride(-0.5f, 1f, 1021)
            .Concat(Neighbours(-0.5f, 4096).Where(x => x >= -0.5f))
            .Concat(Neighbours(1f, 4096).Where(x => x <= 1f))
            .Concat(Neighbours(0f, 4096))
            .ToArray();
        var misses = 0L;
        ForEachLane(points, (x, lane) =>
        {
            AssertBits(VectorMath.Log1P(x), lane);
            var expected = (float)ExactLog1P(x);
            Assert.True(Ulps(lane, expected) <= 1, $"Log1P({x:R}f) = {lane:R}, correctly rounded {expected:R}.");
            misses += lane.Equals(expected) ? 0 : 1;
        });

        output.WriteLine($"float log1p on [−0.5, 1]: {misses} of {points.Length} not correctly rounded");
        Assert.True(misses < points.Length / 200, $"{misses} of {points.Length} not correctly rounded.");
    }

    [Fact]
    public void FloatIsWithinOneUlpOutsideTheAtanhRange()
    {
        // Every 37th float from −1 to −0.5, every 331st from 1 to 1e6, every 10 007th one beyond, and the neighbours of
        // the seams: the vector overloads take ln u plus the rounding error of u over u; the scalar one computes in double.
        // (Every float there was checked once: within 1.0 ulp of the exact result.)
        var points = Stride(-1f, -0.5f, 37)
            .Concat(Stride(1f, 1e6f, 331))
            .Concat(Stride(1e6f, float.MaxValue, 10_007))
            .Concat(Neighbours(-0.5f, 4096).Where(x => x < -0.5f))
            .Concat(Neighbours(1f, 4096).Where(x => x > 1f))
            .ToArray();
        ForEachLane(points, (x, lane) =>
        {
            var expected = (float)ExactLog1P(x);
            Assert.True(Ulps(lane, expected) <= 1, $"Log1P({x:R}f) = {lane:R}, correctly rounded {expected:R}.");
            Assert.True(Ulps(VectorMath.Log1P(x), expected) <= 1, $"scalar Log1P({x:R}f) = {VectorMath.Log1P(x):R}, correctly rounded {expected:R}.");
        });
    }

    [Fact]
    public void FloatSpecialValuesAreThoseOfCsLog1P()
    {
        foreach (var x in new[] { 0f, -0f, float.Epsilon, -float.Epsilon, 1e-40f, -1.17549435E-38f, 1e-30f, -1e-20f, 1e-8f })
        {
            ForEachLane([x], (_, lane) => AssertBits(x, lane));
            AssertBits(x, VectorMath.Log1P(x));
        }

        foreach (var (x, expected) in new[] { (-1f, float.NegativeInfinity), (float.PositiveInfinity, float.PositiveInfinity), (float.MaxValue, 88.72284f) })
        {
            ForEachLane([x], (_, lane) => Assert.Equal(expected, lane));
            Assert.Equal(expected, VectorMath.Log1P(x));
        }

        var nans = new[] { -1.0000001f, -1.5f, -1e30f, float.NegativeInfinity, float.NaN, BitConverter.Int32BitsToSingle(0x7FC00001), BitConverter.Int32BitsToSingle(-1) };
        ForEachLane(nans, (x, lane) => Assert.True(float.IsNaN(lane), $"Log1P({x:R}f) = {lane:R}, not NaN."));
        Assert.All(nans, x => Assert.True(float.IsNaN(VectorMath.Log1P(x))));
    }

    [Fact]
    public void FloatLanesDoNotDependOnTheirNeighbours()
    {
        // A lane outside [−0.5, 1] sends the whole vector down the slower path; the other lanes must not change.
        var random = new Random(23);
        float[] outOfRange = [-1f, -0.75f, 1.5f, 1e20f, float.NaN, float.PositiveInfinity, -2f];
        for (var i = 0; i < 2_000; i++)
        {
            var lanes = Enumerable.Range(0, 16).Select(_ => (random.NextSingle() * 1.5f) - 0.5f).ToArray();
            var alone = VectorMath.Log1P(Vector512.Create(lanes));
            lanes[i % 16] = outOfRange[i % outOfRange.Length];
            var mixed = VectorMath.Log1P(Vector512.Create(lanes));
            var mixedLower = VectorMath.Log1P(Vector256.Create((ReadOnlySpan<float>)lanes.AsSpan(0, 8)));
            for (var k = 0; k < 16; k++)
            {
                Assert.True(k == i % 16 || alone[k].Equals(mixed[k]), $"Log1P({lanes[k]:R}) = {alone[k]:R} alone, {mixed[k]:R} beside {lanes[i % 16]:R}.");
            }

            for (var k = 0; k < 8; k++)
            {
                Assert.True(k == i % 16 || alone[k].Equals(mixedLower[k]), $"Vector256 Log1P({lanes[k]:R}) = {mixedLower[k]:R}, {alone[k]:R} alone.");
            }
        }
    }

    /// <summary>ln(1 + x) for a float x, from the double logarithm of the exact 1 + x, or its series where |x| &lt; 2⁻²⁹.</summary>
    private static double ExactLog1P(float x)
    {
        double v = x;
        return Math.Abs(v) < TwoToMinus29 ? v + (v * v * ((v / 3) - 0.5)) : Math.Log(1 + v);
    }

    /// <summary>The scalar overload's result, after checking that both vector overloads give it too in every lane.</summary>
    private static double AgreeingDouble(double x)
    {
        var scalar = VectorMath.Log1P(x);
        var narrow = VectorMath.Log1P(Vector256.Create(x));
        var wide = VectorMath.Log1P(Vector512.Create(x));
        for (var k = 0; k < 8; k++)
        {
            AssertBits(scalar, k < 4 ? narrow[k] : wide[k]);
        }

        return scalar;
    }

    /// <summary>Every point through Vector512 and, in two halves, Vector256, which must agree bit for bit; then <paramref name="check"/> on each lane.</summary>
    private static void ForEachLane(float[] points, Action<float, float> check)
    {
        var padded = points.Concat(Enumerable.Repeat(0.25f, 16)).ToArray();
        for (var i = 0; i < points.Length; i += 16)
        {
            var x = padded.AsSpan(i, 16);
            var wide = VectorMath.Log1P(Vector512.Create((ReadOnlySpan<float>)x));
            var lower = VectorMath.Log1P(Vector256.Create((ReadOnlySpan<float>)x[..8]));
            var upper = VectorMath.Log1P(Vector256.Create((ReadOnlySpan<float>)x[8..]));
            for (var k = 0; k < 16 && i + k < points.Length; k++)
            {
                AssertBits(wide[k], k < 8 ? lower[k] : upper[k - 8]);
                check(x[k], wide[k]);
            }
        }
    }

    private static void AssertBits(double expected, double actual) =>
        Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual), $"{actual:R} where {expected:R} was expected, bit for bit.");

    private static void AssertBits(float expected, float actual) =>
        Assert.True(BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(actual), $"{actual:R} where {expected:R} was expected, bit for bit.");

    /// <summary>The floats from <paramref name="from"/> to <paramref name="to"/> (both included), every <paramref name="step"/>th one.</summary>
    private static IEnumerable<float> Stride(float from, float to, int step)
    {
        for (var o = Ordered(from); o < Ordered(to); o += step)
        {
            yield return FromOrdered(o);
        }

        yield return to;
    }

    /// <summary><paramref name="x"/> and the <paramref name="count"/> floats on either side of it.</summary>
    private static IEnumerable<float> Neighbours(float x, int count) =>
        Enumerable.Range(-count, (2 * count) + 1).Select(i => FromOrdered(Ordered(x) + i));

    private static long Ordered(float x)
    {
        var bits = BitConverter.SingleToInt32Bits(x);
        return bits < 0 ? int.MinValue - (long)bits : bits;
    }

    private static float FromOrdered(long ordered) => BitConverter.Int32BitsToSingle((int)(ordered < 0 ? int.MinValue - ordered : ordered));

    private static long Ulps(float actual, float expected) =>
        actual.Equals(expected) ? 0
        : float.IsNaN(actual) || float.IsNaN(expected) ? long.MaxValue
        : Math.Abs(Ordered(actual) - Ordered(expected));

    private static long Ulps(double actual, double expected)
    {
        if (actual.Equals(expected))
        {
            return 0;
        }

        if (double.IsNaN(actual) || double.IsNaN(expected))
        {
            return long.MaxValue;
        }

        static long Ordered(double x)
        {
            var bits = BitConverter.DoubleToInt64Bits(x);
            return bits < 0 ? long.MinValue - bits : bits;
        }

        return (long)Int128.Abs((Int128)Ordered(actual) - Ordered(expected));
    }
}
