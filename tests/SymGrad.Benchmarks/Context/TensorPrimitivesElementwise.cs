using System;
using System.Numerics.Tensors;

namespace SymGrad.Benchmarks.Context;

/// <summary>
/// W1 composed from System.Numerics.Tensors primitives, one vectorized pass per operation, as
/// someone would write it without a fused kernel. It is there for context: every pass streams the
/// whole 4 MiB arrays through the cache again.
/// </summary>
public static class TensorPrimitivesElementwise
{
    /// <summary>y = σ(x); dx = g·(y − y²). Four passes.</summary>
    public static void Sigmoid(ReadOnlySpan<float> x, ReadOnlySpan<float> g, Span<float> y, Span<float> dx, Span<float> scratch)
    {
        TensorPrimitives.Sigmoid(x, y);
        TensorPrimitives.Multiply(y, y, scratch);
        TensorPrimitives.Subtract(y, scratch, scratch);
        TensorPrimitives.Multiply(g, scratch, dx);
    }

    /// <summary>y = tanh(x); dx = g·(1 − y²). Four passes.</summary>
    public static void Tanh(ReadOnlySpan<float> x, ReadOnlySpan<float> g, Span<float> y, Span<float> dx, Span<float> scratch)
    {
        TensorPrimitives.Tanh(x, y);
        TensorPrimitives.Multiply(y, y, scratch);
        TensorPrimitives.Subtract(1f, scratch, scratch);
        TensorPrimitives.Multiply(g, scratch, dx);
    }

    /// <summary>y = max(x, 0) + log1p(exp(−|x|)); dx = g·σ(x). Eight passes.</summary>
    public static void Softplus(ReadOnlySpan<float> x, ReadOnlySpan<float> g, Span<float> y, Span<float> dx, Span<float> scratch)
    {
        TensorPrimitives.Abs(x, scratch);
        TensorPrimitives.Negate(scratch, scratch);
        TensorPrimitives.Exp(scratch, scratch);
        TensorPrimitives.LogP1(scratch, scratch);
        TensorPrimitives.Max(x, 0f, y);
        TensorPrimitives.Add(y, scratch, y);
        TensorPrimitives.Sigmoid(x, scratch);
        TensorPrimitives.Multiply(g, scratch, dx);
    }
}
