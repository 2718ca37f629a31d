using System;

namespace SymGrad;

/// <summary>Special functions .NET does not provide, with their derivatives registered for the generator.</summary>
public static class SpecialFunctions
{
    /// <summary>2/√π.</summary>
    private const double TwoOverSqrtPi = 1.1283791670955126;

    /// <summary>Below this |x| the Maclaurin series is used; from it on, 1 − e^(−x²)·erfcx(x).</summary>
    private const double SeriesLimit = 0.75;

    /// <summary>From this |x| on erfc(x) &lt; 2⁻⁵⁴, so erf(x) rounds to ±1.</summary>
    private const double SaturationLimit = 6;

    /// <summary>Coefficients of each erfcx interpolant (degree 16).</summary>
    private const int ErfcxTerms = 17;

    /// <summary>
    /// The error function, erf(x) = 2/√π ∫₀ˣ e^(−t²) dt, to full double precision.
    /// </summary>
    /// <remarks>
    /// <para>
    /// For |x| &lt; 0.75 the Maclaurin series erf(x) = x · Σₙ cₙ x²ⁿ, cₙ = 2/√π · (−1)ⁿ / (n! (2n + 1)), 16 terms.
    /// For 0.75 ≤ |x| &lt; 6, erf(|x|) = 1 − e^(−x²) · erfcx(|x|), where erfcx(x) = e^(x²) erfc(x) is smooth and slowly
    /// varying: on each interval [c − ½, c + ½), c = 1.25, 2.25, …, 6.25, it is the Chebyshev interpolant of degree 16 in
    /// u = |x| − c (relative error below 6e−18), written in powers of u. e^(−x²) is e^(−h)·(1 − l) with x² = h + l split
    /// exactly by a fused multiply-add, so the rounding of x² costs nothing. For |x| ≥ 6, erfc(|x|) &lt; 2⁻⁵⁴ and erf(x) is ±1.
    /// The coefficients come from tests/SymGrad.Runtime.Tests/Data/erf.py (mpmath); against its 60-digit reference
    /// values the result is within 1 ulp.
    /// </para>
    /// <para>erf(±∞) = ±1, erf(−0) = −0, erf(NaN) = NaN.</para>
    /// </remarks>
    /// <param name="x">The argument.</param>
    /// <returns>erf(x).</returns>
    public static double Erf(double x)
    {
        double a = Math.Abs(x);
        if (a < SeriesLimit)
        {
            ReadOnlySpan<double> c = Series;
            double z = x * x;
            double sum = c[^1];
            for (int n = c.Length - 2; n >= 0; n--)
            {
                sum = Math.FusedMultiplyAdd(sum, z, c[n]);
            }

            return x * sum;
        }

        if (!(a < SaturationLimit))
        {
            return double.IsNaN(x) ? x : Math.CopySign(1, x);
        }

        int row = (int)(a - SeriesLimit);
        ReadOnlySpan<double> p = Erfcx.Slice(row * ErfcxTerms, ErfcxTerms);
        double u = a - (row + 1.25);
        double erfcx = p[^1];
        for (int k = p.Length - 2; k >= 0; k--)
        {
            erfcx = Math.FusedMultiplyAdd(erfcx, u, p[k]);
        }

        double high = a * a;
        double low = Math.FusedMultiplyAdd(a, a, -high);
        double erfc = Math.Exp(-high) * erfcx * (1 - low);
        return Math.CopySign(1 - erfc, x);
    }

    /// <summary>The error function in single precision: <see cref="Erf(double)"/> rounded to float.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>erf(x).</returns>
    public static float Erf(float x) => (float)Erf((double)x);

    /// <summary>
    /// The derivative of <see cref="Erf(double)"/>, registered for the generator: d/dx erf(x) = 2/√π · e^(−x²).
    /// </summary>
    /// <param name="x">The argument.</param>
    /// <returns>2/√π · e^(−x²).</returns>
    [DerivativeOf(nameof(Erf))]
    public static double ErfDerivative(double x) => TwoOverSqrtPi * Math.Exp(-(x * x));

    /// <summary>
    /// The derivative of <see cref="Erf(float)"/>, registered for the generator: d/dx erf(x) = 2/√π · e^(−x²).
    /// </summary>
    /// <param name="x">The argument.</param>
    /// <returns>2/√π · e^(−x²).</returns>
    [DerivativeOf(nameof(Erf))]
    public static float ErfDerivative(float x) => (float)TwoOverSqrtPi * MathF.Exp(-(x * x));

    /// <summary>cₙ = 2/√π · (−1)ⁿ / (n! (2n + 1)), n = 0 … 15: erf(x) = x · Σ cₙ x²ⁿ.</summary>
    private static ReadOnlySpan<double> Series =>
    [
        1.1283791670955126,
        -0.37612638903183754,
        0.11283791670955126,
        -0.026866170645131252,
        0.005223977625442188,
        -0.0008548327023450853,
        0.00012055332981789664,
        -1.492565035840625e-05,
        1.6462114365889248e-06,
        -1.6365844691234924e-07,
        1.4807192815879218e-08,
        -1.2290555301717928e-09,
        9.422759064650411e-11,
        -6.7113668551641105e-12,
        4.4632242632864775e-13,
        -2.7835162072109215e-14,
    ];

    /// <summary>
    /// erfcx(c + u) = Σₖ pₖ uᵏ for |u| ≤ ½, k = 0 … 16, one row of 17 per interval center c = 1.25, 2.25, …, 6.25.
    /// </summary>
    private static ReadOnlySpan<double> Erfcx =>
    [
        // c = 1.25
        0.3678229164523611, -0.2088218759646098, 0.10679557149659878, -0.05021827439591618, 0.02201136425085946, -0.009081627632452707,
        0.003553109903101223, -0.0013257829417787578, 0.000473970313506497, -0.00016295984844078915, 5.405401682506583e-05, -1.7345290840614386e-05,
        5.39598345265537e-06, -1.6255089521501283e-06, 4.782300560439493e-07, -1.491706741411808e-07, 4.158766495922569e-08,

        // c = 2.25
        0.23108725873039188, -0.08848650280874916, 0.03199262741070626, -0.011002060756440144, 0.0036189953543581013, -0.0011437284836482283,
        0.0003485354220444581, -0.00010272108129601202, 2.9353247391975407e-05, -8.150281398780411e-06, 2.203021592065496e-06, -5.806473162649516e-07,
        1.4943597983829897e-07, -3.754184410495511e-08, 9.247765672737061e-09, -2.369998621421023e-09, 5.597915005891037e-10,

        // c = 3.25
        0.16633534842682188, -0.047199402321170376, 0.012937290883018157, -0.003435471300907576, 0.0008860045775342722, -0.00022238256956835597,
        5.442040881221761e-05, -1.3004640268363867e-05, 3.0388319880642737e-06, -6.952080277579219e-07, 1.558811453856638e-07, -3.429018015022707e-08,
        7.406568825894727e-09, -1.5708071962499231e-09, 3.279081662507599e-10, -7.036730997937155e-11, 1.421554318964304e-11,

        // c = 4.25
        0.12934527478598792, -0.028944331414615332, 0.006331866273872749, -0.0013559331671040985, 0.00028457515684016577, -5.8595500213353144e-05,
        1.1848093644464627e-05, -2.3546006356478436e-06, 4.60260235877134e-07, -8.855436144423923e-08, 1.6780838437820416e-08, -3.133792686467339e-09,
        5.77046423920204e-10, -1.047740332772039e-10, 1.8784895007000074e-11, -3.435604525774642e-12, 6.003137502418848e-13,

        // c = 5.25
        0.1056127354688918, -0.01944544467214865, 0.003524150940111397, -0.0006291014910425433, 0.00011068405606902238, -1.920407867207006e-05,
        3.287547680217721e-06, -5.555581002710474e-07, 9.271691345771074e-08, -1.5287623165990343e-08, 2.4913782684518005e-09, -4.014346706006795e-10,
        6.39750129955287e-11, -1.0084365797274552e-11, 1.573598500751724e-12, -2.492094112362826e-13, 3.810099118199177e-14,

        // c = 6.25
        0.08915663178727438, -0.0139212697545827, 0.0021486958211325118, -0.00032794724833633417, 4.951275951521167e-05, -7.3970005465044595e-06,
        1.0938353665195586e-06, -1.601512873596882e-07, 2.3222455131194548e-08, -3.3357650579440255e-09, 4.747846949149217e-10, -6.697472411568015e-11,
        9.36550200652876e-12, -1.2983034465410855e-12, 1.7851437204626295e-13, -2.4824939079636956e-14, 3.3577692848079024e-15,
    ];
}
