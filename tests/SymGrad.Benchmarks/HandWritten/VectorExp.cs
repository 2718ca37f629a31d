using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SymGrad.Benchmarks.HandWritten;

/// <summary>
/// eᵛ for float vectors, inlined into the kernels. <c>Vector512.Exp(Vector512&lt;float&gt;)</c> is an
/// out-of-line call that widens to double (about 24 cycles per 16 lanes on this machine, most of a
/// sigmoid's time); this stays in float registers: v = k·ln2 + r with |r| ≤ ln2/2 (Cody–Waite, two
/// fused steps), eʳ = 1 + r·q(r) with q a degree-5 minimax fit for relative error made for this
/// file (below 2e-9 before float rounding, under 1 ulp with it), and 2ᵏ put straight into the
/// exponent bits.
/// </summary>
/// <remarks>
/// For v ≤ 88. Below ln(float.MinNormal) ≈ −87.34 the result is 0 rather than a subnormal, which
/// every caller here (v = −|x|, −2|x|, z − max) tolerates; −∞ gives 0.
/// </remarks>
internal static class VectorExp
{
    private const float Log2E = 1.44269504088896341f;
    private const float Ln2High = 0.693145751953125f;          // few mantissa bits: k·Ln2High is exact
    private const float Ln2Low = 1.42860682030941723e-6f;      // ln 2 − Ln2High
    private const float RoundingBias = 12582912f;              // 1.5·2²³: adding it rounds to an integer in the low bits
    private const float Underflow = -87.3365447f;
    private const float Q1 = 0.4999999403953552f;
    private const float Q2 = 0.16666431725025177f;
    private const float Q3 = 0.04166800156235695f;
    private const float Q4 = 0.008374151773750782f;
    private const float Q5 = 0.0013843609485775232f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Exp(Vector256<float> v)
    {
        Vector256<float> biased = Vector256.FusedMultiplyAdd(v, Vector256.Create(Log2E), Vector256.Create(RoundingBias));
        Vector256<float> k = biased - Vector256.Create(RoundingBias);
        Vector256<float> r = Vector256.FusedMultiplyAdd(k, Vector256.Create(-Ln2High), v);
        r = Vector256.FusedMultiplyAdd(k, Vector256.Create(-Ln2Low), r);

        Vector256<float> q = Vector256.FusedMultiplyAdd(Vector256.Create(Q5), r, Vector256.Create(Q4));
        q = Vector256.FusedMultiplyAdd(q, r, Vector256.Create(Q3));
        q = Vector256.FusedMultiplyAdd(q, r, Vector256.Create(Q2));
        q = Vector256.FusedMultiplyAdd(q, r, Vector256.Create(Q1));
        q = Vector256.FusedMultiplyAdd(q, r, Vector256<float>.One);
        Vector256<float> expR = Vector256.FusedMultiplyAdd(q, r, Vector256<float>.One);

        // The low bits of `biased` hold k; shifted into the exponent field and re-biased they are 2ᵏ.
        Vector256<float> twoToK = (Vector256.ShiftLeft(biased.AsUInt32(), 23) + Vector256.Create(127u << 23)).AsSingle();
        return Vector256.AndNot(expR * twoToK, Vector256.LessThan(v, Vector256.Create(Underflow)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Exp(Vector512<float> v)
    {
        Vector512<float> biased = Vector512.FusedMultiplyAdd(v, Vector512.Create(Log2E), Vector512.Create(RoundingBias));
        Vector512<float> k = biased - Vector512.Create(RoundingBias);
        Vector512<float> r = Vector512.FusedMultiplyAdd(k, Vector512.Create(-Ln2High), v);
        r = Vector512.FusedMultiplyAdd(k, Vector512.Create(-Ln2Low), r);

        Vector512<float> q = Vector512.FusedMultiplyAdd(Vector512.Create(Q5), r, Vector512.Create(Q4));
        q = Vector512.FusedMultiplyAdd(q, r, Vector512.Create(Q3));
        q = Vector512.FusedMultiplyAdd(q, r, Vector512.Create(Q2));
        q = Vector512.FusedMultiplyAdd(q, r, Vector512.Create(Q1));
        q = Vector512.FusedMultiplyAdd(q, r, Vector512<float>.One);
        Vector512<float> expR = Vector512.FusedMultiplyAdd(q, r, Vector512<float>.One);

        Vector512<float> twoToK = (Vector512.ShiftLeft(biased.AsUInt32(), 23) + Vector512.Create(127u << 23)).AsSingle();
        return Vector512.AndNot(expR * twoToK, Vector512.LessThan(v, Vector512.Create(Underflow)));
    }
}
