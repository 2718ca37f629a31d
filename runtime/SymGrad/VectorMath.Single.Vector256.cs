// VectorMath.Single.Vector512.cs is this file with Vector256 replaced by Vector512; keep the two in step.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SymGrad;

// The float kernels, computed in float registers (see VectorMath.Single.cs for the methods and constants).
public static partial class VectorMath
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> ExpSingle(Vector256<float> x)
    {
        if (Vector256.LessThanOrEqualAll(Vector256.Abs(x), Vector256.Create(ExpNormalBound)))
        {
            var expR = ExpSingleReduce(x, out var shifted);
            return (expR.AsInt32() + (shifted.AsInt32() << 23)).AsSingle();
        }

        // Inlined rather than called: a call returning a vector would send every result through memory.
        return ExpSingleAnyRange(x);
    }

    /// <summary>
    /// e^x for every x, NaN and ±∞ included: the clamp keeps k in [-150, 129], and 2ᵏ is applied as 2ʰ·2ᵏ⁻ʰ with
    /// h = ⌊k/2⌋, the first product exact, so that results near overflow and subnormal results are rounded once. (Adding
    /// k into the exponent bits, as the fast path does, would turn a NaN with a payload into a number.)
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> ExpSingleAnyRange(Vector256<float> x)
    {
        x = Vector256.Min(Vector256.Max(x, Vector256.Create(ExpSingleLowest)), Vector256.Create(ExpSingleHighest));
        var expR = ExpSingleReduce(x, out var shifted);

        // The bits of `shifted` are 0x4B400000 + k; that offset is a multiple of 2¹⁰, so shifting left by 23 drops it
        // from both ⌊bits/2⌋ and bits − ⌊bits/2⌋, leaving the exponents ⌊k/2⌋ and k − ⌊k/2⌋.
        var bits = shifted.AsInt32();
        var half = bits >> 1;
        return expR * SinglePowerOfTwo(half) * SinglePowerOfTwo(bits - half);
    }

    /// <summary>2ⁿ, for n (modulo 2⁹) in [-126, 127].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> SinglePowerOfTwo(Vector256<int> n) => ((n << 23) + Vector256.Create(SingleOneBits)).AsSingle();

    /// <summary>
    /// eʳ in [√½, √2] for x = k·ln 2 + r, with k in the low bits of <paramref name="shifted"/>; NaN stays NaN.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> ExpSingleReduce(Vector256<float> x, out Vector256<float> shifted)
    {
        shifted = Vector256.FusedMultiplyAdd(x, Vector256.Create(Log2ESingle), Vector256.Create(SingleRoundingShift));
        var k = shifted - Vector256.Create(SingleRoundingShift);
        var r = Vector256.FusedMultiplyAdd(k, Vector256.Create(-Ln2Single), x);
        r = Vector256.FusedMultiplyAdd(k, Vector256.Create(-Ln2SingleLo), r);

        // eʳ = 1 + r·(1 + r·q(r)) by Horner's rule.
        var p = Vector256.FusedMultiplyAdd(Vector256.Create(ExpQ4), r, Vector256.Create(ExpQ3));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(ExpQ2));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(ExpQ1));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(ExpQ0));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256<float>.One);
        return Vector256.FusedMultiplyAdd(p, r, Vector256<float>.One);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> LogSingle(Vector256<float> x)
    {
        // One unsigned comparison: positive normal floats are the bit patterns from the smallest normal's up to +∞'s.
        if (Vector256.LessThanAll(x.AsUInt32() - Vector256.Create(SmallestNormalSingleBits), Vector256.Create(NormalSingleRange)))
        {
            return LogSingleNormal(x, Vector256<float>.Zero);
        }

        return LogSingleAnyRange(x);
    }

    /// <summary>ln x for every x: subnormals are scaled by 2²³ first; ln 0 = −∞, ln(+∞) = +∞, NaN for negatives and NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> LogSingleAnyRange(Vector256<float> x)
    {
        var subnormal = Vector256.LessThan(x, Vector256.Create(SmallestNormalSingle));
        var scaled = Vector256.ConditionalSelect(subnormal, x * Vector256.Create(TwoTo23Single), x);
        var result = LogSingleNormal(scaled, subnormal & Vector256.Create(23f));

        var infinity = Vector256.Create(float.PositiveInfinity);
        var regular = Vector256.GreaterThan(x, Vector256<float>.Zero) & Vector256.LessThan(x, infinity);
        var special = Vector256.ConditionalSelect(
            Vector256.Equals(x, Vector256<float>.Zero),
            Vector256.Create(float.NegativeInfinity),
            Vector256.ConditionalSelect(Vector256.Equals(x, infinity), infinity, Vector256.Create(float.NaN)));
        return Vector256.ConditionalSelect(regular, result, special);
    }

    /// <summary>ln x − <paramref name="exponentBias"/>·ln 2 for positive normal x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> LogSingleNormal(Vector256<float> x, Vector256<float> exponentBias)
    {
        // x = 2ⁿ·m with m in [√½, √2): offsetting by √½ moves the mantissas above √2 into the next binade.
        var bits = x.AsInt32();
        var exponent = (bits - Vector256.Create(SqrtHalfSingleBits)) >> 23;
        var m = (bits - (exponent << 23)).AsSingle();
        var n = Vector256.ConvertToSingle(exponent) - exponentBias;
        var f = m - Vector256<float>.One;

        var l = Vector256.FusedMultiplyAdd(Vector256.Create(LogL8), f, Vector256.Create(LogL7));
        l = Vector256.FusedMultiplyAdd(l, f, Vector256.Create(LogL6));
        l = Vector256.FusedMultiplyAdd(l, f, Vector256.Create(LogL5));
        l = Vector256.FusedMultiplyAdd(l, f, Vector256.Create(LogL4));
        l = Vector256.FusedMultiplyAdd(l, f, Vector256.Create(LogL3));
        l = Vector256.FusedMultiplyAdd(l, f, Vector256.Create(LogL2));
        l = Vector256.FusedMultiplyAdd(l, f, Vector256.Create(LogL1));
        l = Vector256.FusedMultiplyAdd(l, f, Vector256.Create(LogL0));

        // n·LogLn2Hi + f summed exactly (|n·LogLn2Hi| ≥ 0.69 > |f| unless n = 0), so only the last addition rounds
        // at the result's scale.
        var high = n * Vector256.Create(LogLn2Hi);
        var sum = high + f;
        var sumError = (high - sum) + f;
        var low = Vector256.FusedMultiplyAdd(n, Vector256.Create(LogLn2Lo), sumError);
        return sum + Vector256.FusedMultiplyAdd(f * f, l, low);
    }

    /// <summary>
    /// ln(1 + x) = 2·atanh s = 2s + 2s·w·q(w) with s = x/(2 + x) and w = s², for w ≤ 1/9 (x in [−0.5, 1]). The roundings
    /// of 2 + x and of the quotient are made good by s's remainder r = x − s·(2 + x) = (x − 2s) − s·x, where x − 2s is
    /// exact (2s is within a factor of 2 of x): 2x/(2 + x) = 2s + r·2/(2 + x), and r stands in for r·2/(2 + x), which
    /// differs from it by r·s, a fraction of an ulp of the result. Subtracting the small terms from 2s, rather than adding
    /// them, keeps ln(1 + (−0)) = −0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Log1PSingle(Vector256<float> x)
    {
        var s = x / (Vector256.Create(2f) + x);
        var w = s * s;
        var twoS = s + s;
        var negativeRemainder = Vector256.FusedMultiplyAdd(s, x, twoS - x);
        var negativeQ = Vector256.FusedMultiplyAdd(Vector256.Create(-Log1PQ3), w, Vector256.Create(-Log1PQ2));
        negativeQ = Vector256.FusedMultiplyAdd(negativeQ, w, Vector256.Create(-Log1PQ1));
        negativeQ = Vector256.FusedMultiplyAdd(negativeQ, w, Vector256.Create(-Log1PQ0));
        var result = twoS - Vector256.FusedMultiplyAdd(twoS * w, negativeQ, negativeRemainder);

        // w > 1/9 (NaN included) exactly where x is outside [−0.5, 1].
        if (Vector256.LessThanOrEqualAll(w, Vector256.Create(Log1PAtanhBound)))
        {
            return result;
        }

        return Log1PSingleAnyRange(x, w, result);
    }

    /// <summary>
    /// Keeps <paramref name="atanhForm"/> where <paramref name="w"/> is within the atanh form's range; elsewhere
    /// ln u + (x − (u − 1))/u with u = 1 + x (the quotient is the rounding error of u, over u). Where u is 0 or +∞
    /// (x = −1, +∞) the quotient is NaN and ln u is the answer by itself; ln u also gives NaN below −1 and for NaN.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Log1PSingleAnyRange(Vector256<float> x, Vector256<float> w, Vector256<float> atanhForm)
    {
        var u = Vector256<float>.One + x;
        var correction = (x - (u - Vector256<float>.One)) / u;
        correction &= Vector256.Equals(correction, correction);
        return Vector256.ConditionalSelect(Vector256.LessThanOrEqual(w, Vector256.Create(Log1PAtanhBound)), atanhForm, LogSingle(u) + correction);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> TanhSingle(Vector256<float> x)
    {
        var a = Vector256.Abs(x);
        var y = a * a;
        var t = Vector256.FusedMultiplyAdd(Vector256.Create(TanhT5), y, Vector256.Create(TanhT4));
        t = Vector256.FusedMultiplyAdd(t, y, Vector256.Create(TanhT3));
        t = Vector256.FusedMultiplyAdd(t, y, Vector256.Create(TanhT2));
        t = Vector256.FusedMultiplyAdd(t, y, Vector256.Create(TanhT1));
        t = Vector256.FusedMultiplyAdd(t, y, Vector256.Create(TanhT0));
        var small = Vector256.FusedMultiplyAdd(a * y, t, a);

        // e = exp(−2a) ≤ 1 cannot overflow, and with a clamped to the saturation it stays normal. A NaN lane may come
        // out of here as anything; the select below takes `small` for it, which is NaN.
        var expR = ExpSingleReduce(Vector256.Min(a, Vector256.Create(TanhSingleSaturation)) * Vector256.Create(-2f), out var shifted);
        var e = (expR.AsInt32() + (shifted.AsInt32() << 23)).AsSingle();
        var large = Vector256<float>.One - ((e + e) / (Vector256<float>.One + e));

        // tanh is odd: the sign of x, −0 included.
        return Vector256.CopySign(Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(a, Vector256.Create(TanhSingleSeam)), large, small), x);
    }
}
