using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SymGrad;

public static partial class VectorMath
{
    /// <summary>
    /// Whether there are 32 vector registers (AVX-512's encoding, at either width): enough for a block of 4×4 accumulators
    /// and its operands. AVX2's 16 hold blocks of 8 (4×2 or 2×4); 16 accumulators there spill to the stack every iteration.
    /// </summary>
    private static bool ManyRegisters => Avx512F.IsSupported;

    /// <summary>C = A·Bᵀ (row-major, A m×k, B n×k, C m×n) for k of at least one vector.</summary>
    /// <remarks>
    /// <para>
    /// Each element of C is the dot product of a row of A with a row of B. A block takes 4 rows of A (2 without
    /// <see cref="ManyRegisters"/>) against 4 rows of B, with an accumulator (vector) per pair of rows: each vector loaded
    /// feeds 4 (or 2) fused multiply-adds, and the 16 (or 8) independent accumulators hide the multiply-add's latency. Each
    /// lane of an accumulator sums every W-th term (W the lanes per vector); the lanes of a row's four accumulators are
    /// summed together at the end (<see cref="ISimd{TVector, T}.StoreSums"/>). A k that is not a multiple of W ends with one
    /// vector read at k − W, in which the lanes of A already summed are masked to zero.
    /// </para>
    /// <para>
    /// Blocks at the bottom or right edge read their missing rows of A or B again from the last row there is, so that every
    /// block runs the same loop, and store only the elements that exist. Packing B transposed into a scratch buffer, to vectorize
    /// over the columns of C instead and need no sums across lanes, measured slower at the sizes of a dense layer's batch
    /// (1.7× at 64×128×784): the transpose costs about as much as the product. Every method here is compiled fully
    /// optimized at once (<see cref="MethodImplOptions.AggressiveOptimization"/>): their unoptimized first tier, with the
    /// vector operations not inlined, runs about 30 times slower and would take the first hundred or so calls to leave.
    /// </para>
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MultiplyTransposedKernel<TOps, TVector, T>(ref T a, ref T b, int m, int n, int k, ref T c)
        where TOps : ISimd<TVector, T>
        where TVector : struct
        where T : unmanaged
    {
        if (ManyRegisters)
        {
            for (var q = 0; q < m; q += 4)
            {
                for (var r = 0; r < n; r += 4) DotBlock4<TOps, TVector, T>(ref a, ref b, m, n, k, ref c, q, r);
            }
        }
        else
        {
            for (var q = 0; q < m; q += 2)
            {
                for (var r = 0; r < n; r += 4) DotBlock2<TOps, TVector, T>(ref a, ref b, m, n, k, ref c, q, r);
            }
        }
    }

    /// <summary>c[q…q+3, r…r+3] = A[q…q+3]·B[r…r+3]ᵀ, the rows beyond m and n left out.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void DotBlock4<TOps, TVector, T>(ref T a, ref T b, int m, int n, int k, ref T c, int q, int r)
        where TOps : ISimd<TVector, T>
        where TVector : struct
        where T : unmanaged
    {
        ref var a0 = ref Unsafe.Add(ref a, (nint)q * k);
        ref var a1 = ref Unsafe.Add(ref a, (nint)Math.Min(q + 1, m - 1) * k);
        ref var a2 = ref Unsafe.Add(ref a, (nint)Math.Min(q + 2, m - 1) * k);
        ref var a3 = ref Unsafe.Add(ref a, (nint)Math.Min(q + 3, m - 1) * k);
        ref var b0 = ref Unsafe.Add(ref b, (nint)r * k);
        ref var b1 = ref Unsafe.Add(ref b, (nint)Math.Min(r + 1, n - 1) * k);
        ref var b2 = ref Unsafe.Add(ref b, (nint)Math.Min(r + 2, n - 1) * k);
        ref var b3 = ref Unsafe.Add(ref b, (nint)Math.Min(r + 3, n - 1) * k);
        TVector c00 = default, c01 = default, c02 = default, c03 = default;
        TVector c10 = default, c11 = default, c12 = default, c13 = default;
        TVector c20 = default, c21 = default, c22 = default, c23 = default;
        TVector c30 = default, c31 = default, c32 = default, c33 = default;
        var width = TOps.Count;
        var last = k - width;
        var mask = TOps.LanesFrom(0);
        for (nint i = 0; i < k; i += width)
        {
            if (i > last)
            {
                mask = TOps.LanesFrom((int)(i - last));
                i = last;
            }

            var x0 = TOps.And(TOps.Load(ref a0, i), mask);
            var x1 = TOps.And(TOps.Load(ref a1, i), mask);
            var x2 = TOps.And(TOps.Load(ref a2, i), mask);
            var x3 = TOps.And(TOps.Load(ref a3, i), mask);
            var v = TOps.Load(ref b0, i);
            c00 = TOps.MultiplyAdd(x0, v, c00);
            c10 = TOps.MultiplyAdd(x1, v, c10);
            c20 = TOps.MultiplyAdd(x2, v, c20);
            c30 = TOps.MultiplyAdd(x3, v, c30);
            v = TOps.Load(ref b1, i);
            c01 = TOps.MultiplyAdd(x0, v, c01);
            c11 = TOps.MultiplyAdd(x1, v, c11);
            c21 = TOps.MultiplyAdd(x2, v, c21);
            c31 = TOps.MultiplyAdd(x3, v, c31);
            v = TOps.Load(ref b2, i);
            c02 = TOps.MultiplyAdd(x0, v, c02);
            c12 = TOps.MultiplyAdd(x1, v, c12);
            c22 = TOps.MultiplyAdd(x2, v, c22);
            c32 = TOps.MultiplyAdd(x3, v, c32);
            v = TOps.Load(ref b3, i);
            c03 = TOps.MultiplyAdd(x0, v, c03);
            c13 = TOps.MultiplyAdd(x1, v, c13);
            c23 = TOps.MultiplyAdd(x2, v, c23);
            c33 = TOps.MultiplyAdd(x3, v, c33);
        }

        var rows = m - q;
        var columns = Math.Min(4, n - r);
        ref var row = ref Unsafe.Add(ref c, ((nint)q * n) + r);
        TOps.StoreSums(ref row, columns, c00, c01, c02, c03);
        if (rows > 1) TOps.StoreSums(ref Unsafe.Add(ref row, n), columns, c10, c11, c12, c13);
        if (rows > 2) TOps.StoreSums(ref Unsafe.Add(ref row, 2 * n), columns, c20, c21, c22, c23);
        if (rows > 3) TOps.StoreSums(ref Unsafe.Add(ref row, 3 * n), columns, c30, c31, c32, c33);
    }

    /// <summary>c[q…q+1, r…r+3] = A[q…q+1]·B[r…r+3]ᵀ, the rows beyond m and n left out.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void DotBlock2<TOps, TVector, T>(ref T a, ref T b, int m, int n, int k, ref T c, int q, int r)
        where TOps : ISimd<TVector, T>
        where TVector : struct
        where T : unmanaged
    {
        ref var a0 = ref Unsafe.Add(ref a, (nint)q * k);
        ref var a1 = ref Unsafe.Add(ref a, (nint)Math.Min(q + 1, m - 1) * k);
        ref var b0 = ref Unsafe.Add(ref b, (nint)r * k);
        ref var b1 = ref Unsafe.Add(ref b, (nint)Math.Min(r + 1, n - 1) * k);
        ref var b2 = ref Unsafe.Add(ref b, (nint)Math.Min(r + 2, n - 1) * k);
        ref var b3 = ref Unsafe.Add(ref b, (nint)Math.Min(r + 3, n - 1) * k);
        TVector c00 = default, c01 = default, c02 = default, c03 = default;
        TVector c10 = default, c11 = default, c12 = default, c13 = default;
        var width = TOps.Count;
        var last = k - width;
        var mask = TOps.LanesFrom(0);
        for (nint i = 0; i < k; i += width)
        {
            if (i > last)
            {
                mask = TOps.LanesFrom((int)(i - last));
                i = last;
            }

            var x0 = TOps.And(TOps.Load(ref a0, i), mask);
            var x1 = TOps.And(TOps.Load(ref a1, i), mask);
            var v = TOps.Load(ref b0, i);
            c00 = TOps.MultiplyAdd(x0, v, c00);
            c10 = TOps.MultiplyAdd(x1, v, c10);
            v = TOps.Load(ref b1, i);
            c01 = TOps.MultiplyAdd(x0, v, c01);
            c11 = TOps.MultiplyAdd(x1, v, c11);
            v = TOps.Load(ref b2, i);
            c02 = TOps.MultiplyAdd(x0, v, c02);
            c12 = TOps.MultiplyAdd(x1, v, c12);
            v = TOps.Load(ref b3, i);
            c03 = TOps.MultiplyAdd(x0, v, c03);
            c13 = TOps.MultiplyAdd(x1, v, c13);
        }

        var columns = Math.Min(4, n - r);
        ref var row = ref Unsafe.Add(ref c, ((nint)q * n) + r);
        TOps.StoreSums(ref row, columns, c00, c01, c02, c03);
        if (m - q > 1) TOps.StoreSums(ref Unsafe.Add(ref row, n), columns, c10, c11, c12, c13);
    }

    /// <summary>D += P·Y (see <see cref="AddProductCore{T}"/>) for k of at least one vector.</summary>
    /// <remarks>
    /// The kernel runs along the rows of Y and D, vectorized over i: a block is 4 rows of D × 4 vectors of a row (2 without
    /// <see cref="ManyRegisters"/>), 16 (or 8) accumulators updated for each j by those vectors of Y's row j, each times
    /// 4 broadcast elements of P's column j, so each vector loaded feeds 4 fused multiply-adds. The blocks go panel by
    /// column panel (4W or 2W columns wide, W the lanes per vector), so that the panel of Y they read stays in the L1 cache
    /// across the row blocks. Columns beyond the last whole panel are done 2 vectors and then 1 at a time, and a k that is
    /// not a multiple of W ends with one vector at k − W, written back only in the lanes not done before. Blocks at the
    /// bottom edge read their missing rows of P again from the last row there is and store only the rows that exist.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddProductKernel<TOps, TVector, T>(
        ref T p, int rowStride, int innerStride, ref T y, int rows, int inner, int k, ref T d)
        where TOps : ISimd<TVector, T>
        where TVector : struct
        where T : unmanaged
    {
        var width = TOps.Count;
        var i = 0;
        if (ManyRegisters)
        {
            for (; i <= k - (4 * width); i += 4 * width)
            {
                for (var row = 0; row < rows; row += 4) AddBlock4<TOps, TVector, T>(ref p, rowStride, innerStride, ref y, rows, inner, k, ref d, row, i);
            }
        }

        for (; i <= k - (2 * width); i += 2 * width)
        {
            for (var row = 0; row < rows; row += 4) AddBlock2<TOps, TVector, T>(ref p, rowStride, innerStride, ref y, rows, inner, k, ref d, row, i);
        }

        for (; i < k; i += width)
        {
            // The last vector, if k is not a multiple of W, starts at k − W and writes only the lanes from i on.
            var start = Math.Min(i, k - width);
            for (var row = 0; row < rows; row += 4) AddBlock1<TOps, TVector, T>(ref p, rowStride, innerStride, ref y, rows, inner, k, ref d, row, start, i - start);
        }
    }

    /// <summary>d[row…row+3, i…i+4W−1] += P[row…row+3]·Y[·, i…i+4W−1], the rows beyond rows left out.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddBlock4<TOps, TVector, T>(
        ref T p, int rowStride, int innerStride, ref T y, int rows, int inner, int k, ref T d, int row, int i)
        where TOps : ISimd<TVector, T>
        where TVector : struct
        where T : unmanaged
    {
        ref var p0 = ref Unsafe.Add(ref p, (nint)row * rowStride);
        ref var p1 = ref Unsafe.Add(ref p, (nint)Math.Min(row + 1, rows - 1) * rowStride);
        ref var p2 = ref Unsafe.Add(ref p, (nint)Math.Min(row + 2, rows - 1) * rowStride);
        ref var p3 = ref Unsafe.Add(ref p, (nint)Math.Min(row + 3, rows - 1) * rowStride);
        ref var yj = ref Unsafe.Add(ref y, i);
        TVector c00 = default, c01 = default, c02 = default, c03 = default;
        TVector c10 = default, c11 = default, c12 = default, c13 = default;
        TVector c20 = default, c21 = default, c22 = default, c23 = default;
        TVector c30 = default, c31 = default, c32 = default, c33 = default;
        nint width = TOps.Count, stride = innerStride, pj = 0;
        for (var j = 0; j < inner; j++)
        {
            var y0 = TOps.Load(ref yj, 0);
            var y1 = TOps.Load(ref yj, width);
            var y2 = TOps.Load(ref yj, 2 * width);
            var y3 = TOps.Load(ref yj, 3 * width);
            var f = TOps.Broadcast(Unsafe.Add(ref p0, pj));
            c00 = TOps.MultiplyAdd(f, y0, c00);
            c01 = TOps.MultiplyAdd(f, y1, c01);
            c02 = TOps.MultiplyAdd(f, y2, c02);
            c03 = TOps.MultiplyAdd(f, y3, c03);
            f = TOps.Broadcast(Unsafe.Add(ref p1, pj));
            c10 = TOps.MultiplyAdd(f, y0, c10);
            c11 = TOps.MultiplyAdd(f, y1, c11);
            c12 = TOps.MultiplyAdd(f, y2, c12);
            c13 = TOps.MultiplyAdd(f, y3, c13);
            f = TOps.Broadcast(Unsafe.Add(ref p2, pj));
            c20 = TOps.MultiplyAdd(f, y0, c20);
            c21 = TOps.MultiplyAdd(f, y1, c21);
            c22 = TOps.MultiplyAdd(f, y2, c22);
            c23 = TOps.MultiplyAdd(f, y3, c23);
            f = TOps.Broadcast(Unsafe.Add(ref p3, pj));
            c30 = TOps.MultiplyAdd(f, y0, c30);
            c31 = TOps.MultiplyAdd(f, y1, c31);
            c32 = TOps.MultiplyAdd(f, y2, c32);
            c33 = TOps.MultiplyAdd(f, y3, c33);
            pj += stride;
            yj = ref Unsafe.Add(ref yj, k);
        }

        var count = rows - row;
        ref var d0 = ref Unsafe.Add(ref d, ((nint)row * k) + i);
        AddTo<TOps, TVector, T>(ref d0, c00, c01, c02, c03);
        if (count > 1) AddTo<TOps, TVector, T>(ref Unsafe.Add(ref d0, k), c10, c11, c12, c13);
        if (count > 2) AddTo<TOps, TVector, T>(ref Unsafe.Add(ref d0, 2 * k), c20, c21, c22, c23);
        if (count > 3) AddTo<TOps, TVector, T>(ref Unsafe.Add(ref d0, 3 * k), c30, c31, c32, c33);
    }

    /// <summary>d[row…row+3, i…i+2W−1] += P[row…row+3]·Y[·, i…i+2W−1], the rows beyond rows left out.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddBlock2<TOps, TVector, T>(
        ref T p, int rowStride, int innerStride, ref T y, int rows, int inner, int k, ref T d, int row, int i)
        where TOps : ISimd<TVector, T>
        where TVector : struct
        where T : unmanaged
    {
        ref var p0 = ref Unsafe.Add(ref p, (nint)row * rowStride);
        ref var p1 = ref Unsafe.Add(ref p, (nint)Math.Min(row + 1, rows - 1) * rowStride);
        ref var p2 = ref Unsafe.Add(ref p, (nint)Math.Min(row + 2, rows - 1) * rowStride);
        ref var p3 = ref Unsafe.Add(ref p, (nint)Math.Min(row + 3, rows - 1) * rowStride);
        ref var yj = ref Unsafe.Add(ref y, i);
        TVector c00 = default, c01 = default, c10 = default, c11 = default;
        TVector c20 = default, c21 = default, c30 = default, c31 = default;
        nint width = TOps.Count, stride = innerStride, pj = 0;
        for (var j = 0; j < inner; j++)
        {
            var y0 = TOps.Load(ref yj, 0);
            var y1 = TOps.Load(ref yj, width);
            var f = TOps.Broadcast(Unsafe.Add(ref p0, pj));
            c00 = TOps.MultiplyAdd(f, y0, c00);
            c01 = TOps.MultiplyAdd(f, y1, c01);
            f = TOps.Broadcast(Unsafe.Add(ref p1, pj));
            c10 = TOps.MultiplyAdd(f, y0, c10);
            c11 = TOps.MultiplyAdd(f, y1, c11);
            f = TOps.Broadcast(Unsafe.Add(ref p2, pj));
            c20 = TOps.MultiplyAdd(f, y0, c20);
            c21 = TOps.MultiplyAdd(f, y1, c21);
            f = TOps.Broadcast(Unsafe.Add(ref p3, pj));
            c30 = TOps.MultiplyAdd(f, y0, c30);
            c31 = TOps.MultiplyAdd(f, y1, c31);
            pj += stride;
            yj = ref Unsafe.Add(ref yj, k);
        }

        var count = rows - row;
        ref var d0 = ref Unsafe.Add(ref d, ((nint)row * k) + i);
        AddTo<TOps, TVector, T>(ref d0, c00, c01);
        if (count > 1) AddTo<TOps, TVector, T>(ref Unsafe.Add(ref d0, k), c10, c11);
        if (count > 2) AddTo<TOps, TVector, T>(ref Unsafe.Add(ref d0, 2 * k), c20, c21);
        if (count > 3) AddTo<TOps, TVector, T>(ref Unsafe.Add(ref d0, 3 * k), c30, c31);
    }

    /// <summary>
    /// d[row…row+3, i…i+W−1] += P[row…row+3]·Y[·, i…i+W−1] in the lanes from <paramref name="firstLane"/> on, the rows
    /// beyond rows left out.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddBlock1<TOps, TVector, T>(
        ref T p, int rowStride, int innerStride, ref T y, int rows, int inner, int k, ref T d, int row, int i, int firstLane)
        where TOps : ISimd<TVector, T>
        where TVector : struct
        where T : unmanaged
    {
        ref var p0 = ref Unsafe.Add(ref p, (nint)row * rowStride);
        ref var p1 = ref Unsafe.Add(ref p, (nint)Math.Min(row + 1, rows - 1) * rowStride);
        ref var p2 = ref Unsafe.Add(ref p, (nint)Math.Min(row + 2, rows - 1) * rowStride);
        ref var p3 = ref Unsafe.Add(ref p, (nint)Math.Min(row + 3, rows - 1) * rowStride);
        ref var yj = ref Unsafe.Add(ref y, i);
        TVector c0 = default, c1 = default, c2 = default, c3 = default;
        nint stride = innerStride, pj = 0;
        for (var j = 0; j < inner; j++)
        {
            var v = TOps.Load(ref yj, 0);
            c0 = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref p0, pj)), v, c0);
            c1 = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref p1, pj)), v, c1);
            c2 = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref p2, pj)), v, c2);
            c3 = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref p3, pj)), v, c3);
            pj += stride;
            yj = ref Unsafe.Add(ref yj, k);
        }

        // Lanes below firstLane keep d as it is (d + 0 would turn a −0 into +0).
        var mask = TOps.LanesFrom(firstLane);
        var count = rows - row;
        ref var d0 = ref Unsafe.Add(ref d, ((nint)row * k) + i);
        AddMasked<TOps, TVector, T>(ref d0, c0, mask);
        if (count > 1) AddMasked<TOps, TVector, T>(ref Unsafe.Add(ref d0, k), c1, mask);
        if (count > 2) AddMasked<TOps, TVector, T>(ref Unsafe.Add(ref d0, 2 * k), c2, mask);
        if (count > 3) AddMasked<TOps, TVector, T>(ref Unsafe.Add(ref d0, 3 * k), c3, mask);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddTo<TOps, TVector, T>(ref T d, TVector s0, TVector s1, TVector s2, TVector s3)
        where TOps : ISimd<TVector, T>
        where TVector : struct
        where T : unmanaged
    {
        nint width = TOps.Count;
        TOps.Store(TOps.Add(TOps.Load(ref d, 0), s0), ref d, 0);
        TOps.Store(TOps.Add(TOps.Load(ref d, width), s1), ref d, width);
        TOps.Store(TOps.Add(TOps.Load(ref d, 2 * width), s2), ref d, 2 * width);
        TOps.Store(TOps.Add(TOps.Load(ref d, 3 * width), s3), ref d, 3 * width);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddTo<TOps, TVector, T>(ref T d, TVector s0, TVector s1)
        where TOps : ISimd<TVector, T>
        where TVector : struct
        where T : unmanaged
    {
        nint width = TOps.Count;
        TOps.Store(TOps.Add(TOps.Load(ref d, 0), s0), ref d, 0);
        TOps.Store(TOps.Add(TOps.Load(ref d, width), s1), ref d, width);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddMasked<TOps, TVector, T>(ref T d, TVector sum, TVector mask)
        where TOps : ISimd<TVector, T>
        where TVector : struct
        where T : unmanaged
    {
        var old = TOps.Load(ref d, 0);
        TOps.Store(TOps.Select(mask, TOps.Add(old, sum), old), ref d, 0);
    }

    /// <summary>The vector operations the matrix kernels use, for one vector type; the implementations are all inlined.</summary>
    private interface ISimd<TVector, T>
        where TVector : struct
        where T : unmanaged
    {
        /// <summary>Lanes per vector.</summary>
        static abstract int Count { get; }

        static abstract TVector Load(ref T source, nint offset);

        static abstract void Store(TVector value, ref T destination, nint offset);

        static abstract TVector Broadcast(T value);

        /// <summary>left·right + addend, rounded once.</summary>
        static abstract TVector MultiplyAdd(TVector left, TVector right, TVector addend);

        static abstract TVector Add(TVector left, TVector right);

        static abstract TVector And(TVector left, TVector right);

        /// <summary>Lanes <paramref name="first"/> and up all ones, those below all zeros.</summary>
        static abstract TVector LanesFrom(int first);

        static abstract TVector Select(TVector mask, TVector ifSet, TVector ifClear);

        /// <summary>The sums across the lanes of s0…s3, stored to destination[0…count−1].</summary>
        static abstract void StoreSums(ref T destination, int count, TVector s0, TVector s1, TVector s2, TVector s3);
    }
}
