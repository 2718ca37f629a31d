using System;
using Xunit;

namespace SymGrad.Runtime.Tests.Infrastructure;

/// <summary>How close an activation's value or derivative must be to PyTorch's: relative 1e-10 in double, 1e-5 in float, plus a floor.</summary>
/// <remarks>
/// <para>
/// The floor is half an ulp of max(1, |x|): 2⁻⁵³·max(1, |x|) in double, 2⁻²⁴·max(1, |x|) in float. Every value or
/// derivative that comes close to 0 without being tiny in relative terms is formed, in PyTorch's kernels as in SymGrad,
/// from terms of size up to max(1, |x|) that cancel: x/2·(1 + erf(x/√2)) and ½·(1 + erf) + x·φ(x) (GELU),
/// x/2·(1 + tanh u) and 1 − t² (GELU-tanh, tanh, Mish), 1/u − |x|/u² (Softsign), σ + x·σ·(1 − σ) (SiLU). Each side
/// carries an absolute error of that size, and the last bit of tanh or erf, which PyTorch's vectorized kernels (Sleef)
/// and .NET round differently, moves the result by that much. The same floor covers PyTorch's 0 below exp's overflow
/// (x &lt; −709.78 in double, −88.7 in float), where 1 / (1 + e^(−x)) flushes and the exact x·σ(x) is subnormal·|x|.
/// </para>
/// <para>
/// So that the floor does not hide a lost tail (softplus(−104) = 2.3e−91 computed as 0), <c>ActivationTests</c> checks
/// the functions whose tails PyTorch computes to full relative precision at every point below the floor separately.
/// </para>
/// </remarks>
internal static class Tolerance
{
    public static double Floor(ActivationCase c, int i) =>
        (double.IsFinite(c.X[i]) ? Math.Max(1, Math.Abs(c.X[i])) : 1) * (c.Dtype == "float64" ? Math.Pow(2, -53) : Math.Pow(2, -24));

    public static void AssertClose(ActivationCase c, int i, string what, double expected, double actual) =>
        AssertClose(c, i, what, expected, actual, Floor(c, i));

    public static void AssertClose(ActivationCase c, int i, string what, double expected, double actual, double floor)
    {
        var relative = c.Dtype == "float64" ? 1e-10 : 1e-5;
        var ok = double.IsNaN(expected)
            ? double.IsNaN(actual)
            : double.IsInfinity(expected)
                ? expected == actual
                : Math.Abs(actual - expected) <= (relative * Math.Abs(expected)) + floor;
        Assert.True(ok, $"{c.Id} {what} at x = {c.X[i]:R}: expected {expected:R}, got {actual:R}");
    }
}
