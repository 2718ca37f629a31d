using System;

namespace SymGrad.Benchmarks;

/// <summary>The W5 workload written the way a user would write it; the generator adds <c>FGradient</c>.</summary>
public static partial class W5Function
{
    /// <summary>f(x, y) = sigmoid(x·y) + tanh(x)·y.</summary>
    [Differentiable]
    public static double F(double x, double y) => 1 / (1 + Math.Exp(-x * y)) + Math.Tanh(x) * y;
}
