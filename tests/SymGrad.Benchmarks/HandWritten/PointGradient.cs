using System;

namespace SymGrad.Benchmarks.HandWritten;

/// <summary>W5 written by hand: f(x, y) = σ(x·y) + tanh(x)·y and both partials in one go.</summary>
public static class PointGradient
{
    /// <summary>
    /// One exp, one tanh, shared products and fused multiply-adds. σ is computed directly as
    /// 1/(1 + e⁻ˣʸ): in IEEE double an overflowing e⁻ˣʸ gives +∞ and σ = 0, which is the right
    /// answer, so the branch on the sign of x·y that a float-safe form needs buys nothing here.
    /// </summary>
    public static double FGradient(double x, double y, out double dX, out double dY)
    {
        double s = 1 / (1 + Math.Exp(-(x * y)));
        double t = Math.Tanh(x);
        double sigmoidSlope = Math.FusedMultiplyAdd(-s, s, s);
        dX = y * (Math.FusedMultiplyAdd(-t, t, 1) + sigmoidSlope);
        dY = Math.FusedMultiplyAdd(x, sigmoidSlope, t);
        return Math.FusedMultiplyAdd(t, y, s);
    }
}
