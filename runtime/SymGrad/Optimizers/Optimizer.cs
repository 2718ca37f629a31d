using System.Collections.Generic;

namespace SymGrad;

/// <summary>
/// An optimizer seen without its element type: its parameter groups, <see cref="Step"/> and <see cref="ZeroGrad"/>.
/// Learning-rate schedulers and <see cref="OptimizerState"/> take this; <see cref="Optimizer{T, TOptions}"/> is the
/// base of <see cref="Sgd{T}"/>, <see cref="Adam{T}"/>, <see cref="AdamW{T}"/>, <see cref="RmsProp{T}"/> and
/// <see cref="Adagrad{T}"/>.
/// </summary>
public abstract class Optimizer
{
    /// <summary>Only <see cref="Optimizer{T, TOptions}"/> derives from this.</summary>
    private protected Optimizer()
    {
    }

    /// <summary>The parameter groups, in the order they were added (PyTorch's <c>param_groups</c>).</summary>
    public abstract IReadOnlyList<ParameterGroup> Groups { get; }

    /// <summary>Updates every parameter from its gradient (PyTorch's <c>optimizer.step()</c>).</summary>
    public abstract void Step();

    /// <summary>Sets every gradient to zero (PyTorch's <c>zero_grad(set_to_none=False)</c>).</summary>
    public abstract void ZeroGrad();

    /// <summary>The optimizer's name in a state file (<c>"Sgd"</c>, <c>"Adam"</c>, …).</summary>
    internal abstract string Name { get; }

    /// <summary>A copy of the options and the state of every parameter (PyTorch's <c>state_dict()</c>).</summary>
    internal abstract OptimizerSnapshot Capture();

    /// <summary>Checks <paramref name="snapshot"/> against this optimizer's layout, then restores it; changes nothing if the check fails.</summary>
    /// <exception cref="System.IO.InvalidDataException">The snapshot is of another optimizer, element type or parameter layout.</exception>
    internal abstract void Restore(OptimizerSnapshot snapshot);
}
