using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SymGrad;

// The float versions of exp, log and tanh, computed in float registers: widening to double and back would cost twice
// the instructions in the loops that call them (a sigmoid is mostly its exp). The kernels are in
// VectorMath.Single.Vector256.cs and VectorMath.Single.Vector512.cs.
public static partial class VectorMath
{
    // exp: x = k·ln 2 + r with |r| ≤ ln2/2 (ln 2 split so that k·Ln2HiSingle is exact), eʳ = 1 + r·q(r) with q a
    // degree-5 minimax fit for relative error (below 2e-9 before rounding).
    private const float Log2ESingle = 1.44269504088896341f;
    private const float SingleRoundingShift = 12582912f;
    private const float Ln2HiSingle = 0.693145751953125f;
    private const float Ln2LoSingle = 1.42860682030941723e-6f;
    private const float ExpQ1 = 0.4999999403953552f;
    private const float ExpQ2 = 0.16666431725025177f;
    private const float ExpQ3 = 0.04166800156235695f;
    private const float ExpQ4 = 0.008374151773750782f;
    private const float ExpQ5 = 0.0013843609485775232f;
    private const float ExpSingleHighest = 89f;
    private const float ExpSingleLowest = -104f;

    // log: x = 2ᵉ·m with m in [√½, √2), ln m = f − (f²/2 − s·(f²/2 + R)) with f = m − 1, s = f/(2 + f) and R a
    // minimax polynomial in s² (the classic fdlibm split), ln 2 split so that e·LogLn2Hi is exact.
    private const float LogLg1 = 0.66666662693f;
    private const float LogLg2 = 0.40000972152f;
    private const float LogLg3 = 0.28498786688f;
    private const float LogLg4 = 0.24279078841f;
    private const float LogLn2Hi = 6.9313812256e-01f;
    private const float LogLn2Lo = 9.0580006145e-06f;
    private const int SqrtHalfSingleBits = 0x3F3504F3;
    private const float SingleSmallestNormal = 1.17549435e-38f;
    private const float TwoTo23Single = 8388608f;

    // tanh: below the seam x + x³·P(x²), P a degree-5 fit of (tanh x − x)/x³ for relative error (about 3e-9 with
    // float coefficients); within 1 ulp of the correctly rounded tanh there.
    private const float TanhSingleSeam = 0.625f;
    private const float TanhP0 = -0.3333333134651184f;
    private const float TanhP1 = 0.1333320587873459f;
    private const float TanhP2 = -0.05394676327705383f;
    private const float TanhP3 = 0.021700706332921982f;
    private const float TanhP4 = -0.00817740336060524f;
    private const float TanhP5 = 0.0021429655607789755f;

    /// <summary>eˣ for each element of <paramref name="x"/>, within 1 ulp of <see cref="System.MathF.Exp"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Exp(Vector256<float> x) => ExpSingle(x);

    /// <summary>eˣ for each element of <paramref name="x"/>, within 1 ulp of <see cref="System.MathF.Exp"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Exp(Vector512<float> x) => ExpSingle(x);

    /// <summary>ln x for each element of <paramref name="x"/>, within 1 ulp of <see cref="System.MathF.Log(float)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Log(Vector256<float> x) => LogSingle(x);

    /// <summary>ln x for each element of <paramref name="x"/>, within 1 ulp of <see cref="System.MathF.Log(float)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Log(Vector512<float> x) => LogSingle(x);

    /// <summary>tanh x for each element of <paramref name="x"/>, within 2 ulp of <see cref="System.MathF.Tanh"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Tanh(Vector256<float> x) => TanhSingle(x);

    /// <summary>tanh x for each element of <paramref name="x"/>, within 2 ulp of <see cref="System.MathF.Tanh"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Tanh(Vector512<float> x) => TanhSingle(x);
}
