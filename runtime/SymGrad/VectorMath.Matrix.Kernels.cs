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

    /// <summary>C = A·Bᵀ (row-major, A m×k, B n×k, C m×n) as dot products, for k of at least one vector.</summary>
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
    /// Blocks at the bottom edge read their missing rows of A again from the last row there is, so that every block runs
    /// the same loop, and store only the rows that exist. At the right edge, one or two rows of B left over take a block
    /// of 2 rows of B (<see cref="Two"/>), which does half the multiply-adds of a block of 4 (an output layer's 10 columns
    /// are 2 blocks of 4 and one of 2, instead of 3 of 4); three left over take a block of 4 that reads the last row twice.
    /// The lane sums and the rest of a block's work cost about as much as 3 vector multiply-adds per element of C, which is
    /// why <see cref="MultiplyTransposedCore{T}"/> leaves products with a short k to <see cref="MultiplyTransposedCopy{T}"/>.
    /// Every method here is compiled fully optimized at once
    /// (<see cref="MethodImplOptions.AggressiveOptimization"/>): their unoptimized first tier, with the vector operations
    /// not inlined, runs about 30 times slower and would take the first hundred or so calls to leave.
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
                var r = 0;
                for (; r < n - 2; r += 4) DotBlock4<TOps, TVector, T, Four>(ref a, ref b, m, n, k, ref c, q, r);
                if (r < n) DotBlock4<TOps, TVector, T, Two>(ref a, ref b, m, n, k, ref c, q, r);
            }
        }
        else
        {
            for (var q = 0; q < m; q += 2)
            {
                var r = 0;
                for (; r < n - 2; r += 4) DotBlock2<TOps, TVector, T, Four>(ref a, ref b, m, n, k, ref c, q, r);
                if (r < n) DotBlock2<TOps, TVector, T, Two>(ref a, ref b, m, n, k, ref c, q, r);
            }
        }
    }

    /// <summary>
    /// c[q…q+3, r…r+t−1] = A[q…q+3]·B[r…r+t−1]ᵀ for t = <typeparamref name="TRows"/> rows of B (4, or 2 at the right edge,
    /// the accumulators of the other two left at zero), the rows beyond m and n left out.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void DotBlock4<TOps, TVector, T, TRows>(ref T a, ref T b, int m, int n, int k, ref T c, int q, int r)
        where TOps : ISimd<TVector, T>
        where TVector : struct
        where T : unmanaged
        where TRows : struct, IConstant
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
            if (TRows.Value == 4)
            {
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
        }

        var rows = m - q;
        var columns = Math.Min(4, n - r);
        ref var row = ref Unsafe.Add(ref c, ((nint)q * n) + r);
        TOps.StoreSums(ref row, columns, c00, c01, c02, c03);
        if (rows > 1) TOps.StoreSums(ref Unsafe.Add(ref row, n), columns, c10, c11, c12, c13);
        if (rows > 2) TOps.StoreSums(ref Unsafe.Add(ref row, 2 * n), columns, c20, c21, c22, c23);
        if (rows > 3) TOps.StoreSums(ref Unsafe.Add(ref row, 3 * n), columns, c30, c31, c32, c33);
    }

    /// <summary>
    /// c[q…q+1, r…r+t−1] = A[q…q+1]·B[r…r+t−1]ᵀ for t = <typeparamref name="TRows"/> rows of B (4, or 2 at the right edge),
    /// the rows beyond m and n left out.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void DotBlock2<TOps, TVector, T, TRows>(ref T a, ref T b, int m, int n, int k, ref T c, int q, int r)
        where TOps : ISimd<TVector, T>
        where TVector : struct
        where T : unmanaged
        where TRows : struct, IConstant
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
            if (TRows.Value == 4)
            {
                v = TOps.Load(ref b2, i);
                c02 = TOps.MultiplyAdd(x0, v, c02);
                c12 = TOps.MultiplyAdd(x1, v, c12);
                v = TOps.Load(ref b3, i);
                c03 = TOps.MultiplyAdd(x0, v, c03);
                c13 = TOps.MultiplyAdd(x1, v, c13);
            }
        }

        var columns = Math.Min(4, n - r);
        ref var row = ref Unsafe.Add(ref c, ((nint)q * n) + r);
        TOps.StoreSums(ref row, columns, c00, c01, c02, c03);
        if (m - q > 1) TOps.StoreSums(ref Unsafe.Add(ref row, n), columns, c10, c11, c12, c13);
    }

    /// <summary>
    /// D += P·Y (see <see cref="AddProductCore{T}"/>), or D = P·Y without <paramref name="accumulate"/> (as
    /// <see cref="MultiplyTransposedCopy{T}"/> computes C, which needs no clearing first), for k of at least one vector.
    /// </summary>
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
        ref T p, int rowStride, int innerStride, ref T y, int rows, int inner, int k, ref T d, bool accumulate)
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
                for (var row = 0; row < rows; row += 4) AddBlock4<TOps, TVector, T>(ref p, rowStride, innerStride, ref y, rows, inner, k, ref d, accumulate, row, i);
            }
        }

        for (; i <= k - (2 * width); i += 2 * width)
        {
            for (var row = 0; row < rows; row += 4) AddBlock2<TOps, TVector, T>(ref p, rowStride, innerStride, ref y, rows, inner, k, ref d, accumulate, row, i);
        }

        for (; i < k; i += width)
        {
            // The last vector, if k is not a multiple of W, starts at k − W and writes only the lanes from i on.
            var start = Math.Min(i, k - width);
            for (var row = 0; row < rows; row += 4) AddBlock1<TOps, TVector, T>(ref p, rowStride, innerStride, ref y, rows, inner, k, ref d, accumulate, row, start, i - start);
        }
    }

    /// <summary>d[row…row+3, i…i+4W−1] (+)= P[row…row+3]·Y[·, i…i+4W−1], the rows beyond rows left out.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddBlock4<TOps, TVector, T>(
        ref T p, int rowStride, int innerStride, ref T y, int rows, int inner, int k, ref T d, bool accumulate, int row, int i)
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
        Write<TOps, TVector, T>(ref d0, accumulate, c00, c01, c02, c03);
        if (count > 1) Write<TOps, TVector, T>(ref Unsafe.Add(ref d0, k), accumulate, c10, c11, c12, c13);
        if (count > 2) Write<TOps, TVector, T>(ref Unsafe.Add(ref d0, 2 * k), accumulate, c20, c21, c22, c23);
        if (count > 3) Write<TOps, TVector, T>(ref Unsafe.Add(ref d0, 3 * k), accumulate, c30, c31, c32, c33);
    }

    /// <summary>d[row…row+3, i…i+2W−1] (+)= P[row…row+3]·Y[·, i…i+2W−1], the rows beyond rows left out.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddBlock2<TOps, TVector, T>(
        ref T p, int rowStride, int innerStride, ref T y, int rows, int inner, int k, ref T d, bool accumulate, int row, int i)
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
        Write<TOps, TVector, T>(ref d0, accumulate, c00, c01);
        if (count > 1) Write<TOps, TVector, T>(ref Unsafe.Add(ref d0, k), accumulate, c10, c11);
        if (count > 2) Write<TOps, TVector, T>(ref Unsafe.Add(ref d0, 2 * k), accumulate, c20, c21);
        if (count > 3) Write<TOps, TVector, T>(ref Unsafe.Add(ref d0, 3 * k), accumulate, c30, c31);
    }

    /// <summary>
    /// d[row…row+3, i…i+W−1] (+)= P[row…row+3]·Y[·, i…i+W−1] in the lanes from <paramref name="firstLane"/> on, the rows
    /// beyond rows left out.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddBlock1<TOps, TVector, T>(
        ref T p, int rowStride, int innerStride, ref T y, int rows, int inner, int k, ref T d, bool accumulate, int row, int i, int firstLane)
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

        // Lanes below firstLane, done by the vector before, keep d as it is (d + 0 would turn a −0 into +0).
        var mask = TOps.LanesFrom(firstLane);
        var count = rows - row;
        ref var d0 = ref Unsafe.Add(ref d, ((nint)row * k) + i);
        WriteMasked<TOps, TVector, T>(ref d0, accumulate, c0, mask);
        if (count > 1) WriteMasked<TOps, TVector, T>(ref Unsafe.Add(ref d0, k), accumulate, c1, mask);
        if (count > 2) WriteMasked<TOps, TVector, T>(ref Unsafe.Add(ref d0, 2 * k), accumulate, c2, mask);
        if (count > 3) WriteMasked<TOps, TVector, T>(ref Unsafe.Add(ref d0, 3 * k), accumulate, c3, mask);
    }

    /// <summary>d[0…4W−1] = s0…s3, or += with <paramref name="accumulate"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Write<TOps, TVector, T>(ref T d, bool accumulate, TVector s0, TVector s1, TVector s2, TVector s3)
        where TOps : ISimd<TVector, T>
        where TVector : struct
        where T : unmanaged
    {
        nint width = TOps.Count;
        if (accumulate)
        {
            s0 = TOps.Add(TOps.Load(ref d, 0), s0);
            s1 = TOps.Add(TOps.Load(ref d, width), s1);
            s2 = TOps.Add(TOps.Load(ref d, 2 * width), s2);
            s3 = TOps.Add(TOps.Load(ref d, 3 * width), s3);
        }

        TOps.Store(s0, ref d, 0);
        TOps.Store(s1, ref d, width);
        TOps.Store(s2, ref d, 2 * width);
        TOps.Store(s3, ref d, 3 * width);
    }

    /// <summary>d[0…2W−1] = s0, s1, or += with <paramref name="accumulate"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Write<TOps, TVector, T>(ref T d, bool accumulate, TVector s0, TVector s1)
        where TOps : ISimd<TVector, T>
        where TVector : struct
        where T : unmanaged
    {
        nint width = TOps.Count;
        if (accumulate)
        {
            s0 = TOps.Add(TOps.Load(ref d, 0), s0);
            s1 = TOps.Add(TOps.Load(ref d, width), s1);
        }

        TOps.Store(s0, ref d, 0);
        TOps.Store(s1, ref d, width);
    }

    /// <summary>d[0…W−1] = sum, or += with <paramref name="accumulate"/>, in the lanes set in mask.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WriteMasked<TOps, TVector, T>(ref T d, bool accumulate, TVector sum, TVector mask)
        where TOps : ISimd<TVector, T>
        where TVector : struct
        where T : unmanaged
    {
        var old = TOps.Load(ref d, 0);
        TOps.Store(TOps.Select(mask, accumulate ? TOps.Add(old, sum) : sum, old), ref d, 0);
    }

    /// <summary>bt[i·n + r] = b[r·k + i]: Bᵀ (k×n) from B (n×k), both row-major, for <see cref="MultiplyTransposedCore{T}"/>.</summary>
    /// <remarks>
    /// The copy goes in tiles of W×W (W the lanes of a <see cref="Vector256{T}"/>: 8 floats or 4 doubles), along a band of
    /// W columns of B at a time, so that the rows of Bᵀ it writes are the same W throughout the band. A tile's rows are
    /// loaded in halves, row j's first half together with row j + W/2's (and likewise the second halves), which leaves a
    /// transpose within each 128-bit half (<see cref="TransposeTile(ref float, nint, ref float, nint)"/>). The columns
    /// beyond the last whole tile of a band and the rows beyond the last whole band are copied one element at a time.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Transpose<T>(ref T b, int n, int k, ref T bt)
        where T : unmanaged
    {
        var width = Vector256<T>.Count;
        var i = 0;
        for (; i <= k - width; i += width)
        {
            ref var source = ref Unsafe.Add(ref b, i);
            ref var target = ref Unsafe.Add(ref bt, (nint)i * n);
            var r = 0;
            for (; r <= n - width; r += width)
            {
                if (typeof(T) == typeof(float))
                {
                    TransposeTile(ref Unsafe.As<T, float>(ref source), k, ref Unsafe.As<T, float>(ref target), n);
                }
                else
                {
                    TransposeTile(ref Unsafe.As<T, double>(ref source), k, ref Unsafe.As<T, double>(ref target), n);
                }

                source = ref Unsafe.Add(ref source, (nint)width * k);
                target = ref Unsafe.Add(ref target, width);
            }

            for (; r < n; r++)
            {
                for (var j = i; j < i + width; j++) Unsafe.Add(ref bt, ((nint)j * n) + r) = Unsafe.Add(ref b, ((nint)r * k) + j);
            }
        }

        for (; i < k; i++)
        {
            for (var r = 0; r < n; r++) Unsafe.Add(ref bt, ((nint)i * n) + r) = Unsafe.Add(ref b, ((nint)r * k) + i);
        }
    }

    /// <summary>The 8×8 floats at b (rows k apart) transposed to bt (rows n apart).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void TransposeTile(ref float b, nint k, ref float bt, nint n)
    {
        // Row j of the tile as [b[j, 0…3] | b[j+4, 0…3]] and row j+4 as [b[j, 4…7] | b[j+4, 4…7]]: a 4×4 transpose in
        // each half of rows 0…3 gives columns 0…3 of the tile, and of rows 4…7 columns 4…7.
        ref var b4 = ref Unsafe.Add(ref b, 4 * k);
        var r0 = Vector256.Create(Vector128.LoadUnsafe(ref b), Vector128.LoadUnsafe(ref b4));
        var r1 = Vector256.Create(Vector128.LoadUnsafe(ref Unsafe.Add(ref b, k)), Vector128.LoadUnsafe(ref Unsafe.Add(ref b4, k)));
        var r2 = Vector256.Create(Vector128.LoadUnsafe(ref Unsafe.Add(ref b, 2 * k)), Vector128.LoadUnsafe(ref Unsafe.Add(ref b4, 2 * k)));
        var r3 = Vector256.Create(Vector128.LoadUnsafe(ref Unsafe.Add(ref b, 3 * k)), Vector128.LoadUnsafe(ref Unsafe.Add(ref b4, 3 * k)));
        var r4 = Vector256.Create(Vector128.LoadUnsafe(ref Unsafe.Add(ref b, 4)), Vector128.LoadUnsafe(ref Unsafe.Add(ref b4, 4)));
        var r5 = Vector256.Create(Vector128.LoadUnsafe(ref Unsafe.Add(ref b, k + 4)), Vector128.LoadUnsafe(ref Unsafe.Add(ref b4, k + 4)));
        var r6 = Vector256.Create(Vector128.LoadUnsafe(ref Unsafe.Add(ref b, (2 * k) + 4)), Vector128.LoadUnsafe(ref Unsafe.Add(ref b4, (2 * k) + 4)));
        var r7 = Vector256.Create(Vector128.LoadUnsafe(ref Unsafe.Add(ref b, (3 * k) + 4)), Vector128.LoadUnsafe(ref Unsafe.Add(ref b4, (3 * k) + 4)));
        ref var bt4 = ref Unsafe.Add(ref bt, 4 * n);
        TransposeHalves(r0, r1, r2, r3, ref bt, n);
        TransposeHalves(r4, r5, r6, r7, ref bt4, n);
    }

    /// <summary>Rows r0…r3 transposed within each 128-bit half, stored to bt (rows n apart).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void TransposeHalves(Vector256<float> r0, Vector256<float> r1, Vector256<float> r2, Vector256<float> r3, ref float bt, nint n)
    {
        // [a0, a1, a2, a3] and [b0, b1, b2, b3] interleave to [a0, b0, a1, b1] and [a2, b2, a3, b3]; pairs of those
        // interleave to the columns [a0, b0, c0, d0] …
        var t0 = Avx.UnpackLow(r0, r1).AsDouble();
        var t1 = Avx.UnpackHigh(r0, r1).AsDouble();
        var t2 = Avx.UnpackLow(r2, r3).AsDouble();
        var t3 = Avx.UnpackHigh(r2, r3).AsDouble();
        Avx.UnpackLow(t0, t2).AsSingle().StoreUnsafe(ref bt);
        Avx.UnpackHigh(t0, t2).AsSingle().StoreUnsafe(ref Unsafe.Add(ref bt, n));
        Avx.UnpackLow(t1, t3).AsSingle().StoreUnsafe(ref Unsafe.Add(ref bt, 2 * n));
        Avx.UnpackHigh(t1, t3).AsSingle().StoreUnsafe(ref Unsafe.Add(ref bt, 3 * n));
    }

    /// <summary>The 4×4 doubles at b (rows k apart) transposed to bt (rows n apart).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void TransposeTile(ref double b, nint k, ref double bt, nint n)
    {
        // Rows as [b[j, 0…1] | b[j+2, 0…1]] and [b[j, 2…3] | b[j+2, 2…3]] for j = 0, 1: interleaving the two j gives the columns.
        ref var b2 = ref Unsafe.Add(ref b, 2 * k);
        var r0 = Vector256.Create(Vector128.LoadUnsafe(ref b), Vector128.LoadUnsafe(ref b2));
        var r1 = Vector256.Create(Vector128.LoadUnsafe(ref Unsafe.Add(ref b, k)), Vector128.LoadUnsafe(ref Unsafe.Add(ref b2, k)));
        var r2 = Vector256.Create(Vector128.LoadUnsafe(ref Unsafe.Add(ref b, 2)), Vector128.LoadUnsafe(ref Unsafe.Add(ref b2, 2)));
        var r3 = Vector256.Create(Vector128.LoadUnsafe(ref Unsafe.Add(ref b, k + 2)), Vector128.LoadUnsafe(ref Unsafe.Add(ref b2, k + 2)));
        Avx.UnpackLow(r0, r1).StoreUnsafe(ref bt);
        Avx.UnpackHigh(r0, r1).StoreUnsafe(ref Unsafe.Add(ref bt, n));
        Avx.UnpackLow(r2, r3).StoreUnsafe(ref Unsafe.Add(ref bt, 2 * n));
        Avx.UnpackHigh(r2, r3).StoreUnsafe(ref Unsafe.Add(ref bt, 3 * n));
    }

    /// <summary>A number fixed for each instantiation, so that code depending on it compiles to one case only.</summary>
    private interface IConstant
    {
        static abstract int Value { get; }
    }

    /// <summary>2, as an <see cref="IConstant"/>.</summary>
    private readonly struct Two : IConstant
    {
        public static int Value => 2;
    }

    /// <summary>4, as an <see cref="IConstant"/>.</summary>
    private readonly struct Four : IConstant
    {
        public static int Value => 4;
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
