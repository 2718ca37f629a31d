using System;

namespace SymGrad;

/// <summary>
/// The three matrix products of a dense layer's forward and backward pass over a batch, row-major. Generated gradients
/// call them where a loop nest computes one: a layer's pre-activations, its weight gradient and its input gradient.
/// </summary>
public static partial class VectorMath
{
    /// <summary>c[q·n + r] = Σ_{i&lt;k} a[q·k + i]·b[r·k + i]: C = A·Bᵀ, with A m×k, B n×k and C m×n.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is negative.</exception>
    /// <exception cref="ArgumentException">A span is shorter than its matrix.</exception>
    public static void MultiplyTransposed(ReadOnlySpan<float> a, ReadOnlySpan<float> b, int m, int n, int k, Span<float> c)
    {
        CheckProduct(a.Length, b.Length, c.Length, m, n, k, nameof(a), nameof(b), nameof(c), (long)m * k, (long)n * k, (long)m * n);
        for (int q = 0; q < m; q++)
        {
            for (int r = 0; r < n; r++)
            {
                float sum = 0;
                for (int i = 0; i < k; i++) sum += a[q * k + i] * b[r * k + i];
                c[q * n + r] = sum;
            }
        }
    }

    /// <inheritdoc cref="MultiplyTransposed(ReadOnlySpan{float}, ReadOnlySpan{float}, int, int, int, Span{float})"/>
    public static void MultiplyTransposed(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int m, int n, int k, Span<double> c)
    {
        CheckProduct(a.Length, b.Length, c.Length, m, n, k, nameof(a), nameof(b), nameof(c), (long)m * k, (long)n * k, (long)m * n);
        for (int q = 0; q < m; q++)
        {
            for (int r = 0; r < n; r++)
            {
                double sum = 0;
                for (int i = 0; i < k; i++) sum += a[q * k + i] * b[r * k + i];
                c[q * n + r] = sum;
            }
        }
    }

    /// <summary>d[r·k + i] += Σ_{q&lt;m} s[q·n + r]·x[q·k + i]: D += Sᵀ·X, with S m×n, X m×k and D n×k.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is negative.</exception>
    /// <exception cref="ArgumentException">A span is shorter than its matrix.</exception>
    public static void AddTransposedMultiply(ReadOnlySpan<float> s, ReadOnlySpan<float> x, int m, int n, int k, Span<float> d)
    {
        CheckProduct(s.Length, x.Length, d.Length, m, n, k, nameof(s), nameof(x), nameof(d), (long)m * n, (long)m * k, (long)n * k);
        for (int q = 0; q < m; q++)
        {
            for (int r = 0; r < n; r++)
            {
                for (int i = 0; i < k; i++) d[r * k + i] += s[q * n + r] * x[q * k + i];
            }
        }
    }

    /// <inheritdoc cref="AddTransposedMultiply(ReadOnlySpan{float}, ReadOnlySpan{float}, int, int, int, Span{float})"/>
    public static void AddTransposedMultiply(ReadOnlySpan<double> s, ReadOnlySpan<double> x, int m, int n, int k, Span<double> d)
    {
        CheckProduct(s.Length, x.Length, d.Length, m, n, k, nameof(s), nameof(x), nameof(d), (long)m * n, (long)m * k, (long)n * k);
        for (int q = 0; q < m; q++)
        {
            for (int r = 0; r < n; r++)
            {
                for (int i = 0; i < k; i++) d[r * k + i] += s[q * n + r] * x[q * k + i];
            }
        }
    }

    /// <summary>d[q·k + i] += Σ_{r&lt;n} s[q·n + r]·w[r·k + i]: D += S·W, with S m×n, W n×k and D m×k.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is negative.</exception>
    /// <exception cref="ArgumentException">A span is shorter than its matrix.</exception>
    public static void AddMultiply(ReadOnlySpan<float> s, ReadOnlySpan<float> w, int m, int n, int k, Span<float> d)
    {
        CheckProduct(s.Length, w.Length, d.Length, m, n, k, nameof(s), nameof(w), nameof(d), (long)m * n, (long)n * k, (long)m * k);
        for (int q = 0; q < m; q++)
        {
            for (int r = 0; r < n; r++)
            {
                for (int i = 0; i < k; i++) d[q * k + i] += s[q * n + r] * w[r * k + i];
            }
        }
    }

    /// <inheritdoc cref="AddMultiply(ReadOnlySpan{float}, ReadOnlySpan{float}, int, int, int, Span{float})"/>
    public static void AddMultiply(ReadOnlySpan<double> s, ReadOnlySpan<double> w, int m, int n, int k, Span<double> d)
    {
        CheckProduct(s.Length, w.Length, d.Length, m, n, k, nameof(s), nameof(w), nameof(d), (long)m * n, (long)n * k, (long)m * k);
        for (int q = 0; q < m; q++)
        {
            for (int r = 0; r < n; r++)
            {
                for (int i = 0; i < k; i++) d[q * k + i] += s[q * n + r] * w[r * k + i];
            }
        }
    }

    private static void CheckProduct(
        int firstLength, int secondLength, int outputLength, int m, int n, int k,
        string first, string second, string output, long firstSize, long secondSize, long outputSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        if (firstLength < firstSize) throw new ArgumentException($"{first} has {firstLength} elements, fewer than its matrix's {firstSize}.", first);
        if (secondLength < secondSize) throw new ArgumentException($"{second} has {secondLength} elements, fewer than its matrix's {secondSize}.", second);
        if (outputLength < outputSize) throw new ArgumentException($"{output} has {outputLength} elements, fewer than its matrix's {outputSize}.", output);
    }
}
