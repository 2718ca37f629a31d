// VectorMath.Single.Vector256.cs is this file with Vector512 replaced by Vector256; keep the two in step.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SymGrad;

// The float kernels, computed in float registers (see VectorMath.Single.cs for the methods and constants).
public static partial class VectorMath
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> ExpSingle(Vector512<float> x)
    {
        if (Vector512.LessThanOrEqualAll(Vector512.Abs(x), Vector512.Create(ExpNormalBound)))
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
    private static Vector512<float> ExpSingleAnyRange(Vector512<float> x)
    {
        x = Vector512.Min(Vector512.Max(x, Vector512.Create(ExpSingleLowest)), Vector512.Create(ExpSingleHighest));
        var expR = ExpSingleReduce(x, out var shifted);

        // The bits of `shifted` are 0x4B400000 + k; that offset is a multiple of 2¹⁰, so shifting left by 23 drops it
        // from both ⌊bits/2⌋ and bits − ⌊bits/2⌋, leaving the exponents ⌊k/2⌋ and k − ⌊k/2⌋.
        var bits = shifted.AsInt32();
        var half = bits >> 1;
        return expR * SinglePowerOfTwo(half) * SinglePowerOfTwo(bits - half);
    }

    /// <summary>2ⁿ, for n (modulo 2⁹) in [-126, 127].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> SinglePowerOfTwo(Vector512<int> n) => ((n << 23) + Vector512.Create(SingleOneBits)).AsSingle();

    /// <summary>
    /// eʳ in [√½, √2] for x = k·ln 2 + r, with k in the low bits of <paramref name="shifted"/>; NaN stays NaN.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> ExpSingleReduce(Vector512<float> x, out Vector512<float> shifted)
    {
        shifted = Vector512.FusedMultiplyAdd(x, Vector512.Create(Log2ESingle), Vector512.Create(SingleRoundingShift));
        var k = shifted - Vector512.Create(SingleRoundingShift);
        var r = Vector512.FusedMultiplyAdd(k, Vector512.Create(-Ln2Single), x);
        r = Vector512.FusedMultiplyAdd(k, Vector512.Create(-Ln2SingleLo), r);

        // eʳ = 1 + r·(1 + r·q(r)) by Horner's rule.
        var p = Vector512.FusedMultiplyAdd(Vector512.Create(ExpQ4), r, Vector512.Create(ExpQ3));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(ExpQ2));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(ExpQ1));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(ExpQ0));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512<float>.One);
        return Vector512.FusedMultiplyAdd(p, r, Vector512<float>.One);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> LogSingle(Vector512<float> x)
    {
        // One unsigned comparison: positive normal floats are the bit patterns from the smallest normal's up to +∞'s.
        if (Vector512.LessThanAll(x.AsUInt32() - Vector512.Create(SmallestNormalSingleBits), Vector512.Create(NormalSingleRange)))
        {
            return LogSingleNormal(x, Vector512<float>.Zero);
        }

        return LogSingleAnyRange(x);
    }

    /// <summary>ln x for every x: subnormals are scaled by 2²³ first; ln 0 = −∞, ln(+∞) = +∞, NaN for negatives and NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> LogSingleAnyRange(Vector512<float> x)
    {
        var subnormal = Vector512.LessThan(x, Vector512.Create(SmallestNormalSingle));
        var scaled = Vector512.ConditionalSelect(subnormal, x * Vector512.Create(TwoTo23Single), x);
        var result = LogSingleNormal(scaled, subnormal & Vector512.Create(23f));

        var infinity = Vector512.Create(float.PositiveInfinity);
        var regular = Vector512.GreaterThan(x, Vector512<float>.Zero) & Vector512.LessThan(x, infinity);
        var special = Vector512.ConditionalSelect(
            Vector512.Equals(x, Vector512<float>.Zero),
            Vector512.Create(float.NegativeInfinity),
            Vector512.ConditionalSelect(Vector512.Equals(x, infinity), infinity, Vector512.Create(float.NaN)));
        return Vector512.ConditionalSelect(regular, result, special);
    }

    /// <summary>ln x − <paramref name="exponentBias"/>·ln 2 for positive normal x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> LogSingleNormal(Vector512<float> x, Vector512<float> exponentBias)
    {
        // x = 2ⁿ·m with m in [√½, √2): offsetting by √½ moves the mantissas above √2 into the next binade.
        var bits = x.AsInt32();
        var exponent = (bits - Vector512.Create(SqrtHalfSingleBits)) >> 23;
        var m = (bits - (exponent << 23)).AsSingle();
        var n = Vector512.ConvertToSingle(exponent) - exponentBias;
        var f = m - Vector512<float>.One;

        var l = Vector512.FusedMultiplyAdd(Vector512.Create(LogL8), f, Vector512.Create(LogL7));
        l = Vector512.FusedMultiplyAdd(l, f, Vector512.Create(LogL6));
        l = Vector512.FusedMultiplyAdd(l, f, Vector512.Create(LogL5));
        l = Vector512.FusedMultiplyAdd(l, f, Vector512.Create(LogL4));
        l = Vector512.FusedMultiplyAdd(l, f, Vector512.Create(LogL3));
        l = Vector512.FusedMultiplyAdd(l, f, Vector512.Create(LogL2));
        l = Vector512.FusedMultiplyAdd(l, f, Vector512.Create(LogL1));
        l = Vector512.FusedMultiplyAdd(l, f, Vector512.Create(LogL0));

        // n·LogLn2Hi + f summed exactly (|n·LogLn2Hi| ≥ 0.69 > |f| unless n = 0), so only the last addition rounds
        // at the result's scale.
        var high = n * Vector512.Create(LogLn2Hi);
        var sum = high + f;
        var sumError = (high - sum) + f;
        var low = Vector512.FusedMultiplyAdd(n, Vector512.Create(LogLn2Lo), sumError);
        return sum + Vector512.FusedMultiplyAdd(f * f, l, low);
    }

    /// <summary>
    /// ln(1 + x) = 2·atanh s = 2s + 2s·w·q(w) with s = x/(2 + x) and w = s², for w ≤ 1/9 (x in [−0.5, 1]). The roundings
    /// of 2 + x and of the quotient are made good by s's remainder r = x − s·(2 + x) = (x − 2s) − s·x, where x − 2s is
    /// exact (2s is within a factor of 2 of x): 2x/(2 + x) = 2s + r·2/(2 + x), and r stands in for r·2/(2 + x), which
    /// differs from it by r·s, a fraction of an ulp of the result. Subtracting the small terms from 2s, rather than adding
    /// them, keeps ln(1 + (−0)) = −0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Log1PSingle(Vector512<float> x)
    {
        var s = x / (Vector512.Create(2f) + x);
        var w = s * s;
        var twoS = s + s;
        var negativeRemainder = Vector512.FusedMultiplyAdd(s, x, twoS - x);
        var negativeQ = Vector512.FusedMultiplyAdd(Vector512.Create(-Log1PQ3), w, Vector512.Create(-Log1PQ2));
        negativeQ = Vector512.FusedMultiplyAdd(negativeQ, w, Vector512.Create(-Log1PQ1));
        negativeQ = Vector512.FusedMultiplyAdd(negativeQ, w, Vector512.Create(-Log1PQ0));
        var result = twoS - Vector512.FusedMultiplyAdd(twoS * w, negativeQ, negativeRemainder);

        // w > 1/9 (NaN included) exactly where x is outside [−0.5, 1].
        if (Vector512.LessThanOrEqualAll(w, Vector512.Create(Log1PAtanhBound)))
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
    private static Vector512<float> Log1PSingleAnyRange(Vector512<float> x, Vector512<float> w, Vector512<float> atanhForm)
    {
        var u = Vector512<float>.One + x;
        var correction = (x - (u - Vector512<float>.One)) / u;
        correction &= Vector512.Equals(correction, correction);
        return Vector512.ConditionalSelect(Vector512.LessThanOrEqual(w, Vector512.Create(Log1PAtanhBound)), atanhForm, LogSingle(u) + correction);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> TanhSingle(Vector512<float> x)
    {
        var a = Vector512.Abs(x);
        var y = a * a;
        var t = Vector512.FusedMultiplyAdd(Vector512.Create(TanhT5), y, Vector512.Create(TanhT4));
        t = Vector512.FusedMultiplyAdd(t, y, Vector512.Create(TanhT3));
        t = Vector512.FusedMultiplyAdd(t, y, Vector512.Create(TanhT2));
        t = Vector512.FusedMultiplyAdd(t, y, Vector512.Create(TanhT1));
        t = Vector512.FusedMultiplyAdd(t, y, Vector512.Create(TanhT0));
        var small = Vector512.FusedMultiplyAdd(a * y, t, a);

        // e = exp(−2a) ≤ 1 cannot overflow, and with a clamped to the saturation it stays normal. A NaN lane may come
        // out of here as anything; the select below takes `small` for it, which is NaN.
        var expR = ExpSingleReduce(Vector512.Min(a, Vector512.Create(TanhSingleSaturation)) * Vector512.Create(-2f), out var shifted);
        var e = (expR.AsInt32() + (shifted.AsInt32() << 23)).AsSingle();
        var large = Vector512<float>.One - ((e + e) / (Vector512<float>.One + e));

        // tanh is odd: the sign of x, −0 included.
        return Vector512.CopySign(Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(a, Vector512.Create(TanhSingleSeam)), large, small), x);
    }
}
