using BenchmarkDotNet.Attributes;
using SymGrad.Benchmarks.HandWritten;

namespace SymGrad.Benchmarks;

/// <summary>
/// W5: the gradient of f(x, y) = σ(x·y) + tanh(x)·y at one point, float64. The inputs are fields
/// and every result is returned, so the JIT can neither fold the call nor drop part of it.
/// </summary>
[MemoryDiagnoser, MinColumn, MedianColumn]
public class W5PointGradient
{
    private double _x = 0.7;
    private double _y = -1.3;

    /// <summary>The best hand-written gradient (one exp, one tanh, shared products).</summary>
    [Benchmark(Baseline = true)]
    public double HandWritten()
    {
        double f = PointGradient.FGradient(_x, _y, out double dX, out double dY);
        return f + dX + dY;
    }

    /// <summary>The generator's <c>FGradient</c> for the naturally written <see cref="W5Function.F"/>.</summary>
    [Benchmark]
    public double Generated()
    {
        double f = W5Function.FGradient(_x, _y, out double dX, out double dY);
        return f + dX + dY;
    }

    /// <summary>f alone, the floor any gradient pays: one exp and one tanh.</summary>
    [Benchmark]
    public double FunctionOnly() => W5Function.F(_x, _y);
}
