using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SymGrad;

// The float versions of exp, log and tanh, computed in float registers: widening to double and back would cost twice
// the instructions in the loops that call them (a sigmoid is mostly its exp). The kernels are in
// VectorMath.Single.Vector256.cs and VectorMath.Single.Vector512.cs. The polynomials are near-minimax fits for
// relative error with float coefficients, each rounded in turn and the rest refitted around it.
public static partial class VectorMath
{
    // exp: x = k·ln 2 + r with |r| ≤ ln(2)/2, eʳ = 1 + r + r²·q(r), q of degree 4 (relative error 3.1e-9).
    private const float Log2ESingle = 1.44269504f;

    // 1.5·2²³: adding it rounds a float of magnitude below 2²² to an integer, which its low mantissa bits then hold.
    private const float SingleRoundingShift = 12582912f;

    // ln 2 as a float and the rest. With a fused multiply-add, x − k·Ln2Single is exact for every |x| ≤ 104.
    private const float Ln2Single = 0.693147182f;
    private const float Ln2SingleLo = -1.90465430e-9f;
    private const float ExpQ0 = 0.49999994f;
    private const float ExpQ1 = 0.166665211f;
    private const float ExpQ2 = 0.0416682549f;
    private const float ExpQ3 = 0.00836866163f;
    private const float ExpQ4 = 0.0013821451f;

    // Within ±87.33, e^x and 2ᵏ are normal floats, so 2ᵏ can be added into the exponent bits of eʳ.
    private const float ExpNormalBound = 87.33f;

    // Beyond these every result is +∞ or 0; clamping to them keeps k within [-150, 129].
    private const float ExpSingleHighest = 89f;
    private const float ExpSingleLowest = -104f;
    private const int SingleOneBits = 0x3F800000;

    // log: x = 2ⁿ·m with m in [√½, √2), f = m − 1, ln(1 + f) = f + f²·l(f), l of degree 8 (relative error 4.2e-9).
    private const int SqrtHalfSingleBits = 0x3F3504F3;
    private const float SmallestNormalSingle = 1.17549435e-38f;
    private const uint SmallestNormalSingleBits = 0x00800000;

    // Bit patterns from the smallest normal float up to (excluding) +∞, less the smallest normal's.
    private const uint NormalSingleRange = 0x7F000000;
    private const float TwoTo23Single = 8388608f;

    // ln 2 split so that n·LogLn2Hi is exact for the exponents of floats, subnormals included.
    private const float LogLn2Hi = 0.693145752f;
    private const float LogLn2Lo = 1.42860682e-6f;
    private const float LogL0 = -0.499999881f;
    private const float LogL1 = 0.333333254f;
    private const float LogL2 = -0.250016093f;
    private const float LogL3 = 0.200020134f;
    private const float LogL4 = -0.166084304f;
    private const float LogL5 = 0.141805962f;
    private const float LogL6 = -0.132475004f;
    private const float LogL7 = 0.129147291f;
    private const float LogL8 = -0.0762317032f;

    // tanh: below the seam a + a³·t(a²), t of degree 5 (relative error 3.7e-9); above it 1 − 2e/(1 + e) with
    // e = exp(−2a). Beyond the saturation tanh rounds to ±1, and clamping a there keeps exp's fast path valid.
    private const float TanhSingleSeam = 0.8f;
    private const float TanhSingleSaturation = 9.5f;
    private const float TanhT0 = -0.333332986f;
    private const float TanhT1 = 0.133322418f;
    private const float TanhT2 = -0.0538535975f;
    private const float TanhT3 = 0.0213065278f;
    private const float TanhT4 = -0.00741417659f;
    private const float TanhT5 = 0.00158704445f;

    // log1p: on [−0.5, 1], s = x/(2 + x) lies in [−⅓, ⅓] and ln(1 + x) = 2·atanh s = 2s + 2s·w·q(w) with w = s² ≤ 1/9,
    // q of degree 3: a minimax fit of atanh(√w)/√w = 1 + w·q(w) for relative error (4.5e-9), by Remez exchange in
    // 50-digit mpmath arithmetic, the coefficients then rounded to float from q's constant term up, the rest refitted
    // each time. Outside that range (or for NaN) ln u + (x − (u − 1))/u with u = 1 + x. The bound on w is the float
    // above 1/9: the floats for which s² rounds to it or below are exactly those in [−0.5, 1] (checked over every float).
    private const float Log1PAtanhBound = 0.11111112f;
    private const float Log1PQ0 = 0.3333321f;
    private const float Log1PQ1 = 0.20010719f;
    private const float Log1PQ2 = 0.14001513f;
    private const float Log1PQ3 = 0.1400339f;

    /// <summary>
    /// eˣ for each element of <paramref name="x"/>: Cody–Waite reduction to |r| ≤ ln(2)/2, a degree-6 polynomial, and
    /// 2ᵏ added into the exponent bits; vectors with a lane beyond ±87.33 (NaN included) take a slower path that
    /// scales in two steps, so results round once on overflow and through the subnormals. Within 0.90 ulp of the exact
    /// result and 1 ulp of <see cref="System.MathF.Exp"/> over every float (checked exhaustively).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Exp(Vector256<float> x) => ExpSingle(x);

    /// <inheritdoc cref="Exp(Vector256{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Exp(Vector512<float> x) => ExpSingle(x);

    /// <summary>
    /// ln x for each element of <paramref name="x"/>: x = 2ⁿ·m with m in [√½, √2), ln m = f + f²·l(f) with f = m − 1
    /// and l of degree 8, and n·ln 2 added exactly; vectors with a lane that is not a positive normal float take a
    /// slower path that scales subnormals by 2²³ and gives the special values. Within 0.88 ulp of the exact result and
    /// 1 ulp of <see cref="System.MathF.Log(float)"/> over every float (checked exhaustively).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Log(Vector256<float> x) => LogSingle(x);

    /// <inheritdoc cref="Log(Vector256{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Log(Vector512<float> x) => LogSingle(x);

    /// <summary>
    /// tanh x for each element of <paramref name="x"/>: an odd degree-13 polynomial below |x| = 0.8, 1 − 2e/(1 + e) with
    /// e = exp(−2|x|) above it, both computed and blended, the sign copied from x. Within 1.27 ulp of the exact result
    /// and 2 ulp of <see cref="System.MathF.Tanh"/> over every float (checked exhaustively; glibc's tanhf is itself up
    /// to 2.2 ulp from the exact result).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Tanh(Vector256<float> x) => TanhSingle(x);

    /// <inheritdoc cref="Tanh(Vector256{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Tanh(Vector512<float> x) => TanhSingle(x);

    /// <summary>
    /// ln(1 + x) for each element of <paramref name="x"/>, tiny x included: on [−0.5, 1] (all that the softplus of the
    /// generated code needs), 2·atanh s with s = x/(2 + x), an odd polynomial of degree 9 and one division, the roundings
    /// of 2 + x and of the quotient made good from s's remainder; vectors with a lane outside that range take a slower
    /// path, ln u + (x − (u − 1))/u with u = 1 + x. Within 0.94 ulp of the exact result on [−0.5, 1] and 1.0 ulp elsewhere
    /// (checked exhaustively); ln(1 + (−1)) = −∞, NaN below −1, +∞ for +∞, −0 for −0, NaN for NaN.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Log1P(Vector256<float> x) => Log1PSingle(x);

    /// <inheritdoc cref="Log1P(Vector256{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Log1P(Vector512<float> x) => Log1PSingle(x);

    /// <summary>
    /// ln(1 + x), tiny x included. On [−0.5, 1] the same computation as <see cref="Log1P(Vector256{float})"/>, so the two
    /// agree bit for bit there; elsewhere <see cref="Log1P(double)"/> rounded to float, which is at least as accurate.
    /// </summary>
    public static float Log1P(float x)
    {
        var s = x / (2 + x);
        var w = s * s;
        if (!(w <= Log1PAtanhBound))
        {
            return (float)Log1P((double)x);
        }

        var twoS = s + s;
        var negativeRemainder = MathF.FusedMultiplyAdd(s, x, twoS - x);
        var negativeQ = MathF.FusedMultiplyAdd(MathF.FusedMultiplyAdd(MathF.FusedMultiplyAdd(-Log1PQ3, w, -Log1PQ2), w, -Log1PQ1), w, -Log1PQ0);
        return twoS - MathF.FusedMultiplyAdd(twoS * w, negativeQ, negativeRemainder);
    }
}
