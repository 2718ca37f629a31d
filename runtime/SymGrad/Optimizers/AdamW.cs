using System.Collections.Generic;
using System.Numerics;

namespace SymGrad;

/// <summary>AdamW, Adam with decoupled weight decay, PyTorch's <c>torch.optim.AdamW</c>.</summary>
/// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
/// <remarks>
/// Each step first multiplies the parameter by 1 − lr·weightDecay, then takes <see cref="Adam{T}"/>'s step without
/// adding the decay to the gradient.
/// </remarks>
public sealed class AdamW<T> : Optimizer<T, AdamWOptions>
    where T : IFloatingPointIeee754<T>
{
    /// <summary>Creates the optimizer with one group holding <paramref name="parameters"/>.</summary>
    /// <param name="parameters">The parameters of the first group: at least one, none repeated.</param>
    /// <param name="options">The options of the first group and the defaults of groups added later; PyTorch's defaults when null.</param>
    /// <exception cref="System.ArgumentException"><paramref name="parameters"/> is empty or repeats a parameter.</exception>
    public AdamW(IEnumerable<Parameter<T>> parameters, AdamWOptions? options = null)
        : base(parameters, options ?? new AdamWOptions())
    {
    }

    /// <inheritdoc/>
    internal override string Name => "AdamW";

    /// <inheritdoc/>
    private protected override int BufferCount => AdamStep.Buffers;

    /// <inheritdoc/>
    private protected override void Update(AdamWOptions options, Parameter<T> parameter, ParameterState<T> state) =>
        AdamStep.Run(parameter, state, options.Lr, options.Beta1, options.Beta2, options.Eps, 0, options.WeightDecay, options.Amsgrad, options.Maximize);

    /// <inheritdoc/>
    private protected override AdamWOptions OptionsFromValues(System.ReadOnlySpan<double> values) => AdamWOptions.FromValues(values);
}
