using System;
using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SymGrad;

/// <summary>
/// The three matrix products of a dense layer's forward and backward pass over a batch, row-major. Generated gradients
/// call them where a loop nest computes one: a layer's pre-activations, its weight gradient and its input gradient.
/// </summary>
public static partial class VectorMath
{
    /// <summary>
    /// c[q·n + r] = Σ_{i&lt;k} a[q·k + i]·b[r·k + i]: C = A·Bᵀ, with A m×k, B n×k and C m×n. C is overwritten (with zeros
    /// where k is 0), and must not overlap A or B.
    /// </summary>
    /// <remarks>
    /// Single-threaded, on register-blocked <see cref="Vector512{T}"/> kernels where those are hardware-accelerated, else
    /// <see cref="Vector256{T}"/> ones, in one of two ways, whichever is estimated cheaper for the sizes. As dot products of
    /// the rows of A and B, each element summed as W interleaved partial sums (W the lanes per vector) that are added
    /// together at the end; the sums across lanes cost about as much as 3 more vectors of multiply-adds per element, which
    /// dominates when k is short. Or as <see cref="AddMultiply(ReadOnlySpan{float}, ReadOnlySpan{float}, int, int, int, Span{float})"/>
    /// does C = A·W with W = Bᵀ, copied transposed into a buffer from <see cref="System.Buffers.ArrayPool{T}.Shared"/> (so
    /// the call allocates nothing once the pool holds one), vectorized along the rows of C with each element summed in
    /// order of i; that needs no sums across lanes but pays for the copy and wastes the lanes past n in a row's last
    /// vector, so it is taken for a k up to a few times m and an n of at least a vector (32×32×64 floats: 1.3 µs, where
    /// the dot products take 1.7). A k or n shorter than a vector (16 floats or 8 doubles with Vector512, 8 or 4 with
    /// Vector256) takes the narrower kernels or plain loops. The sums use fused multiply-adds, so they may differ from a
    /// plain loop's in the last bits.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">A size is negative.</exception>
    /// <exception cref="ArgumentException">A span is shorter than its matrix.</exception>
    public static void MultiplyTransposed(ReadOnlySpan<float> a, ReadOnlySpan<float> b, int m, int n, int k, Span<float> c)
    {
        CheckProduct(a.Length, b.Length, c.Length, m, n, k, nameof(a), nameof(b), nameof(c), (long)m * k, (long)n * k, (long)m * n);
        MultiplyTransposedCore(a, b, m, n, k, c);
    }

    /// <inheritdoc cref="MultiplyTransposed(ReadOnlySpan{float}, ReadOnlySpan{float}, int, int, int, Span{float})"/>
    public static void MultiplyTransposed(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int m, int n, int k, Span<double> c)
    {
        CheckProduct(a.Length, b.Length, c.Length, m, n, k, nameof(a), nameof(b), nameof(c), (long)m * k, (long)n * k, (long)m * n);
        MultiplyTransposedCore(a, b, m, n, k, c);
    }

    /// <summary>
    /// d[r·k + i] += Σ_{q&lt;m} s[q·n + r]·x[q·k + i]: D += Sᵀ·X, with S m×n, X m×k and D n×k. D must not overlap S or X.
    /// </summary>
    /// <remarks>
    /// Single-threaded and allocation-free, on register-blocked <see cref="Vector512{T}"/> kernels where those are
    /// hardware-accelerated, else <see cref="Vector256{T}"/> ones; a k shorter than a vector (16 floats or 8 doubles with
    /// Vector512, 8 or 4 with Vector256) takes the narrower kernels or plain loops. Each element's terms are summed in order
    /// of q, as a plain loop does, but with fused multiply-adds, so the result may differ from a plain loop's in the last bits.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">A size is negative.</exception>
    /// <exception cref="ArgumentException">A span is shorter than its matrix.</exception>
    public static void AddTransposedMultiply(ReadOnlySpan<float> s, ReadOnlySpan<float> x, int m, int n, int k, Span<float> d)
    {
        CheckProduct(s.Length, x.Length, d.Length, m, n, k, nameof(s), nameof(x), nameof(d), (long)m * n, (long)m * k, (long)n * k);
        AddProductCore(s, rowStride: 1, innerStride: n, x, n, m, k, d);
    }

    /// <inheritdoc cref="AddTransposedMultiply(ReadOnlySpan{float}, ReadOnlySpan{float}, int, int, int, Span{float})"/>
    public static void AddTransposedMultiply(ReadOnlySpan<double> s, ReadOnlySpan<double> x, int m, int n, int k, Span<double> d)
    {
        CheckProduct(s.Length, x.Length, d.Length, m, n, k, nameof(s), nameof(x), nameof(d), (long)m * n, (long)m * k, (long)n * k);
        AddProductCore(s, rowStride: 1, innerStride: n, x, n, m, k, d);
    }

    /// <summary>
    /// d[q·k + i] += Σ_{r&lt;n} s[q·n + r]·w[r·k + i]: D += S·W, with S m×n, W n×k and D m×k. D must not overlap S or W.
    /// </summary>
    /// <remarks>
    /// Single-threaded and allocation-free, on register-blocked <see cref="Vector512{T}"/> kernels where those are
    /// hardware-accelerated, else <see cref="Vector256{T}"/> ones; a k shorter than a vector (16 floats or 8 doubles with
    /// Vector512, 8 or 4 with Vector256) takes the narrower kernels or plain loops. Each element's terms are summed in order
    /// of r, as a plain loop does, but with fused multiply-adds, so the result may differ from a plain loop's in the last bits.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">A size is negative.</exception>
    /// <exception cref="ArgumentException">A span is shorter than its matrix.</exception>
    public static void AddMultiply(ReadOnlySpan<float> s, ReadOnlySpan<float> w, int m, int n, int k, Span<float> d)
    {
        CheckProduct(s.Length, w.Length, d.Length, m, n, k, nameof(s), nameof(w), nameof(d), (long)m * n, (long)n * k, (long)m * k);
        AddProductCore(s, rowStride: n, innerStride: 1, w, m, n, k, d);
    }

    /// <inheritdoc cref="AddMultiply(ReadOnlySpan{float}, ReadOnlySpan{float}, int, int, int, Span{float})"/>
    public static void AddMultiply(ReadOnlySpan<double> s, ReadOnlySpan<double> w, int m, int n, int k, Span<double> d)
    {
        CheckProduct(s.Length, w.Length, d.Length, m, n, k, nameof(s), nameof(w), nameof(d), (long)m * n, (long)n * k, (long)m * k);
        AddProductCore(s, rowStride: n, innerStride: 1, w, m, n, k, d);
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

    /// <summary>C = A·Bᵀ (see <see cref="MultiplyTransposed(ReadOnlySpan{float}, ReadOnlySpan{float}, int, int, int, Span{float})"/>), on checked spans.</summary>
    private static void MultiplyTransposedCore<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, int m, int n, int k, Span<T> c)
        where T : unmanaged, INumberBase<T>
    {
        if (m == 0 || n == 0) return;
        ref var a0 = ref MemoryMarshal.GetReference(a);
        ref var b0 = ref MemoryMarshal.GetReference(b);
        ref var c0 = ref MemoryMarshal.GetReference(c);
        if (k > 0 && Vector256.IsHardwareAccelerated && n >= Vector256<T>.Count && TransposingIsCheaper<T>(m, n, k))
        {
            MultiplyTransposedCopy(ref a0, ref b0, m, n, k, ref c0);
        }
        else if (Vector512.IsHardwareAccelerated && k >= Vector512<T>.Count)
        {
            MultiplyTransposedKernel<Simd512<T>, Vector512<T>, T>(ref a0, ref b0, m, n, k, ref c0);
        }
        else if (Vector256.IsHardwareAccelerated && k >= Vector256<T>.Count)
        {
            MultiplyTransposedKernel<Simd256<T>, Vector256<T>, T>(ref a0, ref b0, m, n, k, ref c0);
        }
        else
        {
            for (var q = 0; q < m; q++)
            {
                for (var r = 0; r < n; r++)
                {
                    var sum = T.Zero;
                    for (var i = 0; i < k; i++) sum += Unsafe.Add(ref a0, q * k + i) * Unsafe.Add(ref b0, r * k + i);
                    Unsafe.Add(ref c0, q * n + r) = sum;
                }
            }
        }
    }

    /// <summary>
    /// C = A·(Bᵀ) for k ≥ 1 and n of at least a <see cref="Vector256{T}"/>: B copied transposed (<see cref="Transpose{T}"/>)
    /// into a buffer from <see cref="ArrayPool{T}.Shared"/>, then multiplied as AddMultiply does, overwriting C
    /// (<see cref="AddProductKernel{TOps, TVector, T}"/> with P = A, Y = Bᵀ and no accumulation).
    /// </summary>
    private static void MultiplyTransposedCopy<T>(ref T a, ref T b, int m, int n, int k, ref T c)
        where T : unmanaged
    {
        // The copy starts on a cache line (an array's elements are only sure to start on 8 bytes), so that none of its
        // vector stores and loads straddles two lines where the rows are whole vectors: that makes the transposition of
        // doubles 10–30 % faster. An array moved by the collector meanwhile costs only the alignment.
        var buffer = ArrayPool<T>.Shared.Rent((n * k) + (CacheLine / Unsafe.SizeOf<T>()));
        ref var start = ref MemoryMarshal.GetArrayDataReference(buffer);
        var misalignment = (int)(-Unsafe.ByteOffset(ref Unsafe.NullRef<T>(), ref start) & (CacheLine - 1));
        ref var bt = ref Unsafe.Add(ref start, misalignment / Unsafe.SizeOf<T>());
        Transpose(ref b, n, k, ref bt);
        if (Vector512.IsHardwareAccelerated && n >= Vector512<T>.Count)
        {
            AddProductKernel<Simd512<T>, Vector512<T>, T>(ref a, k, 1, ref bt, m, k, n, ref c, accumulate: false);
        }
        else
        {
            AddProductKernel<Simd256<T>, Vector256<T>, T>(ref a, k, 1, ref bt, m, k, n, ref c, accumulate: false);
        }

        ArrayPool<T>.Shared.Return(buffer);
    }

    /// <summary>
    /// Whether C = A·Bᵀ is estimated cheaper on a transposed copy of B (<see cref="MultiplyTransposedCopy{T}"/>) than as dot
    /// products (<see cref="MultiplyTransposedKernel{TOps, TVector, T}"/>), for n of at least a <see cref="Vector256{T}"/>.
    /// </summary>
    /// <remarks>
    /// The costs are counted in vector multiply-adds, with constants fitted to timings of both ways over m of 8 to 64, n of
    /// 10 to 128 and k of 16 to 512, with Vector512 and with Vector256 only, in float and double (on AMD Zen 4). The dot
    /// products take ⌈k/W⌉ per element of C, W the lanes of their vectors, and about 3 more for the sums across lanes and
    /// the rest of a block's work. The copy takes ⌈n/W⌉ per element of A, a row of C being that many vectors with the last
    /// one partly wasted, and about 4 more per <see cref="Vector256{T}"/> of B for the transposition. So the copy wins when
    /// k is within a few times m and a row of C is a whole number of vectors or several: 32×32×64 and 64×128×256 take it,
    /// 64×128×784, 32×10×32 and 64×10×128 do not. Near the crossover both ways take about as long.
    /// </remarks>
    private static bool TransposingIsCheaper<T>(int m, int n, int k)
    {
        var dotWidth = Vector512.IsHardwareAccelerated && k >= Vector512<T>.Count ? Vector512<T>.Count : Vector256<T>.Count;
        var rowWidth = Vector512.IsHardwareAccelerated && n >= Vector512<T>.Count ? Vector512<T>.Count : Vector256<T>.Count;
        var dot = (long)m * n * (((k + dotWidth - 1) / dotWidth) + 3);
        var transposed = ((long)m * k * ((n + rowWidth - 1) / rowWidth)) + ((long)n * k * 4 / Vector256<T>.Count);
        return transposed < dot;
    }

    /// <summary>Bytes per cache line, to which the transposed copy of B is aligned.</summary>
    private const int CacheLine = 64;

    /// <summary>
    /// D += P·Y on checked spans, with P rows×inner read as p[row·rowStride + j·innerStride], Y inner×k and D rows×k
    /// (both row-major): AddMultiply is P = S, AddTransposedMultiply P = Sᵀ.
    /// </summary>
    private static void AddProductCore<T>(
        ReadOnlySpan<T> p, int rowStride, int innerStride, ReadOnlySpan<T> y, int rows, int inner, int k, Span<T> d)
        where T : unmanaged, INumberBase<T>
    {
        if (rows == 0 || inner == 0 || k == 0) return;
        ref var p0 = ref MemoryMarshal.GetReference(p);
        ref var y0 = ref MemoryMarshal.GetReference(y);
        ref var d0 = ref MemoryMarshal.GetReference(d);
        if (Vector512.IsHardwareAccelerated && k >= Vector512<T>.Count)
        {
            AddProductKernel<Simd512<T>, Vector512<T>, T>(ref p0, rowStride, innerStride, ref y0, rows, inner, k, ref d0, accumulate: true);
        }
        else if (Vector256.IsHardwareAccelerated && k >= Vector256<T>.Count)
        {
            AddProductKernel<Simd256<T>, Vector256<T>, T>(ref p0, rowStride, innerStride, ref y0, rows, inner, k, ref d0, accumulate: true);
        }
        else
        {
            for (var row = 0; row < rows; row++)
            {
                for (var j = 0; j < inner; j++)
                {
                    var factor = Unsafe.Add(ref p0, (row * rowStride) + (j * innerStride));
                    for (var i = 0; i < k; i++) Unsafe.Add(ref d0, row * k + i) += factor * Unsafe.Add(ref y0, j * k + i);
                }
            }
        }
    }
}
