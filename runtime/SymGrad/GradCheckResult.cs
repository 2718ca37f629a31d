using System;
using System.Globalization;

namespace SymGrad;

/// <summary>
/// The outcome of a <see cref="GradCheck"/>: whether every component of the analytical gradient is within
/// atol + rtol·|numerical| of the central difference, and the component that came closest to failing (or failed worst).
/// </summary>
public sealed class GradCheckResult
{
    internal GradCheckResult(bool passed, int count, int worstIndex, double analytical, double numerical, double eps, double atol, double rtol)
    {
        Passed = passed;
        Count = count;
        WorstIndex = worstIndex;
        Analytical = analytical;
        Numerical = numerical;
        Eps = eps;
        Atol = atol;
        Rtol = rtol;
    }

    /// <summary>Whether every component is within tolerance (a NaN in either gradient never is).</summary>
    public bool Passed { get; }

    /// <summary>The number of components compared.</summary>
    public int Count { get; }

    /// <summary>The index of the component whose difference used the largest share of its tolerance (of the failing ones, if any failed).</summary>
    public int WorstIndex { get; }

    /// <summary>The analytical (given) derivative at <see cref="WorstIndex"/>.</summary>
    public double Analytical { get; }

    /// <summary>The central-difference derivative at <see cref="WorstIndex"/>.</summary>
    public double Numerical { get; }

    /// <summary>|<see cref="Analytical"/> − <see cref="Numerical"/>|.</summary>
    public double Difference => Math.Abs(Analytical - Numerical);

    /// <summary>The tolerance at <see cref="WorstIndex"/>: atol + rtol·|<see cref="Numerical"/>|.</summary>
    public double Tolerance => Atol + (Rtol * Math.Abs(Numerical));

    /// <summary>The finite-difference step.</summary>
    public double Eps { get; }

    /// <summary>The absolute tolerance.</summary>
    public double Atol { get; }

    /// <summary>The relative tolerance, relative to the numerical derivative.</summary>
    public double Rtol { get; }

    /// <summary>A one-line account: passed or failed, the worst component, both derivatives and the tolerance.</summary>
    /// <returns>E.g. <c>GradCheck failed at component 2 of 5: analytical 0.25, numerical 0.2, |difference| 0.05 &gt; tolerance 0.00021 (atol 1E-05, rtol 0.001, eps 1E-06)</c>.</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"GradCheck {(Passed ? "passed; worst" : "failed at")} component {WorstIndex} of {Count}: analytical {Analytical:R}, numerical {Numerical:R}, |difference| {Difference:R} {(Passed ? "<=" : ">")} tolerance {Tolerance:R} (atol {Atol:R}, rtol {Rtol:R}, eps {Eps:R})");

    /// <summary>torch.allclose's test for one component: |a − n| ≤ atol + rtol·|n|, false for NaN.</summary>
    internal static bool IsWithin(double analytical, double numerical, double atol, double rtol) =>
        Math.Abs(analytical - numerical) <= atol + (rtol * Math.Abs(numerical));
}
