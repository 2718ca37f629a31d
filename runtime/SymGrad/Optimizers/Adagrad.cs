using System;
using System.Collections.Generic;
using System.Numerics;

namespace SymGrad;

/// <summary>Adagrad, PyTorch's <c>torch.optim.Adagrad</c> (with learning-rate decay, weight decay and maximize).</summary>
/// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
/// <remarks>
/// Each step t, as PyTorch's single-tensor path: g = ±grad (+ weightDecay·param); clr = lr / (1 + (t − 1)·lrDecay);
/// sum += g·g; param += (−clr)·g / (√sum + ε). The state of a parameter is t and the sum, which starts at
/// initialAccumulatorValue. PyTorch 1.13 creates that state in the constructor only, so a group added later fails its
/// first step there; here every parameter gets it on its first step, the same state the constructor would create.
/// </remarks>
public sealed class Adagrad<T> : Optimizer<T, AdagradOptions>
    where T : IFloatingPointIeee754<T>
{
    /// <summary>Creates the optimizer with one group holding <paramref name="parameters"/>.</summary>
    /// <param name="parameters">The parameters of the first group: at least one, none repeated.</param>
    /// <param name="options">The options of the first group and the defaults of groups added later; PyTorch's defaults when null.</param>
    /// <exception cref="ArgumentException"><paramref name="parameters"/> is empty or repeats a parameter.</exception>
    public Adagrad(IEnumerable<Parameter<T>> parameters, AdagradOptions? options = null)
        : base(parameters, options ?? new AdagradOptions())
    {
    }

    /// <inheritdoc/>
    internal override string Name => "Adagrad";

    /// <inheritdoc/>
    private protected override int BufferCount => 1;

    /// <inheritdoc/>
    private protected override void Update(AdagradOptions options, Parameter<T> parameter, ParameterState<T> state)
    {
        var param = parameter.Value;
        var grad = parameter.Grad;
        var n = param.Length;
        var sum = state.Buffer(0, n, Scalar(options.InitialAccumulatorValue));
        var weightDecay = Scalar(options.WeightDecay);
        var negClr = Scalar(-(options.Lr / (1 + ((state.Step - 1) * options.LrDecay))));
        var epsilon = new Vector<T>(Scalar(options.Eps));
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

            var s = Lanes.Load<T>(sum, i, c) + (g * g);
            Lanes.Store(s, sum, i, c);
            Lanes.Store(p + (g * negClr / (Vector.SquareRoot(s) + epsilon)), param, i, c);
        }
    }

    /// <inheritdoc/>
    private protected override AdagradOptions OptionsFromValues(ReadOnlySpan<double> values) => AdagradOptions.FromValues(values);
}
