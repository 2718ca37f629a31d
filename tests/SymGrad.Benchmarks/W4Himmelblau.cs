using BenchmarkDotNet.Attributes;
using SymGrad.Benchmarks.HandWritten;

namespace SymGrad.Benchmarks;

/// <summary>
/// W4: Himmelblau's function minimized with Adam (lr 1e-3) for 20 000 steps from (−4, 0), float64 and float32. The
/// generated side is what a user writes: the generated <c>HimmelblauGradient</c> handed to <see cref="Minimizer"/>
/// with <see cref="AdamOptions"/>; the hand-written side keeps the gradient and the optimizer state in locals.
/// </summary>
[MemoryDiagnoser, MinColumn, MedianColumn]
public class W4Himmelblau
{
    public const int Steps = 20_000;

    private readonly double _startX = -4;
    private readonly double _startY = 0;

    /// <summary>Adam and the gradient written by hand, float64.</summary>
    [Benchmark(Baseline = true)]
    public double HandWritten()
    {
        var (x, y) = HimmelblauAdam.Run(_startX, _startY, Steps);
        return x + y;
    }

    /// <summary>The generated gradient with the runtime's Adam through <see cref="Minimizer.Minimize{T}(T[], SpanGradient{T}, OptimizerOptions, int, double?, System.Func{MinimizeStep{T}, bool}?)"/>, float64.</summary>
    [Benchmark]
    public double Generated()
    {
        double[] point = [_startX, _startY];
        Minimizer.Minimize(point, static (p, g) => HimmelblauFunction.HimmelblauGradient(p[0], p[1], out g[0], out g[1]), new AdamOptions(lr: 1e-3), Steps);
        return point[0] + point[1];
    }

    /// <summary>Adam and the gradient written by hand, float32.</summary>
    [Benchmark]
    public float HandWrittenSingle()
    {
        var (x, y) = HimmelblauAdam.Run((float)_startX, (float)_startY, Steps);
        return x + y;
    }

    /// <summary>The generated float32 gradient with the runtime's Adam.</summary>
    [Benchmark]
    public float GeneratedSingle()
    {
        float[] point = [(float)_startX, (float)_startY];
        Minimizer.Minimize(point, static (p, g) => HimmelblauFunction.HimmelblauSingleGradient(p[0], p[1], out g[0], out g[1]), new AdamOptions(lr: 1e-3), Steps);
        return point[0] + point[1];
    }
}
