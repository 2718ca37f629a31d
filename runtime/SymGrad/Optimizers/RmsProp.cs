using System;
using System.Collections.Generic;
using System.Numerics;

namespace SymGrad;

/// <summary>RMSprop, PyTorch's <c>torch.optim.RMSprop</c> (with momentum, centering, weight decay and maximize).</summary>
/// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
/// <remarks>
/// Each step, as PyTorch's single-tensor path: g = ±grad (+ weightDecay·param); s = s·α + (1 − α)·g·g; centered:
/// a = a·α + (1 − α)·g and avg = √(s − a·a), else avg = √s; avg += ε; with momentum buf = buf·momentum + g / avg and
/// param += (−lr)·buf, else param += (−lr)·g / avg. The state of a parameter is its step count, s, buf and a.
/// </remarks>
public sealed class RmsProp<T> : Optimizer<T, RmsPropOptions>
    where T : IFloatingPointIeee754<T>
{
    /// <summary>Creates the optimizer with one group holding <paramref name="parameters"/>.</summary>
    /// <param name="parameters">The parameters of the first group: at least one, none repeated.</param>
    /// <param name="options">The options of the first group and the defaults of groups added later; PyTorch's defaults when null.</param>
    /// <exception cref="ArgumentException"><paramref name="parameters"/> is empty or repeats a parameter.</exception>
    public RmsProp(IEnumerable<Parameter<T>> parameters, RmsPropOptions? options = null)
        : base(parameters, options ?? new RmsPropOptions())
    {
    }

    /// <inheritdoc/>
    internal override string Name => "RmsProp";

    /// <inheritdoc/>
    private protected override int BufferCount => 3;

    /// <inheritdoc/>
    private protected override void Update(RmsPropOptions options, Parameter<T> parameter, ParameterState<T> state)
    {
        var param = parameter.Value;
        var grad = parameter.Grad;
        var n = param.Length;
        var squareAvg = state.Buffer(0, n, T.Zero);
        var useMomentum = options.Momentum > 0;
        var momentumBuffer = useMomentum ? state.Buffer(1, n, T.Zero) : [];
        var gradAvg = options.Centered ? state.Buffer(2, n, T.Zero) : [];
        var alpha = Scalar(options.Alpha);
        var rest = Scalar(1 - options.Alpha);
        var weightDecay = Scalar(options.WeightDecay);
        var momentum = Scalar(options.Momentum);
        var epsilon = new Vector<T>(Scalar(options.Eps));
        var negLr = Scalar(-options.Lr);
        for (var i = 0; i < n; i += Vector<T>.Count)
        {
            var c = Math.Min(Vector<T>.Count, n - i);
            var p = Lanes.Load<T>(param, i, c);
            var g = Lanes.Load<T>(grad, i, c);
            if (options.Maximize)
            {
                g = -g;
            }

            if (options.WeightDecay != 0)
            {
                g += p * weightDecay;
            }

            var s = (Lanes.Load<T>(squareAvg, i, c) * alpha) + (g * rest * g);
            Lanes.Store(s, squareAvg, i, c);
            Vector<T> avg;
            if (options.Centered)
            {
                var a = (Lanes.Load<T>(gradAvg, i, c) * alpha) + (g * rest);
                Lanes.Store(a, gradAvg, i, c);
                avg = Vector.SquareRoot(s + (-a * a));
            }
            else
            {
                avg = Vector.SquareRoot(s);
            }

            avg += epsilon;
            if (useMomentum)
            {
                var b = (Lanes.Load<T>(momentumBuffer, i, c) * momentum) + (g / avg);
                Lanes.Store(b, momentumBuffer, i, c);
                p += b * negLr;
            }
            else
            {
                p += g * negLr / avg;
            }

            Lanes.Store(p, param, i, c);
        }
    }

    /// <inheritdoc/>
    private protected override RmsPropOptions OptionsFromValues(ReadOnlySpan<double> values) => RmsPropOptions.FromValues(values);
}
