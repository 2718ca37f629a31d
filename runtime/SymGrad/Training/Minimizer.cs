using System;
using System.Numerics;

namespace SymGrad;

/// <summary>
/// Minimizes a function of a vector from its gradient (SPEC §5, training loop a): a generated <c>MGradient</c>, or any
/// <see cref="SpanGradient{T}"/>, drives an optimizer for a number of steps or until the gradient is small enough.
/// </summary>
/// <remarks>
/// <para>
/// Each iteration evaluates the value and the gradient at the current point into the parameter's
/// <see cref="Parameter{T}.Grad"/>, calls the callback, stops if the Euclidean norm of the gradient is at most the
/// tolerance, if one is given (converged), or the step budget is spent, and otherwise takes one optimizer step — the loop
/// <c>zero_grad(); loss.backward(); step()</c> of PyTorch, so the trajectory is PyTorch's for the same optimizer.
/// </para>
/// <para>
/// The tolerance is on the gradient norm, not on the change in value: a stalled value far from a stationary point
/// (a plateau, a too small learning rate) is not reported as converged. Without a tolerance the whole budget runs, as
/// a PyTorch loop of that many steps does (Adam keeps moving on a zero gradient while its first moment decays).
/// </para>
/// </remarks>
public static class Minimizer
{
    /// <summary>Minimizes with an optimizer built from <paramref name="options"/> over the values <paramref name="x"/>.</summary>
    /// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="x">The starting point; updated in place to the final point.</param>
    /// <param name="gradient">Returns the function's value and writes its gradient.</param>
    /// <param name="options">
    /// The optimizer: <see cref="SgdOptions"/>, <see cref="AdamOptions"/>, <see cref="AdamWOptions"/>,
    /// <see cref="RmsPropOptions"/> or <see cref="AdagradOptions"/> builds that optimizer.
    /// </param>
    /// <param name="maxSteps">The most optimizer steps to take, at least 0.</param>
    /// <param name="tolerance">Stop when the gradient norm is at most this, at least 0; null to take every step.</param>
    /// <param name="callback">Called at every evaluated point; returning false stops the run.</param>
    /// <returns>The steps taken, the final value and gradient norm, and why the run ended.</returns>
    /// <exception cref="ArgumentException">An argument is null, empty or out of range (the exception names it).</exception>
    public static MinimizeResult Minimize<T>(T[] x, SpanGradient<T> gradient, OptimizerOptions options, int maxSteps, double? tolerance = null, Func<MinimizeStep<T>, bool>? callback = null)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(options);
        if (x.Length == 0)
        {
            throw new ArgumentException("The starting point is empty.", nameof(x));
        }

        var parameter = new Parameter<T>(x);
        Optimizer optimizer = options switch
        {
            SgdOptions o => new Sgd<T>([parameter], o),
            AdamWOptions o => new AdamW<T>([parameter], o),
            AdamOptions o => new Adam<T>([parameter], o),
            RmsPropOptions o => new RmsProp<T>([parameter], o),
            AdagradOptions o => new Adagrad<T>([parameter], o),
            _ => throw new ArgumentException($"No optimizer takes {options.GetType().Name}.", nameof(options)),
        };
        return Minimize(parameter, optimizer, gradient, maxSteps, tolerance, callback);
    }

    /// <summary>Minimizes with <paramref name="optimizer"/>, which must update <paramref name="parameter"/>.</summary>
    /// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="parameter">The point, updated in place; its gradient array receives the gradient.</param>
    /// <param name="optimizer">An optimizer holding <paramref name="parameter"/> (its state, if any, carries on).</param>
    /// <param name="gradient">Returns the function's value and writes its gradient.</param>
    /// <param name="maxSteps">The most optimizer steps to take, at least 0.</param>
    /// <param name="tolerance">Stop when the gradient norm is at most this, at least 0; null to take every step.</param>
    /// <param name="callback">Called at every evaluated point; returning false stops the run.</param>
    /// <returns>The steps taken, the final value and gradient norm, and why the run ended.</returns>
    /// <exception cref="ArgumentException">An argument is null or out of range (the exception names it).</exception>
    public static MinimizeResult Minimize<T>(Parameter<T> parameter, Optimizer optimizer, SpanGradient<T> gradient, int maxSteps, double? tolerance = null, Func<MinimizeStep<T>, bool>? callback = null)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(parameter);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(gradient);
        ArgumentOutOfRangeException.ThrowIfNegative(maxSteps);
        if (tolerance is { } t && !(t >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "The tolerance must be at least 0.");
        }

        for (var step = 0; ; step++)
        {
            var value = double.CreateChecked(gradient(parameter.Value, parameter.Grad));
            var norm = Norm(parameter.Grad);
            var proceed = callback?.Invoke(new MinimizeStep<T>(step, value, norm, parameter.Value)) ?? true;
            var converged = norm <= tolerance;
            if (converged || !proceed || step == maxSteps)
            {
                return new MinimizeResult(step, value, norm, converged, !proceed && !converged);
            }

            optimizer.Step();
        }
    }

    private static double Norm<T>(ReadOnlySpan<T> g)
        where T : IFloatingPointIeee754<T>
    {
        var sum = 0.0;
        foreach (var v in g)
        {
            var d = double.CreateChecked(v);
            sum += d * d;
        }

        return Math.Sqrt(sum);
    }
}
