using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SymGrad;

// The float kernels, computed in float registers (see the remarks on VectorMath). VectorMath.Single.Vector256.cs is
// the same code at the other width.
public static partial class VectorMath
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> ExpSingle(Vector512<float> x)
    {
        // Beyond these every result is +∞ or 0 (or, just above the lower one, rounds to 0); clamping keeps 2ᵏ in range.
        x = Vector512.Min(Vector512.Max(x, Vector512.Create(ExpSingleLowest)), Vector512.Create(ExpSingleHighest));
        var biased = Vector512.FusedMultiplyAdd(x, Vector512.Create(Log2ESingle), Vector512.Create(SingleRoundingShift));
        var k = biased - Vector512.Create(SingleRoundingShift);
        var r = Vector512.FusedMultiplyAdd(k, Vector512.Create(-Ln2HiSingle), x);
        r = Vector512.FusedMultiplyAdd(k, Vector512.Create(-Ln2LoSingle), r);

        var q = Vector512.FusedMultiplyAdd(Vector512.Create(ExpQ5), r, Vector512.Create(ExpQ4));
        q = Vector512.FusedMultiplyAdd(q, r, Vector512.Create(ExpQ3));
        q = Vector512.FusedMultiplyAdd(q, r, Vector512.Create(ExpQ2));
        q = Vector512.FusedMultiplyAdd(q, r, Vector512.Create(ExpQ1));
        q = Vector512.FusedMultiplyAdd(q, r, Vector512<float>.One);
        var p = Vector512.FusedMultiplyAdd(q, r, Vector512<float>.One);

        // 2ᵏ as two normal factors, so that results near overflow and subnormal results are rounded once.
        var n = Vector512.ConvertToInt32(k);
        var half = Vector512.ShiftRightArithmetic(n, 1);
        return p * TwoToThe(half) * TwoToThe(n - half);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> TwoToThe(Vector512<int> n) => Vector512.ShiftLeft(n + Vector512.Create(127), 23).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> LogSingle(Vector512<float> x)
    {
        // Subnormals are scaled into the normal range first.
        var subnormal = Vector512.LessThan(x, Vector512.Create(SingleSmallestNormal));
        var scaled = Vector512.ConditionalSelect(subnormal, x * Vector512.Create(TwoTo23Single), x);
        var exponentBias = Vector512.ConditionalSelect(subnormal.AsInt32(), Vector512.Create(23), Vector512<int>.Zero);

        // x = 2ᵉ·m with m in [√½, √2), f = m − 1.
        var bits = scaled.AsInt32() - Vector512.Create(SqrtHalfSingleBits);
        var e = Vector512.ShiftRightArithmetic(bits, 23) - exponentBias;
        var m = ((bits & Vector512.Create(0x007FFFFF)) + Vector512.Create(SqrtHalfSingleBits)).AsSingle();
        var f = m - Vector512<float>.One;

        // ln(1 + f) = f − (f²/2 − s·(f²/2 + R(s²))) with s = f/(2 + f).
        var s = f / (Vector512.Create(2f) + f);
        var z = s * s;
        var w = z * z;
        var even = w * Vector512.FusedMultiplyAdd(w, Vector512.Create(LogLg4), Vector512.Create(LogLg2));
        var odd = z * Vector512.FusedMultiplyAdd(w, Vector512.Create(LogLg3), Vector512.Create(LogLg1));
        var halfSquare = Vector512.Create(0.5f) * f * f;
        var k = Vector512.ConvertToSingle(e);
        var result = Vector512.FusedMultiplyAdd(
            k,
            Vector512.Create(LogLn2Hi),
            f - (halfSquare - Vector512.FusedMultiplyAdd(s, halfSquare + (odd + even), k * Vector512.Create(LogLn2Lo))));

        // log 0 = −∞, log of a negative number is NaN, log ∞ = ∞, and NaN stays NaN.
        result = Vector512.ConditionalSelect(Vector512.Equals(x, Vector512<float>.Zero), Vector512.Create(float.NegativeInfinity), result);
        result = Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512<float>.Zero), Vector512.Create(float.NaN), result);
        return Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(x, Vector512.Create(float.PositiveInfinity)) | ~Vector512.Equals(x, x), x, result);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> TanhSingle(Vector512<float> x)
    {
        // Near 0 an odd polynomial, x + x³·P(x²); elsewhere 1 − 2e/(1 + e) with e = exp(−2|x|) ≤ 1, which cannot overflow.
        var a = Vector512.Abs(x);
        var z = x * x;
        var p = Vector512.FusedMultiplyAdd(Vector512.Create(TanhP5), z, Vector512.Create(TanhP4));
        p = Vector512.FusedMultiplyAdd(p, z, Vector512.Create(TanhP3));
        p = Vector512.FusedMultiplyAdd(p, z, Vector512.Create(TanhP2));
        p = Vector512.FusedMultiplyAdd(p, z, Vector512.Create(TanhP1));
        p = Vector512.FusedMultiplyAdd(p, z, Vector512.Create(TanhP0));
        var small = Vector512.FusedMultiplyAdd(x * z, p, x);

        var e = ExpSingle(a * Vector512.Create(-2f));
        var large = Vector512.FusedMultiplyAdd(e * Vector512.Create(-2f), Vector512<float>.One / (Vector512<float>.One + e), Vector512<float>.One);

        // tanh is odd: the sign of x, −0 included.
        return Vector512.CopySign(Vector512.ConditionalSelect(Vector512.LessThan(a, Vector512.Create(TanhSingleSeam)), small, large), x);
    }
}
