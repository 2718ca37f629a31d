// VectorMath.Vector512.cs is this file with Vector256 replaced by Vector512; keep the two in step.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SymGrad;

public static partial class VectorMath
{
    /// <summary>eˣ for each element of <paramref name="x"/>, to about half an ulp; agrees with <see cref="System.Math.Exp"/>, but for a rare difference in the last bit.</summary>
    public static Vector256<double> Exp(Vector256<double> x)
    {
        // e^x = 2^K · (hi + lo); scaling in two halves keeps each factor normal, so results that
        // are subnormal are rounded once and e^709.78 does not overflow early.
        var k = ExpReduce(x, out var hi, out _);
        var half = Vector256.Floor(k * 0.5);
        return hi * PowerOfTwo(half) * PowerOfTwo(k - half);
    }

    /// <summary>ln x for each element of <paramref name="x"/>, to about half an ulp; agrees with <see cref="System.Math.Log(double)"/>, but for a rare difference in the last bit.</summary>
    public static Vector256<double> Log(Vector256<double> x)
    {
        // Subnormals are scaled into the normal range first.
        var subnormal = Vector256.LessThan(x, Vector256.Create(SmallestNormal));
        var scaled = Vector256.ConditionalSelect(subnormal, x * TwoTo52, x);
        var k = Exponent(scaled, out var m) - (subnormal & Vector256.Create(52.0));
        return LogSpecialValues(x, LogReduced(k, m, Vector256<double>.Zero));
    }

    /// <summary>
    /// ln(1 + x) for each element of <paramref name="x"/>, to about half an ulp (0.54 at worst measured), tiny x
    /// included: 1 + x is rounded to u, and its rounding error is carried into the logarithm of u. ln(1 + (−1)) = −∞,
    /// NaN below −1, +∞ for +∞, −0 for −0, NaN for NaN. .NET's own <c>double.LogP1</c> is ln(1 + x) as written, which
    /// loses every digit of a tiny x.
    /// </summary>
    public static Vector256<double> Log1P(Vector256<double> x)
    {
        // u = 1 + x rounded, and c = x − (u − 1) its rounding error (exact wherever it is not negligible next to ln u).
        // With u = 2^k·m as in Log, ln(1 + x) = k·ln 2 + ln(m + c·2⁻ᵏ); the clamp keeps 2⁻ᵏ normal where u is near
        // double.MaxValue, and there c is 0.
        var one = Vector256<double>.One;
        var u = one + x;
        var c = x - (u - one);
        var k = Exponent(u, out var m);
        var result = LogReduced(k, m, c * PowerOfTwo(Vector256.Max(-k, Vector256.Create(-1022.0))));

        // Near 0, where u − 1 and c nearly cancel, x − x²/2 instead (it also keeps −0 and the last bit of subnormals).
        var tiny = Vector256.LessThan(Vector256.Abs(x), Vector256.Create(Log1PTiny));
        var series = Vector256.FusedMultiplyAdd(x * -0.5, x, x);
        return LogSpecialValues(u, Vector256.ConditionalSelect(tiny, series, result));
    }

    /// <summary>
    /// k·ln 2 + ln(m + <paramref name="mTail"/>) for m in [√½, √2) and a whole k, where |mTail| is below half an ulp
    /// of m: ln(m + mTail) = 2·atanh(s), s = f/(2 + f) with f = m − 1 + mTail, s carried in double-double.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> LogReduced(Vector256<double> k, Vector256<double> m, Vector256<double> mTail)
    {
        var one = Vector256<double>.One;
        var two = Vector256.Create(2.0);
        var f = m - one;
        var d = two + f;
        var dTail = ((two - d) + f) + mTail;
        var s = f / d;
        var sTail = ((Vector256.FusedMultiplyAdd(-s, d, f) + mTail) - (s * dTail)) / d;
        var y = s * s;
        var r = Vector256.Create(LogS10);
        r = Vector256.FusedMultiplyAdd(r, y, Vector256.Create(LogS9));
        r = Vector256.FusedMultiplyAdd(r, y, Vector256.Create(LogS8));
        r = Vector256.FusedMultiplyAdd(r, y, Vector256.Create(LogS7));
        r = Vector256.FusedMultiplyAdd(r, y, Vector256.Create(LogS6));
        r = Vector256.FusedMultiplyAdd(r, y, Vector256.Create(LogS5));
        r = Vector256.FusedMultiplyAdd(r, y, Vector256.Create(LogS4));
        r = Vector256.FusedMultiplyAdd(r, y, Vector256.Create(LogS3));
        r = Vector256.FusedMultiplyAdd(r, y, Vector256.Create(LogS2));
        r = Vector256.FusedMultiplyAdd(r, y, Vector256.Create(LogS1));
        r = Vector256.FusedMultiplyAdd(r, y, Vector256.Create(LogS0));

        // k·ln 2 + 2s, summed exactly, then the small terms.
        var a = k * Ln2Hi;
        var b = s + s;
        var sum = a + b;
        var bPart = sum - a;
        var error = (a - (sum - bPart)) + (b - bPart);
        var small = Vector256.FusedMultiplyAdd(k, Vector256.Create(Ln2Lo), sTail + sTail) + (s * y * r);
        return sum + (error + small);
    }

    /// <summary>tanh x for each element of <paramref name="x"/>, to about half an ulp (0.57 at worst measured).</summary>
    public static Vector256<double> Tanh(Vector256<double> x)
    {
        var a = Vector256.Abs(x);
        var one = Vector256<double>.One;

        // |x| < 0.4: tanh a = a + a³·g(a²), g a Chebyshev fit of (tanh a − a)/a³.
        var y = a * a;
        var g = Vector256.Create(7.061356216868658e-05);
        g = Vector256.FusedMultiplyAdd(g, y, Vector256.Create(-0.0002307228307829282));
        g = Vector256.FusedMultiplyAdd(g, y, Vector256.Create(0.0005884926567947967));
        g = Vector256.FusedMultiplyAdd(g, y, Vector256.Create(-0.0014556628733318807));
        g = Vector256.FusedMultiplyAdd(g, y, Vector256.Create(0.003592116096818484));
        g = Vector256.FusedMultiplyAdd(g, y, Vector256.Create(-0.008863235021978427));
        g = Vector256.FusedMultiplyAdd(g, y, Vector256.Create(0.02186948852371375));
        g = Vector256.FusedMultiplyAdd(g, y, Vector256.Create(-0.05396825396809893));
        g = Vector256.FusedMultiplyAdd(g, y, Vector256.Create(0.13333333333333258));
        g = Vector256.FusedMultiplyAdd(g, y, Vector256.Create(-0.3333333333333333));
        var small = Vector256.FusedMultiplyAdd(a * y, g, a);

        // Otherwise tanh a = 1 − 2/(e^{2a} + 1), with e^{2a} and the quotient in double-double.
        var k = ExpReduce(a + a, out var eHi, out var eLo);
        var scale = PowerOfTwo(k);
        eHi *= scale;
        eLo *= scale;
        var two = Vector256.Create(2.0);
        var d = eHi + one;
        var dTail = ((eHi - d) + one) + eLo;
        var u = two / d;
        var uTail = (Vector256.FusedMultiplyAdd(-u, d, two) - (u * dTail)) / d;
        var z = one - u;
        var large = z + (((one - z) - u) - uTail);

        var result = Vector256.ConditionalSelect(
            Vector256.LessThan(a, Vector256.Create(TanhSeam)),
            small,
            Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(a, Vector256.Create(TanhSaturation)), one, large));
        return Vector256.CopySign(result, x);
    }

    /// <summary>
    /// Splits e^x as 2^K · (hi + lo) with hi + lo in [0.7, 1.5] to about 2⁻⁶⁵ relative: x = K·ln 2 + j·ln(2)/8 + r,
    /// e^x = 2^K · 2^{j/8} · e^r with 2^{j/8} from an 8-entry double-double table and e^r a polynomial.
    /// Returns K as a whole double in [-1077, 1024]; x is clamped to [-746, 710] first, which keeps ±∞ right.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> ExpReduce(Vector256<double> x, out Vector256<double> hi, out Vector256<double> lo)
    {
        x = Vector256.Min(Vector256.Max(x, Vector256.Create(-746.0)), Vector256.Create(710.0));
        var shifted = Vector256.FusedMultiplyAdd(x, Vector256.Create(EightOverLn2), Vector256.Create(RoundingShift));
        var n = shifted - Vector256.Create(RoundingShift);
        var rHead = Vector256.FusedMultiplyAdd(n, Vector256.Create(-Ln2Over8Hi), x);
        var rLow = n * -Ln2Over8Lo;
        var r = rHead + rLow;
        var rTail = (rHead - r) + rLow;

        var bits = shifted.AsUInt64();
        var bit0 = Bit(bits, 1);
        var bit1 = Bit(bits, 2);
        var bit2 = Bit(bits, 4);
        var tHi = Table(bit0, bit1, bit2, 1.0, 1.0905077326652577, 1.189207115002721, 1.2968395546510096, 1.4142135623730951, 1.5422108254079407, 1.681792830507429, 1.8340080864093424);
        var tLo = Table(bit0, bit1, bit2, 0.0, -3.046782079812471e-17, 3.982015231465646e-17, 2.5382502794888315e-17, -9.667293313452913e-17, 7.949834809697621e-17, 8.199010020581497e-17, 3.283107224245627e-17);

        // e^r − 1 − r = r²·p(r), the Taylor series to r⁹/9!; |r| ≤ ln(2)/16.
        var p = Vector256.Create(2.7557319223985893e-06);
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(2.48015873015873e-05));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(0.0001984126984126984));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(0.001388888888888889));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(0.008333333333333333));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(0.041666666666666664));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(0.16666666666666666));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(0.5));
        var pTail = Vector256.FusedMultiplyAdd(r * r, p, rTail);

        // t·(1 + r + pTail) with t·r exact and the head sum exact.
        var tr = tHi * r;
        var trTail = Vector256.FusedMultiplyAdd(tHi, r, -tr);
        var head = tHi + tr;
        var headTail = (tHi - head) + tr;
        var tail = headTail + trTail + Vector256.FusedMultiplyAdd(tHi, pTail, tLo * (Vector256<double>.One + r + pTail));
        hi = head + tail;
        lo = (head - hi) + tail;
        return Vector256.Floor(n * 0.125);
    }

    /// <summary>For positive normal x: k (a whole double) and m in [√½, √2) with x = 2^k · m.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Exponent(Vector256<double> x, out Vector256<double> m)
    {
        // Offsetting by √½ moves the mantissas above √2 into the next binade; the bias keeps the exponent field positive.
        var bits = x.AsUInt64();
        var biased = (bits - Vector256.Create(SqrtHalfBits) + Vector256.Create(1024UL << 52)) >> 52;
        m = (bits - ((biased << 52) - Vector256.Create(1024UL << 52))).AsDouble();
        return (biased | Vector256.Create(0x4330000000000000UL)).AsDouble() - Vector256.Create(TwoTo52 + 1024);
    }

    /// <summary>Log's answers where the computed one does not apply: ln 0 = −∞, ln(+∞) = +∞, NaN for negatives and NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> LogSpecialValues(Vector256<double> x, Vector256<double> result)
    {
        var infinity = Vector256.Create(double.PositiveInfinity);
        var regular = Vector256.GreaterThan(x, Vector256<double>.Zero) & Vector256.LessThan(x, infinity);
        var special = Vector256.ConditionalSelect(
            Vector256.Equals(x, Vector256<double>.Zero),
            Vector256.Create(double.NegativeInfinity),
            Vector256.ConditionalSelect(Vector256.Equals(x, infinity), infinity, Vector256.Create(double.NaN)));
        return Vector256.ConditionalSelect(regular, result, special);
    }

    /// <summary>2ⁿ for whole n in [-1022, 1023].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> PowerOfTwo(Vector256<double> n) =>
        ((n + Vector256.Create(ExponentShift)).AsUInt64() << 52).AsDouble();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Bit(Vector256<ulong> bits, ulong mask) =>
        Vector256.Equals(bits & Vector256.Create(mask), Vector256.Create(mask)).AsDouble();

    /// <summary>t[j] with j = bit0 + 2·bit1 + 4·bit2, by a tree of selects (portable, unlike a permute).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Table(
        Vector256<double> bit0,
        Vector256<double> bit1,
        Vector256<double> bit2,
        double t0,
        double t1,
        double t2,
        double t3,
        double t4,
        double t5,
        double t6,
        double t7)
    {
        var t01 = Vector256.ConditionalSelect(bit0, Vector256.Create(t1), Vector256.Create(t0));
        var t23 = Vector256.ConditionalSelect(bit0, Vector256.Create(t3), Vector256.Create(t2));
        var t45 = Vector256.ConditionalSelect(bit0, Vector256.Create(t5), Vector256.Create(t4));
        var t67 = Vector256.ConditionalSelect(bit0, Vector256.Create(t7), Vector256.Create(t6));
        var t03 = Vector256.ConditionalSelect(bit1, t23, t01);
        var t47 = Vector256.ConditionalSelect(bit1, t67, t45);
        return Vector256.ConditionalSelect(bit2, t47, t03);
    }
}
