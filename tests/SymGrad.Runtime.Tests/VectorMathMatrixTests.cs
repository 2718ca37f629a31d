using System;
using System.Linq;
using Xunit;

namespace SymGrad.Runtime.Tests;

/// <summary>
/// <see cref="VectorMath.MultiplyTransposed(ReadOnlySpan{float}, ReadOnlySpan{float}, int, int, int, Span{float})"/>,
/// <see cref="VectorMath.AddTransposedMultiply(ReadOnlySpan{float}, ReadOnlySpan{float}, int, int, int, Span{float})"/> and
/// <see cref="VectorMath.AddMultiply(ReadOnlySpan{float}, ReadOnlySpan{float}, int, int, int, Span{float})"/> in float and
/// double against a double-precision reference, over shapes that reach every block edge and vector tail of the kernels
/// (and, with k below a vector, the narrower kernels and plain loops), and for C = A·Bᵀ both the dot products and the
/// transposed copy of B with its partial tiles. The outputs start out random, so C must be
/// overwritten and D added to; the elements after the matrix in the output must stay as they were, and those after the
/// matrices in the inputs are NaN, so that reading one shows.
/// </summary>
public sealed class VectorMathMatrixTests
{
    public enum Kernel
    {
        MultiplyTransposed,
        AddTransposedMultiply,
        AddMultiply,
    }

    private const int Padding = 19;
    private const double Sentinel = 12345.5;

    private static readonly (int M, int N, int K)[] Shapes =
    [
        (0, 0, 0), (0, 3, 5), (3, 0, 5), (3, 5, 0), (1, 1, 1), (1, 1, 0), (2, 1, 3), (3, 5, 7),
        (1, 1, 16), (1, 1, 17), (5, 2, 15), (4, 4, 8), (4, 4, 4), (2, 9, 6), (6, 5, 9), (7, 3, 12),
        (4, 4, 16), (5, 6, 31), (5, 6, 32), (5, 6, 33), (9, 7, 47), (8, 8, 48), (9, 7, 49),
        (3, 17, 63), (17, 3, 64), (13, 11, 65), (4, 4, 65), (6, 10, 79), (5, 5, 80), (11, 6, 95), (2, 3, 127), (3, 2, 129),
        (32, 32, 64), (32, 10, 32), (64, 10, 128), (64, 128, 784), (33, 31, 63), (31, 33, 65), (15, 17, 16),
        (20, 70, 24), (9, 40, 10), (64, 128, 256), (7, 24, 8),
    ];

    public static TheoryData<Kernel, int, int, int> Cases()
    {
        var data = new TheoryData<Kernel, int, int, int>();
        foreach (var kernel in Enum.GetValues<Kernel>())
        {
            foreach (var (m, n, k) in Shapes) data.Add(kernel, m, n, k);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void FloatMatchesTheReference(Kernel kernel, int m, int n, int k) => Check(kernel, m, n, k, single: true);

    [Theory]
    [MemberData(nameof(Cases))]
    public void DoubleMatchesTheReference(Kernel kernel, int m, int n, int k) => Check(kernel, m, n, k, single: false);

    [Fact]
    public void NegativeSizesAreRejected()
    {
        foreach (var (m, n, k, name) in new[] { (-1, 2, 2, "m"), (2, -1, 2, "n"), (2, 2, -1, "k") })
        {
            var f = new float[16];
            var g = new double[16];
            Assert.Equal(name, Assert.Throws<ArgumentOutOfRangeException>(() => VectorMath.MultiplyTransposed(f, f, m, n, k, new float[16])).ParamName);
            Assert.Equal(name, Assert.Throws<ArgumentOutOfRangeException>(() => VectorMath.MultiplyTransposed(g, g, m, n, k, new double[16])).ParamName);
            Assert.Equal(name, Assert.Throws<ArgumentOutOfRangeException>(() => VectorMath.AddTransposedMultiply(f, f, m, n, k, new float[16])).ParamName);
            Assert.Equal(name, Assert.Throws<ArgumentOutOfRangeException>(() => VectorMath.AddTransposedMultiply(g, g, m, n, k, new double[16])).ParamName);
            Assert.Equal(name, Assert.Throws<ArgumentOutOfRangeException>(() => VectorMath.AddMultiply(f, f, m, n, k, new float[16])).ParamName);
            Assert.Equal(name, Assert.Throws<ArgumentOutOfRangeException>(() => VectorMath.AddMultiply(g, g, m, n, k, new double[16])).ParamName);
        }
    }

    [Fact]
    public void ShortSpansAreRejectedByName()
    {
        // m = 2, n = 3, k = 4: A and X are 2×4 (8), B and W 3×4 (12), C and S 2×3 (6), D 3×4 (12) or 2×4 (8).
        static string Float(Action<float[], float[], float[]> call, int first, int second, int output) =>
            Assert.Throws<ArgumentException>(() => call(new float[first], new float[second], new float[output])).ParamName!;
        static string Double(Action<double[], double[], double[]> call, int first, int second, int output) =>
            Assert.Throws<ArgumentException>(() => call(new double[first], new double[second], new double[output])).ParamName!;

        Assert.Equal("a", Float((a, b, c) => VectorMath.MultiplyTransposed(a, b, 2, 3, 4, c), 7, 12, 6));
        Assert.Equal("b", Float((a, b, c) => VectorMath.MultiplyTransposed(a, b, 2, 3, 4, c), 8, 11, 6));
        Assert.Equal("c", Float((a, b, c) => VectorMath.MultiplyTransposed(a, b, 2, 3, 4, c), 8, 12, 5));
        Assert.Equal("a", Double((a, b, c) => VectorMath.MultiplyTransposed(a, b, 2, 3, 4, c), 7, 12, 6));
        Assert.Equal("b", Double((a, b, c) => VectorMath.MultiplyTransposed(a, b, 2, 3, 4, c), 8, 11, 6));
        Assert.Equal("c", Double((a, b, c) => VectorMath.MultiplyTransposed(a, b, 2, 3, 4, c), 8, 12, 5));

        Assert.Equal("s", Float((s, x, d) => VectorMath.AddTransposedMultiply(s, x, 2, 3, 4, d), 5, 8, 12));
        Assert.Equal("x", Float((s, x, d) => VectorMath.AddTransposedMultiply(s, x, 2, 3, 4, d), 6, 7, 12));
        Assert.Equal("d", Float((s, x, d) => VectorMath.AddTransposedMultiply(s, x, 2, 3, 4, d), 6, 8, 11));
        Assert.Equal("s", Double((s, x, d) => VectorMath.AddTransposedMultiply(s, x, 2, 3, 4, d), 5, 8, 12));
        Assert.Equal("x", Double((s, x, d) => VectorMath.AddTransposedMultiply(s, x, 2, 3, 4, d), 6, 7, 12));
        Assert.Equal("d", Double((s, x, d) => VectorMath.AddTransposedMultiply(s, x, 2, 3, 4, d), 6, 8, 11));

        Assert.Equal("s", Float((s, w, d) => VectorMath.AddMultiply(s, w, 2, 3, 4, d), 5, 12, 8));
        Assert.Equal("w", Float((s, w, d) => VectorMath.AddMultiply(s, w, 2, 3, 4, d), 6, 11, 8));
        Assert.Equal("d", Float((s, w, d) => VectorMath.AddMultiply(s, w, 2, 3, 4, d), 6, 12, 7));
        Assert.Equal("s", Double((s, w, d) => VectorMath.AddMultiply(s, w, 2, 3, 4, d), 5, 12, 8));
        Assert.Equal("w", Double((s, w, d) => VectorMath.AddMultiply(s, w, 2, 3, 4, d), 6, 11, 8));
        Assert.Equal("d", Double((s, w, d) => VectorMath.AddMultiply(s, w, 2, 3, 4, d), 6, 12, 7));
    }

    [Fact]
    public void ExactSpansAndEmptyMatricesAreAccepted()
    {
        VectorMath.MultiplyTransposed(new float[8], new float[12], 2, 3, 4, new float[6]);
        VectorMath.AddTransposedMultiply(new double[6], new double[8], 2, 3, 4, new double[12]);
        VectorMath.AddMultiply(new float[6], new float[12], 2, 3, 4, new float[8]);
        VectorMath.MultiplyTransposed(ReadOnlySpan<double>.Empty, ReadOnlySpan<double>.Empty, 0, 0, 7, Span<double>.Empty);
        VectorMath.AddTransposedMultiply(ReadOnlySpan<float>.Empty, ReadOnlySpan<float>.Empty, 0, 5, 0, Span<float>.Empty);
        VectorMath.AddMultiply(ReadOnlySpan<double>.Empty, ReadOnlySpan<double>.Empty, 3, 0, 0, Span<double>.Empty);
    }

    private static void Check(Kernel kernel, int m, int n, int k, bool single)
    {
        var random = new Random((int)kernel + (3 * m) + (1_000 * n) + (100_000 * k) + (single ? 7 : 0));
        var (firstSize, secondSize, outputSize) = kernel switch
        {
            Kernel.MultiplyTransposed => (m * k, n * k, m * n),
            Kernel.AddTransposedMultiply => (m * n, m * k, n * k),
            _ => (m * n, n * k, m * k),
        };

        // Values exact in float, so that both precisions multiply the same numbers.
        double[] Random(int size, double fill) =>
            [.. Enumerable.Range(0, size + Padding).Select(t => t < size ? (double)(float)((random.NextDouble() * 2) - 1) : fill)];
        var first = Random(firstSize, double.NaN);
        var second = Random(secondSize, double.NaN);
        var output = Random(outputSize, Sentinel);
        var (expected, magnitude) = Reference(kernel, m, n, k, first, second, output);

        double[] actual;
        if (single)
        {
            var (f, s, o) = (ToFloat(first), ToFloat(second), ToFloat(output));
            Run(kernel, f, s, m, n, k, o);
            actual = [.. o.Select(v => (double)v)];
        }
        else
        {
            actual = [.. output];
            Run(kernel, first, second, m, n, k, actual);
        }

        // Rounding errors of random sign grow as the square root of the number of terms added in sequence: the kernels add
        // up to k (C = A·Bᵀ), m (D += Sᵀ·X) or n (D += S·W) of them into one lane, as the plain loops do.
        var depth = kernel switch { Kernel.MultiplyTransposed => k, Kernel.AddTransposedMultiply => m + 1, _ => n + 1 };
        var allowed = (2 + Math.Sqrt(depth)) * (single ? Math.Pow(2, -24) : Math.Pow(2, -53));
        for (var e = 0; e < outputSize; e++)
        {
            var error = Math.Abs(actual[e] - expected[e]);
            Assert.True(
                error <= allowed * magnitude[e],
                $"{kernel} {(single ? "float" : "double")} ({m}, {n}, {k}), element {e}: expected {expected[e]:R}, got {actual[e]:R}, {error / magnitude[e]:G3}·Σ|terms| off, {allowed:G3} allowed");
        }

        for (var e = outputSize; e < actual.Length; e++) Assert.Equal(Sentinel, actual[e]);
    }

    private static (double[] Expected, double[] Magnitude) Reference(Kernel kernel, int m, int n, int k, double[] first, double[] second, double[] output)
    {
        var expected = new double[output.Length];
        var magnitude = new double[output.Length];
        if (kernel != Kernel.MultiplyTransposed)
        {
            for (var e = 0; e < output.Length; e++) (expected[e], magnitude[e]) = (output[e], Math.Abs(output[e]));
        }

        for (var q = 0; q < m; q++)
        {
            for (var r = 0; r < n; r++)
            {
                for (var i = 0; i < k; i++)
                {
                    var (e, term) = kernel switch
                    {
                        Kernel.MultiplyTransposed => ((q * n) + r, first[(q * k) + i] * second[(r * k) + i]),
                        Kernel.AddTransposedMultiply => ((r * k) + i, first[(q * n) + r] * second[(q * k) + i]),
                        _ => ((q * k) + i, first[(q * n) + r] * second[(r * k) + i]),
                    };
                    expected[e] += term;
                    magnitude[e] += Math.Abs(term);
                }
            }
        }

        return (expected, magnitude);
    }

    private static void Run(Kernel kernel, float[] first, float[] second, int m, int n, int k, float[] output)
    {
        switch (kernel)
        {
            case Kernel.MultiplyTransposed: VectorMath.MultiplyTransposed(first, second, m, n, k, output); break;
            case Kernel.AddTransposedMultiply: VectorMath.AddTransposedMultiply(first, second, m, n, k, output); break;
            default: VectorMath.AddMultiply(first, second, m, n, k, output); break;
        }
    }

    private static void Run(Kernel kernel, double[] first, double[] second, int m, int n, int k, double[] output)
    {
        switch (kernel)
        {
            case Kernel.MultiplyTransposed: VectorMath.MultiplyTransposed(first, second, m, n, k, output); break;
            case Kernel.AddTransposedMultiply: VectorMath.AddTransposedMultiply(first, second, m, n, k, output); break;
            default: VectorMath.AddMultiply(first, second, m, n, k, output); break;
        }
    }

    private static float[] ToFloat(double[] values) => [.. values.Select(v => (float)v)];
}
