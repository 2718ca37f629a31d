using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.Intrinsics;
using Xunit;
using Xunit.Abstractions;

namespace SymGrad.Generator.Tests;

/// <summary>
/// <see cref="VectorMath"/>, which the vectorized span forms call where the scalar code calls Math.Exp, Math.Log and
/// Math.Tanh: over hundreds of thousands of points, tiny, huge, ±1000, subnormal and special ones included, every lane
/// is within 1 ulp (exp, log) or 2 ulp (tanh) of the scalar function, and Vector256 and Vector512 agree bit for bit.
/// </summary>
public sealed class VectorMathTests(ITestOutputHelper output)
{
    private static readonly double[] Special =
    [
        0, -0.0, 1, -1, 0.5, -0.5, 1e-300, -1e-300, 1e-30, -1e-20, double.Epsilon, -double.Epsilon, 2.2250738585072014E-308,
        1000, -1000, 1e4, -1e4, 700, 709.78, 709.79, 710, -708.4, -745.1, -745.2, -746, 88.72, 88.73, -87.3, -103.9, -104,
        0.4, -0.4, 0.39999999999999997, 22, -22, 21.99, 9.01, 19.1, 0.6931471805599453, 1.7976931348623157E+308, -1.7976931348623157E+308,
        double.PositiveInfinity, double.NegativeInfinity, double.NaN,
    ];

    public static TheoryData<string, double> DoubleBounds => new() { { "Exp", 1 }, { "Log", 1 }, { "Tanh", 2 } };

    [Theory]
    [MemberData(nameof(DoubleBounds))]
    public void DoubleFunctionsAgreeWithMath(string function, double bound)
    {
        Func<double, double> scalar = function switch { "Exp" => Math.Exp, "Log" => Math.Log, _ => Math.Tanh };
        Func<Vector512<double>, Vector512<double>> wide = function switch { "Exp" => VectorMath.Exp, "Log" => VectorMath.Log, _ => VectorMath.Tanh };
        Func<Vector256<double>, Vector256<double>> narrow = function switch { "Exp" => VectorMath.Exp, "Log" => VectorMath.Log, _ => VectorMath.Tanh };
        var points = Points(function, 400_000);
        var worst = 0L;
        var mismatches = 0;
        var worstAt = 0.0;
        for (var i = 0; i + 8 <= points.Length; i += 8)
        {
            var x = points.AsSpan(i, 8);
            var w = wide(Vector512.Create((ReadOnlySpan<double>)x));
            var lower = narrow(Vector256.Create((ReadOnlySpan<double>)x[..4]));
            var upper = narrow(Vector256.Create((ReadOnlySpan<double>)x[4..]));
            for (var k = 0; k < 8; k++)
            {
                Assert.True(w[k].Equals(k < 4 ? lower[k] : upper[k - 4]), $"{function}({x[k]:R}): Vector512 gives {w[k]:R}, Vector256 {(k < 4 ? lower[k] : upper[k - 4]):R}.");
                var expected = scalar(x[k]);
                var ulps = Ulps(w[k], expected);
                Assert.True(ulps <= bound, $"{function}({x[k]:R}) = {w[k]:R}, Math gives {expected:R}: {ulps} ulp apart.");
                mismatches += ulps > 0 ? 1 : 0;
                if (ulps > worst)
                {
                    (worst, worstAt) = (ulps, x[k]);
                }
            }
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"double {function}: {points.Length} points, {mismatches} differ from Math.{function} ({100.0 * mismatches / points.Length:0.###} %), worst {worst} ulp at {worstAt:R}"));
    }

    public static TheoryData<string, double> SingleBounds => new() { { "Exp", 1 }, { "Log", 1 }, { "Tanh", 2 } };

    [Theory]
    [MemberData(nameof(SingleBounds))]
    public void FloatFunctionsAgreeWithMathF(string function, double bound)
    {
        Func<float, float> scalar = function switch { "Exp" => MathF.Exp, "Log" => MathF.Log, _ => MathF.Tanh };
        Func<Vector512<float>, Vector512<float>> wide = function switch { "Exp" => VectorMath.Exp, "Log" => VectorMath.Log, _ => VectorMath.Tanh };
        Func<Vector256<float>, Vector256<float>> narrow = function switch { "Exp" => VectorMath.Exp, "Log" => VectorMath.Log, _ => VectorMath.Tanh };
        var points = Points(function, 400_000).Select(x => (float)x).ToArray();
        var worst = 0L;
        var mismatches = 0;
        var worstAt = 0f;
        for (var i = 0; i + 16 <= points.Length; i += 16)
        {
            var x = points.AsSpan(i, 16);
            var w = wide(Vector512.Create((ReadOnlySpan<float>)x));
            var lower = narrow(Vector256.Create((ReadOnlySpan<float>)x[..8]));
            var upper = narrow(Vector256.Create((ReadOnlySpan<float>)x[8..]));
            for (var k = 0; k < 16; k++)
            {
                Assert.True(w[k].Equals(k < 8 ? lower[k] : upper[k - 8]), $"{function}({x[k]:R}): Vector512 gives {w[k]:R}, Vector256 {(k < 8 ? lower[k] : upper[k - 8]):R}.");
                var expected = scalar(x[k]);
                var ulps = Ulps(w[k], expected);
                Assert.True(ulps <= bound, $"{function}({x[k]:R}) = {w[k]:R}, MathF gives {expected:R}: {ulps} ulp apart.");
                mismatches += ulps > 0 ? 1 : 0;
                if (ulps > worst)
                {
                    (worst, worstAt) = (ulps, x[k]);
                }
            }
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"float {function}: {points.Length} points, {mismatches} differ from MathF.{function} ({100.0 * mismatches / points.Length:0.###} %), worst {worst} ulp at {worstAt:R}"));
    }

    [Fact]
    public void SpecialValuesAreMathsOwn()
    {
        foreach (var x in Special)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(Math.Tanh(x)) == BitConverter.DoubleToInt64Bits(-0.0), BitConverter.DoubleToInt64Bits(VectorMath.Tanh(Vector512.Create(x))[0]) == BitConverter.DoubleToInt64Bits(-0.0));
            foreach (var (name, expected, actual) in new[]
            {
                ("Exp", Math.Exp(x), VectorMath.Exp(Vector256.Create(x))[0]),
                ("Log", Math.Log(x), VectorMath.Log(Vector256.Create(x))[0]),
                ("Tanh", Math.Tanh(x), VectorMath.Tanh(Vector256.Create(x))[0]),
            })
            {
                if (!double.IsFinite(expected) || expected == 0)
                {
                    Assert.True(expected.Equals(actual), $"{name}({x:R}) = {actual:R}, not {expected:R}.");
                }
            }

            var f = (float)x;
            foreach (var (name, expected, actual) in new[]
            {
                ("Exp", MathF.Exp(f), VectorMath.Exp(Vector256.Create(f))[0]),
                ("Log", MathF.Log(f), VectorMath.Log(Vector256.Create(f))[0]),
                ("Tanh", MathF.Tanh(f), VectorMath.Tanh(Vector256.Create(f))[0]),
            })
            {
                if (!float.IsFinite(expected) || expected == 0 || MathF.Abs(expected) == 1)
                {
                    Assert.True(expected.Equals(actual), $"{name}({f:R}f) = {actual:R}, not {expected:R}.");
                }
            }
        }
    }

    [Fact]
    public void FloatExpRoundsOnceNearOverflowAndThroughTheSubnormals()
    {
        // Every float within 4 096 ulp of ln(float.MaxValue) ≈ 88.7228, and every 97th one from −87.3 (the last
        // normal results) to −104 (below which every result rounds to 0).
        var points = Neighbours(88.72283f, 4096).Concat(Stride(-87.3f, -104f, 97)).ToArray();
        AssertFloatWithin("Exp", points, ofMathF: 1, ofExact: 1);
        Assert.Equal(float.PositiveInfinity, VectorMath.Exp(Vector512.Create(88.73f))[0]);
        Assert.Equal(3.4027e38f, VectorMath.Exp(Vector256.Create(88.7228f))[0], 0.0001e38f);
        Assert.Equal(float.Epsilon, VectorMath.Exp(Vector512.Create(-103.9f))[0]);
        Assert.Equal(0f, VectorMath.Exp(Vector256.Create(-104f))[0]);
        Assert.Equal(0f, VectorMath.Exp(Vector512.Create(float.MinValue))[0]);
    }

    [Fact]
    public void FloatLogOfSubnormalsIsWithinOneUlp()
    {
        // Every 211th subnormal, every power of two down to float.Epsilon, and the smallest normals.
        var points = Stride(float.Epsilon, 1.1754942E-38f, 211)
            .Concat(Enumerable.Range(0, 24).Select(i => MathF.ScaleB(1, -149 + i)))
            .Concat(Neighbours(1.17549435E-38f, 64).Where(x => x > 0))
            .ToArray();
        AssertFloatWithin("Log", points, ofMathF: 1, ofExact: 1);
        Assert.Equal(-103.27893f, VectorMath.Log(Vector512.Create(float.Epsilon))[0]);
    }

    [Fact]
    public void FloatTanhIsWithinOneUlpOfExactAroundItsSeam()
    {
        // tanh switches from its polynomial to 1 − 2e/(1 + e) at |x| = 0.8: every float within 2¹⁶ ulp of it, both signs.
        var points = Neighbours(0.8f, 1 << 16).SelectMany(x => new[] { x, -x }).ToArray();
        AssertFloatWithin("Tanh", points, ofMathF: 2, ofExact: 1);
    }

    [Fact]
    public void FloatTanhIsXNearZeroAndSaturatesToOne()
    {
        // Below 1e-4 the correctly rounded tanh x is x itself, subnormals and −0 included.
        var tiny = Stride(float.Epsilon, 1e-4f, 100_003).Concat([0f, -0f, 1e-4f, 2.4414062E-4f]).SelectMany(x => new[] { x, -x }).ToArray();
        AssertFloatWithin("Tanh", tiny, ofMathF: 2, ofExact: 0);
        foreach (var x in tiny)
        {
            Assert.Equal(BitConverter.SingleToInt32Bits(x), BitConverter.SingleToInt32Bits(VectorMath.Tanh(Vector256.Create(x))[0]));
        }

        // Above 9.01 tanh x rounds to 1; up to there the exp form is within 1 ulp.
        AssertFloatWithin("Tanh", Stride(8f, 9.2f, 53).ToArray(), ofMathF: 2, ofExact: 1);
        foreach (var x in Stride(9.02f, float.MaxValue, 10_007).Append(float.PositiveInfinity))
        {
            Assert.Equal(1f, VectorMath.Tanh(Vector512.Create(x))[0]);
            Assert.Equal(-1f, VectorMath.Tanh(Vector256.Create(-x))[0]);
        }
    }

    [Fact]
    public void FloatLanesDoNotDependOnTheirNeighbours()
    {
        // Exp and Log take a slower path for a whole vector when one lane is out of their fast range; the other
        // lanes must come out bit for bit the same.
        var random = new Random(17);
        foreach (var (function, inRange, outOfRange) in new (string, Func<float>, float[])[]
        {
            ("Exp", () => (random.NextSingle() * 174) - 87, [float.NaN, -100f, 88.5f, float.PositiveInfinity, float.NegativeInfinity]),
            ("Log", () => MathF.Exp((random.NextSingle() * 170) - 85), [0f, -1f, float.Epsilon, float.NaN, float.PositiveInfinity]),
        })
        {
            Func<Vector512<float>, Vector512<float>> f = function == "Exp" ? VectorMath.Exp : VectorMath.Log;
            for (var i = 0; i < 2_000; i++)
            {
                var lanes = Enumerable.Range(0, 16).Select(_ => inRange()).ToArray();
                var alone = f(Vector512.Create(lanes));
                lanes[i % 16] = outOfRange[i % outOfRange.Length];
                var mixed = f(Vector512.Create(lanes));
                for (var k = 0; k < 16; k++)
                {
                    Assert.True(k == i % 16 || alone[k].Equals(mixed[k]), $"{function}({lanes[k]:R}) = {alone[k]:R} alone, {mixed[k]:R} beside {lanes[i % 16]:R}.");
                }
            }
        }
    }

    [Fact]
    public void FloatNaNsWithPayloadsStayNaN()
    {
        foreach (var bits in new[] { 0x7FC00000, unchecked((int)0xFFC00000), 0x7FC00001, 0x7F800001, 0x7FC0FFFF, -1 })
        {
            var x = BitConverter.Int32BitsToSingle(bits);
            foreach (var (name, wide, narrow) in new[]
            {
                ("Exp", VectorMath.Exp(Vector512.Create(x))[0], VectorMath.Exp(Vector256.Create(x))[0]),
                ("Log", VectorMath.Log(Vector512.Create(x))[0], VectorMath.Log(Vector256.Create(x))[0]),
                ("Tanh", VectorMath.Tanh(Vector512.Create(x))[0], VectorMath.Tanh(Vector256.Create(x))[0]),
            })
            {
                Assert.True(float.IsNaN(wide) && float.IsNaN(narrow), $"{name}(NaN 0x{bits:X8}) = {wide:R}, {narrow:R}.");
            }
        }
    }

    [Fact]
    public void ClampIsMathClampLaneByLane()
    {
        double[] values = [-5, -3, -2.5, -0.0, 0, 0.25, 2, 3, 7, double.NaN, double.NegativeInfinity, double.PositiveInfinity];
        foreach (var (low, high) in new[] { (-3.0, 2.0), (0.0, 1.0), (-0.0, 0.0), (2.0, 2.0) })
        {
            foreach (var v in values)
            {
                var expected = Math.Clamp(v, low, high);
                var actual = VectorMath.Clamp(Vector512.Create(v), Vector512.Create(low), Vector512.Create(high))[0];
                Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual), $"Clamp({v:R}, {low:R}, {high:R}) = {actual:R}, not {expected:R}.");
                var single = VectorMath.Clamp(Vector256.Create((float)v), Vector256.Create((float)low), Vector256.Create((float)high))[0];
                Assert.True(BitConverter.SingleToInt32Bits(Math.Clamp((float)v, (float)low, (float)high)) == BitConverter.SingleToInt32Bits(single));
            }
        }
    }

    /// <summary>The special values, then random ones where the function is interesting, and a spread over every magnitude.</summary>
    private static double[] Points(string function, int count)
    {
        var random = new Random(function.Length * 7919);
        var points = new List<double>(Special);
        points.AddRange(Special.Select(s => -s));
        while (points.Count < count)
        {
            points.Add((random.Next(4), function) switch
            {
                (0, _) => Math.CopySign(Math.Pow(10, (random.NextDouble() * 640) - 320), random.NextDouble() - 0.5),
                (1, _) => BitConverter.Int64BitsToDouble(random.NextInt64(1, 1L << 52)),
                (_, "Exp") => (random.NextDouble() * 1460) - 750,
                (_, "Log") => Math.Exp((random.NextDouble() * 1400) - 700) * (random.Next(16) == 0 ? 1 : random.NextDouble() + 0.5),
                _ => (random.NextDouble() * 50) - 25,
            });
        }

        return [.. points.Take(count)];
    }

    /// <summary>
    /// Every point through both widths (which must agree bit for bit), within <paramref name="ofMathF"/> ulp of MathF and
    /// <paramref name="ofExact"/> ulp of the correctly rounded result (the double function rounded to float).
    /// </summary>
    private static void AssertFloatWithin(string function, float[] points, long ofMathF, long ofExact)
    {
        Func<float, float> scalar = function switch { "Exp" => MathF.Exp, "Log" => MathF.Log, _ => MathF.Tanh };
        Func<double, double> exact = function switch { "Exp" => Math.Exp, "Log" => Math.Log, _ => Math.Tanh };
        Func<Vector512<float>, Vector512<float>> wide = function switch { "Exp" => VectorMath.Exp, "Log" => VectorMath.Log, _ => VectorMath.Tanh };
        Func<Vector256<float>, Vector256<float>> narrow = function switch { "Exp" => VectorMath.Exp, "Log" => VectorMath.Log, _ => VectorMath.Tanh };
        var padded = points.Concat(Enumerable.Repeat(1f, 16)).ToArray();
        for (var i = 0; i < points.Length; i += 16)
        {
            var x = padded.AsSpan(i, 16);
            var w = wide(Vector512.Create((ReadOnlySpan<float>)x));
            var lower = narrow(Vector256.Create((ReadOnlySpan<float>)x[..8]));
            var upper = narrow(Vector256.Create((ReadOnlySpan<float>)x[8..]));
            for (var k = 0; k < 16 && i + k < points.Length; k++)
            {
                var n = k < 8 ? lower[k] : upper[k - 8];
                Assert.True(w[k].Equals(n), $"{function}({x[k]:R}): Vector512 gives {w[k]:R}, Vector256 {n:R}.");
                Assert.True(Ulps(w[k], scalar(x[k])) <= ofMathF, $"{function}({x[k]:R}) = {w[k]:R}, MathF gives {scalar(x[k]):R}.");
                Assert.True(Ulps(w[k], (float)exact(x[k])) <= ofExact, $"{function}({x[k]:R}) = {w[k]:R}, correctly rounded {(float)exact(x[k]):R}.");
            }
        }
    }

    /// <summary>The floats from <paramref name="from"/> to <paramref name="to"/> (both included), every <paramref name="step"/>th one.</summary>
    private static IEnumerable<float> Stride(float from, float to, int step)
    {
        var (low, high) = (Ordered(BitConverter.SingleToInt32Bits(from)), Ordered(BitConverter.SingleToInt32Bits(to)));
        var direction = high >= low ? step : -step;
        for (var o = low; direction > 0 ? o < high : o > high; o += direction)
        {
            yield return FromOrdered(o);
        }

        yield return to;
    }

    /// <summary><paramref name="x"/> and the <paramref name="count"/> floats on either side of it.</summary>
    private static IEnumerable<float> Neighbours(float x, int count)
    {
        var o = Ordered(BitConverter.SingleToInt32Bits(x));
        return Enumerable.Range(-count, (2 * count) + 1).Select(i => FromOrdered(o + i));
    }

    private static float FromOrdered(long ordered) => BitConverter.Int32BitsToSingle((int)(ordered < 0 ? int.MinValue - ordered : ordered));

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

        return (long)Int128.Abs((Int128)Ordered(BitConverter.DoubleToInt64Bits(actual)) - Ordered(BitConverter.DoubleToInt64Bits(expected)));
    }

    private static long Ulps(float actual, float expected)
    {
        if (actual.Equals(expected))
        {
            return 0;
        }

        if (float.IsNaN(actual) || float.IsNaN(expected))
        {
            return long.MaxValue;
        }

        return Math.Abs(Ordered(BitConverter.SingleToInt32Bits(actual)) - (long)Ordered(BitConverter.SingleToInt32Bits(expected)));
    }

    private static long Ordered(long bits) => bits < 0 ? long.MinValue - bits : bits;

    private static long Ordered(int bits) => bits < 0 ? int.MinValue - (long)bits : bits;
}
