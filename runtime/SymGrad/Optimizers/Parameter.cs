using System;
using System.Numerics;

namespace SymGrad;

/// <summary>
/// A parameter an optimizer updates: its values, and beside them the gradient of the loss with respect to each value,
/// which the training code fills before <see cref="Optimizer.Step"/>.
/// </summary>
/// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
public sealed class Parameter<T>
    where T : IFloatingPointIeee754<T>
{
    /// <summary>Wraps <paramref name="value"/>, with a gradient of zeros of the same length.</summary>
    /// <param name="value">The values; the optimizer updates this array in place.</param>
    public Parameter(T[] value)
        : this(value, new T[value?.Length ?? 0])
    {
    }

    /// <summary>Wraps <paramref name="value"/> and its gradient <paramref name="grad"/>.</summary>
    /// <param name="value">The values; the optimizer updates this array in place.</param>
    /// <param name="grad">The gradient, one element per value.</param>
    public Parameter(T[] value, T[] grad)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(grad);
        if (grad.Length != value.Length)
        {
            throw new ArgumentException($"Expected {value.Length} gradient elements, got {grad.Length}.", nameof(grad));
        }

        Value = value;
        Grad = grad;
    }

    /// <summary>The values (PyTorch's <c>param.data</c>).</summary>
    public T[] Value { get; }

    /// <summary>The gradient (PyTorch's <c>param.grad</c>).</summary>
    public T[] Grad { get; }

    /// <summary>The number of values.</summary>
    public int Length => Value.Length;
}
