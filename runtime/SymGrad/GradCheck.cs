using System;
using System.Globalization;
using System.Numerics;

namespace SymGrad;

/// <summary>
/// Checks a gradient against central finite differences, like <c>torch.autograd.gradcheck</c>: component i passes when
/// |analyticalᵢ − numericalᵢ| ≤ atol + rtol·|numericalᵢ|, numericalᵢ = (f(x + eps·eᵢ) − f(x − eps·eᵢ)) / step.
/// </summary>
/// <remarks>
/// <para>
/// Made for the generated members: a <see cref="DifferentiableAttribute"/> method <c>double Loss(ReadOnlySpan&lt;double&gt; w)</c>
/// and its <c>LossGradient(w, dW)</c> are checked with <c>GradCheck.Assert(Loss, LossGradient, w)</c>; a scalar function with
/// its <c>MDerivative</c> with <c>GradCheck.Assert(Activations.Sigmoid, Activations.SigmoidDerivative, 0.3)</c>. Other shapes
/// fit in a lambda: extra arguments (<c>(x, d) =&gt; Losses.MseLossGradient(x, target, Reduction.Mean, d)</c>), several scalar
/// parameters (<c>(p, d) =&gt; F.MGradient(p[0], p[1], out d[0], out d[1])</c>), a vector-valued function through a
/// vector-Jacobian product with a fixed <c>g</c> (f(x) = ⟨g, y(x)⟩ has gradient <c>MBackward(x, g, dX)</c>).
/// </para>
/// <para>
/// The step is the distance between the two perturbed points as they are represented (x + eps and x − eps rounded to
/// the element type), not the nominal 2·eps, so rounding of the perturbation does not enter the derivative. The
/// function is evaluated 2·n times, the gradient once; the point is not changed.
/// </para>
/// <para>
/// In float the defaults differ from PyTorch's (which are meant for double): with 24-bit values, eps = 1e-6 leaves a
/// difference quotient that is mostly rounding noise (≈ 6e-8·|f| / 2e-6 ≈ 3 %·|f|), so the float overloads default to
/// eps = 1e-3, atol = 1e-3, rtol = 1e-2. The function values are subtracted and divided in double.
/// </para>
/// </remarks>
public static class GradCheck
{
    /// <summary>Compares a gradient with central differences of its function.</summary>
    /// <param name="function">The function, e.g. a <see cref="DifferentiableAttribute"/> method.</param>
    /// <param name="gradient">Its gradient, e.g. the generated <c>MGradient</c>; the value it returns is not used.</param>
    /// <param name="point">Where to compare; not empty.</param>
    /// <param name="eps">The finite-difference step, positive.</param>
    /// <param name="atol">The absolute tolerance, not negative.</param>
    /// <param name="rtol">The tolerance relative to the numerical derivative, not negative.</param>
    /// <returns>Whether every component passed, and the worst component with both derivatives.</returns>
    /// <exception cref="ArgumentException">A delegate is null, <paramref name="point"/> is empty, a tolerance or the step is out of range, or the step vanishes next to a component of <paramref name="point"/>.</exception>
    public static GradCheckResult Check(SpanFunction<double> function, SpanGradient<double> gradient, ReadOnlySpan<double> point, double eps = 1e-6, double atol = 1e-5, double rtol = 1e-3)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(gradient);
        return Run(function, gradient, point, eps, atol, rtol);
    }

    /// <summary>Compares a gradient with central differences of its function, in float.</summary>
    /// <param name="function">The function, e.g. a <see cref="DifferentiableAttribute"/> method.</param>
    /// <param name="gradient">Its gradient, e.g. the generated <c>MGradient</c>; the value it returns is not used.</param>
    /// <param name="point">Where to compare; not empty.</param>
    /// <param name="eps">The finite-difference step, positive (larger than in double: see the remarks on <see cref="GradCheck"/>).</param>
    /// <param name="atol">The absolute tolerance, not negative.</param>
    /// <param name="rtol">The tolerance relative to the numerical derivative, not negative.</param>
    /// <returns>Whether every component passed, and the worst component with both derivatives.</returns>
    /// <exception cref="ArgumentException">A delegate is null, <paramref name="point"/> is empty, a tolerance or the step is out of range, or the step vanishes next to a component of <paramref name="point"/>.</exception>
    public static GradCheckResult Check(SpanFunction<float> function, SpanGradient<float> gradient, ReadOnlySpan<float> point, double eps = 1e-3, double atol = 1e-3, double rtol = 1e-2)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(gradient);
        return Run(function, gradient, point, eps, atol, rtol);
    }

    /// <summary>Compares a derivative with the central difference of its function at one point.</summary>
    /// <param name="function">The function, e.g. <c>Activations.Sigmoid</c>.</param>
    /// <param name="derivative">Its derivative, e.g. the generated <c>Activations.SigmoidDerivative</c>.</param>
    /// <param name="point">Where to compare.</param>
    /// <param name="eps">The finite-difference step, positive.</param>
    /// <param name="atol">The absolute tolerance, not negative.</param>
    /// <param name="rtol">The tolerance relative to the numerical derivative, not negative.</param>
    /// <returns>Whether the derivative passed, with both values (component 0).</returns>
    /// <exception cref="ArgumentException">A delegate is null, a tolerance or the step is out of range, or the step vanishes next to <paramref name="point"/>.</exception>
    public static GradCheckResult Check(Func<double, double> function, Func<double, double> derivative, double point, double eps = 1e-6, double atol = 1e-5, double rtol = 1e-3)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(derivative);
        return Run(x => function(x[0]), (x, d) => d[0] = derivative(x[0]), [point], eps, atol, rtol);
    }

    /// <summary>Compares a derivative with the central difference of its function at one point, in float.</summary>
    /// <param name="function">The function, e.g. <c>Activations.Sigmoid</c>.</param>
    /// <param name="derivative">Its derivative, e.g. the generated <c>Activations.SigmoidDerivative</c>.</param>
    /// <param name="point">Where to compare.</param>
    /// <param name="eps">The finite-difference step, positive (larger than in double: see the remarks on <see cref="GradCheck"/>).</param>
    /// <param name="atol">The absolute tolerance, not negative.</param>
    /// <param name="rtol">The tolerance relative to the numerical derivative, not negative.</param>
    /// <returns>Whether the derivative passed, with both values (component 0).</returns>
    /// <exception cref="ArgumentException">A delegate is null, a tolerance or the step is out of range, or the step vanishes next to <paramref name="point"/>.</exception>
    public static GradCheckResult Check(Func<float, float> function, Func<float, float> derivative, float point, double eps = 1e-3, double atol = 1e-3, double rtol = 1e-2)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(derivative);
        return Run(x => function(x[0]), (x, d) => d[0] = derivative(x[0]), [point], eps, atol, rtol);
    }

    /// <summary>As <see cref="Check(SpanFunction{double}, SpanGradient{double}, ReadOnlySpan{double}, double, double, double)"/>, throwing when the check fails.</summary>
    /// <param name="function">The function, e.g. a <see cref="DifferentiableAttribute"/> method.</param>
    /// <param name="gradient">Its gradient, e.g. the generated <c>MGradient</c>; the value it returns is not used.</param>
    /// <param name="point">Where to compare; not empty.</param>
    /// <param name="eps">The finite-difference step, positive.</param>
    /// <param name="atol">The absolute tolerance, not negative.</param>
    /// <param name="rtol">The tolerance relative to the numerical derivative, not negative.</param>
    /// <returns>The passed check, with its worst component.</returns>
    /// <exception cref="GradCheckException">A component is out of tolerance; the message names the worst and both derivatives.</exception>
    /// <exception cref="ArgumentException">As for <c>Check</c>.</exception>
    public static GradCheckResult Assert(SpanFunction<double> function, SpanGradient<double> gradient, ReadOnlySpan<double> point, double eps = 1e-6, double atol = 1e-5, double rtol = 1e-3) =>
        Passed(Check(function, gradient, point, eps, atol, rtol));

    /// <summary>As <see cref="Check(SpanFunction{float}, SpanGradient{float}, ReadOnlySpan{float}, double, double, double)"/>, throwing when the check fails.</summary>
    /// <param name="function">The function, e.g. a <see cref="DifferentiableAttribute"/> method.</param>
    /// <param name="gradient">Its gradient, e.g. the generated <c>MGradient</c>; the value it returns is not used.</param>
    /// <param name="point">Where to compare; not empty.</param>
    /// <param name="eps">The finite-difference step, positive.</param>
    /// <param name="atol">The absolute tolerance, not negative.</param>
    /// <param name="rtol">The tolerance relative to the numerical derivative, not negative.</param>
    /// <returns>The passed check, with its worst component.</returns>
    /// <exception cref="GradCheckException">A component is out of tolerance; the message names the worst and both derivatives.</exception>
    /// <exception cref="ArgumentException">As for <c>Check</c>.</exception>
    public static GradCheckResult Assert(SpanFunction<float> function, SpanGradient<float> gradient, ReadOnlySpan<float> point, double eps = 1e-3, double atol = 1e-3, double rtol = 1e-2) =>
        Passed(Check(function, gradient, point, eps, atol, rtol));

    /// <summary>As <see cref="Check(Func{double, double}, Func{double, double}, double, double, double, double)"/>, throwing when the check fails.</summary>
    /// <param name="function">The function, e.g. <c>Activations.Sigmoid</c>.</param>
    /// <param name="derivative">Its derivative, e.g. the generated <c>Activations.SigmoidDerivative</c>.</param>
    /// <param name="point">Where to compare.</param>
    /// <param name="eps">The finite-difference step, positive.</param>
    /// <param name="atol">The absolute tolerance, not negative.</param>
    /// <param name="rtol">The tolerance relative to the numerical derivative, not negative.</param>
    /// <returns>The passed check.</returns>
    /// <exception cref="GradCheckException">The derivative is out of tolerance; the message gives both values.</exception>
    /// <exception cref="ArgumentException">As for <c>Check</c>.</exception>
    public static GradCheckResult Assert(Func<double, double> function, Func<double, double> derivative, double point, double eps = 1e-6, double atol = 1e-5, double rtol = 1e-3) =>
        Passed(Check(function, derivative, point, eps, atol, rtol));

    /// <summary>As <see cref="Check(Func{float, float}, Func{float, float}, float, double, double, double)"/>, throwing when the check fails.</summary>
    /// <param name="function">The function, e.g. <c>Activations.Sigmoid</c>.</param>
    /// <param name="derivative">Its derivative, e.g. the generated <c>Activations.SigmoidDerivative</c>.</param>
    /// <param name="point">Where to compare.</param>
    /// <param name="eps">The finite-difference step, positive.</param>
    /// <param name="atol">The absolute tolerance, not negative.</param>
    /// <param name="rtol">The tolerance relative to the numerical derivative, not negative.</param>
    /// <returns>The passed check.</returns>
    /// <exception cref="GradCheckException">The derivative is out of tolerance; the message gives both values.</exception>
    /// <exception cref="ArgumentException">As for <c>Check</c>.</exception>
    public static GradCheckResult Assert(Func<float, float> function, Func<float, float> derivative, float point, double eps = 1e-3, double atol = 1e-3, double rtol = 1e-2) =>
        Passed(Check(function, derivative, point, eps, atol, rtol));

    private static GradCheckResult Passed(GradCheckResult result) => result.Passed ? result : throw new GradCheckException(result);

    private static GradCheckResult Run<T>(SpanFunction<T> function, SpanGradient<T> gradient, ReadOnlySpan<T> point, double eps, double atol, double rtol)
        where T : IFloatingPointIeee754<T>
    {
        if (point.IsEmpty)
        {
            throw new ArgumentException("There is no component to check.", nameof(point));
        }

        if (!(eps > 0) || double.IsInfinity(eps))
        {
            throw new ArgumentOutOfRangeException(nameof(eps), eps, "The step must be positive and finite.");
        }

        if (!(atol >= 0) || double.IsInfinity(atol))
        {
            throw new ArgumentOutOfRangeException(nameof(atol), atol, "The absolute tolerance must be finite and not negative.");
        }

        if (!(rtol >= 0) || double.IsInfinity(rtol))
        {
            throw new ArgumentOutOfRangeException(nameof(rtol), rtol, "The relative tolerance must be finite and not negative.");
        }

        var analytical = new T[point.Length];
        gradient(point, analytical);
        var x = point.ToArray();
        int worst = 0;
        bool passed = true;
        double worstScore = double.NegativeInfinity, worstAnalytical = 0, worstNumerical = 0;
        for (int i = 0; i < x.Length; i++)
        {
            T xi = x[i];
            T above = T.CreateChecked(double.CreateChecked(xi) + eps);
            T below = T.CreateChecked(double.CreateChecked(xi) - eps);
            double step = double.CreateChecked(above) - double.CreateChecked(below);
            if (!(step > 0))
            {
                throw new ArgumentOutOfRangeException(nameof(eps), eps, string.Create(CultureInfo.InvariantCulture, $"The step is lost next to component {i} of the point ({xi}): x ± eps rounds to the same value."));
            }

            x[i] = above;
            double up = double.CreateChecked(function(x));
            x[i] = below;
            double down = double.CreateChecked(function(x));
            x[i] = xi;
            double numerical = (up - down) / step;
            double given = double.CreateChecked(analytical[i]);
            bool within = GradCheckResult.IsWithin(given, numerical, atol, rtol);
            double score = Score(given, numerical, atol, rtol);

            // A failing component is worse than any passing one even where both scores round to 1.
            if ((passed && !within) || (passed == within && score > worstScore))
            {
                (worst, worstScore, worstAnalytical, worstNumerical) = (i, score, given, numerical);
            }

            passed &= within;
        }

        return new GradCheckResult(passed, x.Length, worst, worstAnalytical, worstNumerical, eps, atol, rtol);
    }

    /// <summary>The share of its tolerance a component's difference uses: a NaN, or a difference against a zero or NaN tolerance, is +∞.</summary>
    private static double Score(double analytical, double numerical, double atol, double rtol)
    {
        double difference = Math.Abs(analytical - numerical);
        double tolerance = atol + (rtol * Math.Abs(numerical));
        if (difference == 0)
        {
            return 0;
        }

        return tolerance > 0 && double.IsFinite(difference) ? difference / tolerance : double.PositiveInfinity;
    }
}
