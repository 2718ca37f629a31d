using System.Collections.Generic;
using System.Numerics;

namespace SymGrad;

/// <summary>Adam, PyTorch's <c>torch.optim.Adam</c> (with AMSGrad, L2 weight decay and maximize).</summary>
/// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
/// <remarks>
/// Each step, as PyTorch's single-tensor path: g = ±grad (+ weightDecay·param); m = m·β₁ + (1 − β₁)·g;
/// v = v·β₂ + (1 − β₂)·g·g; with AMSGrad v̂ = max(v̂, v) replaces v below; denom = √v / √(1 − β₂ᵗ) + ε;
/// param += (−lr / (1 − β₁ᵗ))·m / denom. The state of a parameter is its step count t, m, v and v̂.
/// </remarks>
public sealed class Adam<T> : Optimizer<T, AdamOptions>
    where T : IFloatingPointIeee754<T>
{
    /// <summary>Creates the optimizer with one group holding <paramref name="parameters"/>.</summary>
    /// <param name="parameters">The parameters of the first group: at least one, none repeated.</param>
    /// <param name="options">The options of the first group and the defaults of groups added later; PyTorch's defaults when null.</param>
    /// <exception cref="System.ArgumentException"><paramref name="parameters"/> is empty or repeats a parameter.</exception>
    public Adam(IEnumerable<Parameter<T>> parameters, AdamOptions? options = null)
        : base(parameters, options ?? new AdamOptions())
    {
    }

    /// <inheritdoc/>
    internal override string Name => "Adam";

    /// <inheritdoc/>
    private protected override int BufferCount => AdamStep.Buffers;

    /// <inheritdoc/>
    private protected override void Update(AdamOptions options, Parameter<T> parameter, ParameterState<T> state) =>
        AdamStep.Run(parameter, state, options.Lr, options.Beta1, options.Beta2, options.Eps, options.WeightDecay, null, options.Amsgrad, options.Maximize);

    /// <inheritdoc/>
    private protected override AdamOptions OptionsFromValues(System.ReadOnlySpan<double> values) => AdamOptions.FromValues(values);
}
