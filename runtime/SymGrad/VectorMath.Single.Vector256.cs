using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SymGrad;

// The float kernels, computed in float registers (see the remarks on VectorMath). VectorMath.Single.Vector512.cs is
// the same code at the other width.
public static partial class VectorMath
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> ExpSingle(Vector256<float> x)
    {
        // Beyond these every result is +∞ or 0 (or, just above the lower one, rounds to 0); clamping keeps 2ᵏ in range.
        x = Vector256.Min(Vector256.Max(x, Vector256.Create(ExpSingleLowest)), Vector256.Create(ExpSingleHighest));
        var biased = Vector256.FusedMultiplyAdd(x, Vector256.Create(Log2ESingle), Vector256.Create(SingleRoundingShift));
        var k = biased - Vector256.Create(SingleRoundingShift);
        var r = Vector256.FusedMultiplyAdd(k, Vector256.Create(-Ln2HiSingle), x);
        r = Vector256.FusedMultiplyAdd(k, Vector256.Create(-Ln2LoSingle), r);

        var q = Vector256.FusedMultiplyAdd(Vector256.Create(ExpQ5), r, Vector256.Create(ExpQ4));
        q = Vector256.FusedMultiplyAdd(q, r, Vector256.Create(ExpQ3));
        q = Vector256.FusedMultiplyAdd(q, r, Vector256.Create(ExpQ2));
        q = Vector256.FusedMultiplyAdd(q, r, Vector256.Create(ExpQ1));
        q = Vector256.FusedMultiplyAdd(q, r, Vector256<float>.One);
        var p = Vector256.FusedMultiplyAdd(q, r, Vector256<float>.One);

        // 2ᵏ as two normal factors, so that results near overflow and subnormal results are rounded once.
        var n = Vector256.ConvertToInt32(k);
        var half = Vector256.ShiftRightArithmetic(n, 1);
        return p * TwoToThe(half) * TwoToThe(n - half);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> TwoToThe(Vector256<int> n) => Vector256.ShiftLeft(n + Vector256.Create(127), 23).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> LogSingle(Vector256<float> x)
    {
        // Subnormals are scaled into the normal range first.
        var subnormal = Vector256.LessThan(x, Vector256.Create(SingleSmallestNormal));
        var scaled = Vector256.ConditionalSelect(subnormal, x * Vector256.Create(TwoTo23Single), x);
        var exponentBias = Vector256.ConditionalSelect(subnormal.AsInt32(), Vector256.Create(23), Vector256<int>.Zero);

        // x = 2ᵉ·m with m in [√½, √2), f = m − 1.
        var bits = scaled.AsInt32() - Vector256.Create(SqrtHalfSingleBits);
        var e = Vector256.ShiftRightArithmetic(bits, 23) - exponentBias;
        var m = ((bits & Vector256.Create(0x007FFFFF)) + Vector256.Create(SqrtHalfSingleBits)).AsSingle();
        var f = m - Vector256<float>.One;

        // ln(1 + f) = f − (f²/2 − s·(f²/2 + R(s²))) with s = f/(2 + f).
        var s = f / (Vector256.Create(2f) + f);
        var z = s * s;
        var w = z * z;
        var even = w * Vector256.FusedMultiplyAdd(w, Vector256.Create(LogLg4), Vector256.Create(LogLg2));
        var odd = z * Vector256.FusedMultiplyAdd(w, Vector256.Create(LogLg3), Vector256.Create(LogLg1));
        var halfSquare = Vector256.Create(0.5f) * f * f;
        var k = Vector256.ConvertToSingle(e);
        var result = Vector256.FusedMultiplyAdd(
            k,
            Vector256.Create(LogLn2Hi),
            f - (halfSquare - Vector256.FusedMultiplyAdd(s, halfSquare + (odd + even), k * Vector256.Create(LogLn2Lo))));

        // log 0 = −∞, log of a negative number is NaN, log ∞ = ∞, and NaN stays NaN.
        result = Vector256.ConditionalSelect(Vector256.Equals(x, Vector256<float>.Zero), Vector256.Create(float.NegativeInfinity), result);
        result = Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256<float>.Zero), Vector256.Create(float.NaN), result);
        return Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(x, Vector256.Create(float.PositiveInfinity)) | ~Vector256.Equals(x, x), x, result);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> TanhSingle(Vector256<float> x)
    {
        // Near 0 an odd polynomial, x + x³·P(x²); elsewhere 1 − 2e/(1 + e) with e = exp(−2|x|) ≤ 1, which cannot overflow.
        var a = Vector256.Abs(x);
        var z = x * x;
        var p = Vector256.FusedMultiplyAdd(Vector256.Create(TanhP5), z, Vector256.Create(TanhP4));
        p = Vector256.FusedMultiplyAdd(p, z, Vector256.Create(TanhP3));
        p = Vector256.FusedMultiplyAdd(p, z, Vector256.Create(TanhP2));
        p = Vector256.FusedMultiplyAdd(p, z, Vector256.Create(TanhP1));
        p = Vector256.FusedMultiplyAdd(p, z, Vector256.Create(TanhP0));
        var small = Vector256.FusedMultiplyAdd(x * z, p, x);

        var e = ExpSingle(a * Vector256.Create(-2f));
        var large = Vector256.FusedMultiplyAdd(e * Vector256.Create(-2f), Vector256<float>.One / (Vector256<float>.One + e), Vector256<float>.One);

        // tanh is odd: the sign of x, −0 included.
        return Vector256.CopySign(Vector256.ConditionalSelect(Vector256.LessThan(a, Vector256.Create(TanhSingleSeam)), small, large), x);
    }
}
