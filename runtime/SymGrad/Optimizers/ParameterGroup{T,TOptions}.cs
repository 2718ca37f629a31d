using System;
using System.Collections.Generic;
using System.Numerics;

namespace SymGrad;

/// <summary>Parameters that share their options (PyTorch's <c>param_group</c>), and the optimizer's state of each.</summary>
/// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
/// <typeparam name="TOptions">The optimizer's options record.</typeparam>
public sealed class ParameterGroup<T, TOptions> : ParameterGroup
    where T : IFloatingPointIeee754<T>
    where TOptions : OptimizerOptions
{
    private readonly Parameter<T>[] parameters;

    internal ParameterGroup(Parameter<T>[] parameters, TOptions options, int buffers)
    {
        this.parameters = parameters;
        Options = options;
        States = new ParameterState<T>[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            States[i] = new ParameterState<T>(buffers);
        }
    }

    /// <summary>The parameters, in the order they were given.</summary>
    public IReadOnlyList<Parameter<T>> Parameters => parameters;

    /// <summary>The options; the next <see cref="Optimizer.Step"/> uses the new value.</summary>
    public TOptions Options
    {
        get;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            field = value;
        }
    }

    /// <inheritdoc/>
    public override OptimizerOptions BaseOptions => Options;

    /// <inheritdoc/>
    public override double Lr
    {
        get => Options.Lr;
        set => Options = (TOptions)(Options with { Lr = value });
    }

    /// <summary>The optimizer's state of each parameter, in the order of <see cref="Parameters"/>.</summary>
    internal ParameterState<T>[] States { get; }
}
