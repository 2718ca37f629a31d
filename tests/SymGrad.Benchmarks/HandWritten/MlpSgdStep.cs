using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SymGrad.Benchmarks.HandWritten;

/// <summary>
/// W3 written by hand: one plain-SGD step of an Inputs-Hidden-Classes perceptron on one batch, the mean softmax
/// cross-entropy's gradient computed as whole-batch matrix products and applied to the weights in place.
/// </summary>
/// <remarks>
/// <para>
/// The batch runs along the vector lanes. The images are transposed once per step into Xᵀ (Inputs × B′, B′ the batch
/// rounded up to the vector width, the padding lanes zero), so that every activation is a feature-major matrix whose
/// rows are whole vectors of examples: Z1ᵀ = W1·Xᵀ + b1, Hᵀ = act(Z1ᵀ), Z2ᵀ = W2·Hᵀ + b2. The softmax and the loss
/// then run across the batch a vector of examples at a time (one exp per class and lane, one log per lane), and the
/// backward pass is dZ2ᵀ = (softmax − onehot)/B, dHᵀ = W2ᵀ·dZ2ᵀ, dZ1ᵀ = dHᵀ ⊙ act′ (1 − h² from the stored h for tanh,
/// h &gt; 0 for relu). Every gradient is scaled by −lr where it is made, so the updates are plain accumulations: W2 +=
/// (−lr·dZ2ᵀ)·H and W1 += (−lr·dZ1ᵀ)·X go straight into the weights, no weight gradient is ever stored, and the biases
/// take the row sums of the scaled dZ2ᵀ and dZ1ᵀ. dHᵀ is taken before W2 changes. Transposing X (rather than packing
/// W1ᵀ for a broadcast-X product) moves half as much data for 784-128-10, and the one transpose the backward pass needs,
/// Hᵀ to H, is small.
/// </para>
/// <para>
/// All five products are one kernel, C += A·B with C and B row-major and A read through two strides (so W2ᵀ and the
/// gradient rows need no copy), blocked into register tiles of 6 rows × 4 vectors: per step of the inner dimension a
/// tile loads 4 vectors of B, broadcasts 6 elements of A and issues 24 fused multiply-adds into 24 accumulators that
/// stay in registers for the whole inner loop; it then adds them to C, so C is read and written once and rounded once.
/// That takes 29 of AVX-512's 32 vector registers; without AVX-512 (16 registers) the tiles are 6 × 2. In W1·Xᵀ a
/// 6-row strip of W1 stays in L1 while Xᵀ streams from L2; in the W1 update the tile columns are outermost, so the
/// 4-vector-wide panel of X under a column stays in L1 for all the tiles down it. Both big products run within a few
/// percent of the core's fused multiply-add throughput (one 512-bit FMA per cycle on Zen 4). Columns past the last
/// whole vector (inputs or hidden units that are not a multiple of the width) take the same kernel one lane wide.
/// </para>
/// <para>
/// Vector512 where it is accelerated, else Vector256, else one lane: the whole step is generic over the lane type,
/// and the JIT compiles the instantiation it uses with every lane operation inlined. Transposes go through registers a
/// 16 × 16 (or 8 × 8) block at a time. tanh is <see cref="VectorMath"/>'s, the fastest of the kernels at hand for the
/// 1 024 values of the small network (MathF.Tanh is 20 times slower). The scratch matrices are allocated by the
/// constructor, cache-line aligned; a step allocates nothing.
/// </para>
/// </remarks>
public sealed class MlpSgdStep
{
    private const int CacheLine = 16; // floats

    // 6 × 4 vectors is 24 accumulators, 4 loaded vectors and a broadcast: AVX-512's 32 registers. Without AVX-512 an x64
    // core has 16, and the tile is 6 × 2 (12 accumulators), the usual AVX2 shape.
    private static readonly int TileVectors = Avx512F.IsSupported ? 4 : 2;

    private readonly int inputs, hidden, classes, batch, stride;
    private readonly bool tanh;
    private readonly float[] w1, b1, w2, b2;
    private readonly float[] labelLanes; // each example's label as a float, −1 in the padding lanes

    // One pinned buffer holds the scratch matrices, each starting on a 64-byte boundary (so are their rows, stride being
    // a whole number of vectors): full-vector loads and stores then never straddle a cache line. The offsets are in floats.
    private readonly float[] scratch;
    private readonly int inputT;     // Xᵀ: inputs × stride
    private readonly int hiddenT;    // Z1ᵀ, then Hᵀ in place: hidden × stride
    private readonly int outputT;    // Z2ᵀ, then e^(z − max), then −lr·dZ2ᵀ: classes × stride
    private readonly int gradientT;  // −lr·dHᵀ, then −lr·dZ1ᵀ in place: hidden × stride
    private readonly int hiddenRows; // H: batch × hidden

    /// <summary>Prepares a step that trains <paramref name="weights"/> in place.</summary>
    public MlpSgdStep(MlpProblem problem, MlpWeights weights)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(weights);
        (inputs, hidden, classes, batch) = (problem.Inputs, problem.Hidden, problem.Classes, problem.Batch);
        if (inputs <= 0 || hidden <= 0 || classes <= 0 || batch <= 0) throw new ArgumentException("Every size must be positive.", nameof(problem));
        if (weights.W1.Length != hidden * inputs || weights.B1.Length != hidden || weights.W2.Length != classes * hidden || weights.B2.Length != classes)
            throw new ArgumentException("The weights do not have the problem's shape.", nameof(weights));
        tanh = problem.Activation == HiddenLayer.Tanh;
        (w1, b1, w2, b2) = (weights.W1, weights.B1, weights.W2, weights.B2);

        int width = Vector512.IsHardwareAccelerated ? Vector512<float>.Count : Vector256.IsHardwareAccelerated ? Vector256<float>.Count : 1;
        stride = (batch + width - 1) / width * width;
        labelLanes = new float[stride];
        int[] lengths = [inputs * stride, hidden * stride, classes * stride, hidden * stride, batch * hidden];
        int total = CacheLine;
        foreach (int length in lengths) total += Aligned(length);
        scratch = GC.AllocateArray<float>(total, pinned: true);
        int offset = (int)(-Marshal.UnsafeAddrOfPinnedArrayElement(scratch, 0) & (CacheLine * sizeof(float) - 1)) / sizeof(float);
        inputT = offset;
        hiddenT = inputT + Aligned(lengths[0]);
        outputT = hiddenT + Aligned(lengths[1]);
        gradientT = outputT + Aligned(lengths[2]);
        hiddenRows = gradientT + Aligned(lengths[3]);
        labelLanes.AsSpan(batch).Fill(-1);
    }

    /// <summary><paramref name="length"/> rounded up to a whole number of cache lines.</summary>
    private static int Aligned(int length) => (length + CacheLine - 1) / CacheLine * CacheLine;

    /// <summary>One SGD step on the batch's mean loss; returns that loss (before the step).</summary>
    /// <param name="images">The batch, batch × inputs row-major.</param>
    /// <param name="labels">One class index per image.</param>
    public float Step(ReadOnlySpan<float> images, ReadOnlySpan<int> labels)
    {
        if (images.Length != batch * inputs) throw new ArgumentException("Must hold batch × inputs values.", nameof(images));
        if (labels.Length != batch) throw new ArgumentException("Must hold one label per image.", nameof(labels));
        for (int b = 0; b < batch; b++)
        {
            int label = labels[b];
            if ((uint)label >= (uint)classes) throw new ArgumentException($"Label {label} is not a class index below {classes}.", nameof(labels));
            labelLanes[b] = label;
        }

        if (Vector512.IsHardwareAccelerated) return Run<Lanes512, Vector512<float>>(images);
        if (Vector256.IsHardwareAccelerated) return Run<Lanes256, Vector256<float>>(images);
        return Run<Lanes1, float>(images);
    }

    /// <summary>The step with lanes of type <typeparamref name="TV"/>.</summary>
    private float Run<TL, TV>(ReadOnlySpan<float> images)
        where TL : struct, ILanes<TV>
        where TV : struct
    {
        ref float x = ref MemoryMarshal.GetReference(images);
        ref float buffer = ref MemoryMarshal.GetArrayDataReference(scratch);
        ref float xT = ref Unsafe.Add(ref buffer, inputT);
        ref float hT = ref Unsafe.Add(ref buffer, hiddenT);
        ref float zT = ref Unsafe.Add(ref buffer, outputT);
        ref float gT = ref Unsafe.Add(ref buffer, gradientT);
        ref float h = ref Unsafe.Add(ref buffer, hiddenRows);
        ref float weights1 = ref MemoryMarshal.GetArrayDataReference(w1);
        ref float weights2 = ref MemoryMarshal.GetArrayDataReference(w2);

        // Forward: Z1ᵀ = W1·Xᵀ + b1, Hᵀ = act(Z1ᵀ), Z2ᵀ = W2·Hᵀ + b2.
        Transpose<TL, TV>(ref x, batch, inputs, inputs, ref xT, stride);
        FillRows<TL, TV>(ref hT, b1, stride);
        Gemm<TL, TV>(hidden, stride, inputs, ref weights1, inputs, 1, ref xT, stride, ref hT, stride);
        if (tanh) Tanh<TL, TV>(ref hT, hidden * stride);
        else Relu<TL, TV>(ref hT, hidden * stride);
        FillRows<TL, TV>(ref zT, b2, stride);
        Gemm<TL, TV>(classes, stride, hidden, ref weights2, hidden, 1, ref hT, stride, ref zT, stride);

        float loss = SoftmaxCrossEntropy<TL, TV>(ref zT);

        // Backward, every gradient already times −lr: dHᵀ = W2ᵀ·dZ2ᵀ with the old W2, then W2 and b2, then W1 and b1.
        scratch.AsSpan(gradientT, hidden * stride).Clear();
        Gemm<TL, TV>(hidden, stride, classes, ref weights2, 1, hidden, ref zT, stride, ref gT, stride);
        AddRowSums<TL, TV>(ref zT, b2, stride);
        Transpose<TL, TV>(ref hT, hidden, batch, stride, ref h, hidden);
        Gemm<TL, TV>(classes, hidden, batch, ref zT, stride, 1, ref h, hidden, ref weights2, hidden);
        HiddenBackward<TL, TV>(ref hT, ref gT);
        Gemm<TL, TV>(hidden, inputs, batch, ref gT, stride, 1, ref x, inputs, ref weights1, inputs);
        return loss;
    }

    /// <summary>
    /// Over each block of lanes: the max over classes, e^(z − max) and its sum, the loss log Σ + max − z_label summed
    /// over the real examples, and then −lr·dZ2ᵀ = −lr/B·(e/Σ − onehot) written over e, zero in the padding lanes.
    /// </summary>
    private float SoftmaxCrossEntropy<TL, TV>(ref float zT)
        where TL : struct, ILanes<TV>
        where TV : struct
    {
        nint width = TL.Count;
        nint rowStride = stride;
        ref float labels = ref MemoryMarshal.GetArrayDataReference(labelLanes);
        TV step = TL.Create(MlpProblem.LearningRate / batch);
        TV total = TL.Create(0);
        for (nint lane = 0; lane < rowStride; lane += width)
        {
            ref float column = ref Unsafe.Add(ref zT, lane);
            TV label = TL.Load(ref labels, lane);
            TV max = TL.Load(ref column, 0);
            for (int k = 1; k < classes; k++) max = TL.Max(max, TL.Load(ref column, k * rowStride));

            TV sum = TL.Create(0);
            TV picked = TL.Create(0);
            for (int k = 0; k < classes; k++)
            {
                TV z = TL.Load(ref column, k * rowStride);
                TV e = TL.Exp(TL.Subtract(z, max));
                TL.Store(e, ref column, k * rowStride);
                sum = TL.Add(sum, e);
                picked = TL.Select(TL.Equal(label, TL.Create(k)), z, picked);
            }

            TV real = TL.GreaterThanOrEqual(label, TL.Create(0));
            total = TL.Add(total, TL.And(real, TL.Subtract(TL.Add(TL.Log(sum), max), picked)));
            TV scale = TL.And(real, TL.Divide(TL.Negate(step), sum));
            for (int k = 0; k < classes; k++)
            {
                TV e = TL.Load(ref column, k * rowStride);
                TV hit = TL.And(TL.Equal(label, TL.Create(k)), step);
                TL.Store(TL.MultiplyAdd(e, scale, hit), ref column, k * rowStride);
            }
        }
        return TL.Sum(total) / batch;
    }

    /// <summary>h = tanh z in place.</summary>
    private static void Tanh<TL, TV>(ref float z, int count)
        where TL : struct, ILanes<TV>
        where TV : struct
    {
        for (nint i = 0; i < count; i += TL.Count) TL.Store(TL.Tanh(TL.Load(ref z, i)), ref z, i);
    }

    /// <summary>h = max(z, 0) in place.</summary>
    private static void Relu<TL, TV>(ref float z, int count)
        where TL : struct, ILanes<TV>
        where TV : struct
    {
        TV zero = TL.Create(0);
        for (nint i = 0; i < count; i += TL.Count) TL.Store(TL.Max(TL.Load(ref z, i), zero), ref z, i);
    }

    /// <summary>
    /// −lr·dZ1ᵀ = −lr·dHᵀ ⊙ act′ in place, act′ = 1 − h² for tanh and [h &gt; 0] for relu, and b1 += each row's sum (the
    /// padding lanes are zero) in the same pass.
    /// </summary>
    private void HiddenBackward<TL, TV>(ref float h, ref float g)
        where TL : struct, ILanes<TV>
        where TV : struct
    {
        TV zero = TL.Create(0);
        TV one = TL.Create(1);
        nint rowStride = stride;
        for (int j = 0; j < hidden; j++)
        {
            ref float hRow = ref Unsafe.Add(ref h, j * rowStride);
            ref float gRow = ref Unsafe.Add(ref g, j * rowStride);
            TV sum = zero;
            if (tanh)
            {
                for (nint i = 0; i < rowStride; i += TL.Count)
                {
                    TV value = TL.Load(ref hRow, i);
                    TV d = TL.Multiply(TL.Load(ref gRow, i), TL.MultiplyAdd(TL.Negate(value), value, one));
                    TL.Store(d, ref gRow, i);
                    sum = TL.Add(sum, d);
                }
            }
            else
            {
                for (nint i = 0; i < rowStride; i += TL.Count)
                {
                    TV d = TL.And(TL.GreaterThan(TL.Load(ref hRow, i), zero), TL.Load(ref gRow, i));
                    TL.Store(d, ref gRow, i);
                    sum = TL.Add(sum, d);
                }
            }
            b1[j] += TL.Sum(sum);
        }
    }

    /// <summary>Row r of the rows × stride matrix m becomes bias[r] in every lane.</summary>
    private static void FillRows<TL, TV>(ref float m, float[] bias, nint rowStride)
        where TL : struct, ILanes<TV>
        where TV : struct
    {
        for (int r = 0; r < bias.Length; r++)
        {
            TV value = TL.Create(bias[r]);
            ref float row = ref Unsafe.Add(ref m, r * rowStride);
            for (nint i = 0; i < rowStride; i += TL.Count) TL.Store(value, ref row, i);
        }
    }

    /// <summary>bias[r] += the sum of row r of the rows × stride matrix m (its padding lanes are zero).</summary>
    private static void AddRowSums<TL, TV>(ref float m, float[] bias, nint rowStride)
        where TL : struct, ILanes<TV>
        where TV : struct
    {
        for (int r = 0; r < bias.Length; r++)
        {
            ref float row = ref Unsafe.Add(ref m, r * rowStride);
            TV sum = TL.Load(ref row, 0);
            for (nint i = TL.Count; i < rowStride; i += TL.Count) sum = TL.Add(sum, TL.Load(ref row, i));
            bias[r] += TL.Sum(sum);
        }
    }

    /// <summary>
    /// destination[c, r] = source[r, c] for the rows × columns source, the rows lds and ldd apart: whole
    /// width × width blocks with <see cref="ILanes{TV}.TransposeBlock"/>, the ragged edges element by element.
    /// </summary>
    private static void Transpose<TL, TV>(ref float source, int rows, int columns, nint lds, ref float destination, nint ldd)
        where TL : struct, ILanes<TV>
        where TV : struct
    {
        int width = TL.Count;
        int fullRows = rows - rows % width, fullColumns = columns - columns % width;
        for (int r = 0; r < fullRows; r += width)
        {
            ref float sourceRow = ref Unsafe.Add(ref source, r * lds);
            for (int c = 0; c < fullColumns; c += width)
                TL.TransposeBlock(ref Unsafe.Add(ref sourceRow, c), lds, ref Unsafe.Add(ref destination, c * ldd + r), ldd);
        }

        for (int r = 0; r < rows; r++)
        {
            ref float row = ref Unsafe.Add(ref source, r * lds);
            for (int c = r < fullRows ? fullColumns : 0; c < columns; c++) Unsafe.Add(ref destination, c * ldd + r) = Unsafe.Add(ref row, c);
        }
    }

    /// <summary>
    /// C += A·B: C is m × n row-major with rows ldc apart, B is depth × n row-major with rows ldb apart, and A's element
    /// (r, p) is at a[r·aRow + p·aStep]. Tile columns of up to <see cref="TileVectors"/> vectors are outermost, so the
    /// panel of B under a column is reused from L1 by every tile down it; the columns past the last whole vector go
    /// through the one-lane kernel.
    /// </summary>
    private static void Gemm<TL, TV>(int m, int n, int depth, ref float a, nint aRow, nint aStep, ref float b, nint ldb, ref float c, nint ldc)
        where TL : struct, ILanes<TV>
        where TV : struct
    {
        int width = TL.Count;
        int vectors = n / width;
        for (int column = 0; column < vectors; column += TileVectors)
        {
            ref float bPanel = ref Unsafe.Add(ref b, column * width);
            ref float cPanel = ref Unsafe.Add(ref c, column * width);
            switch (Math.Min(TileVectors, vectors - column))
            {
                case 1: Column<TL, TV, One>(m, depth, ref a, aRow, aStep, ref bPanel, ldb, ref cPanel, ldc); break;
                case 2: Column<TL, TV, Two>(m, depth, ref a, aRow, aStep, ref bPanel, ldb, ref cPanel, ldc); break;
                case 3: Column<TL, TV, Three>(m, depth, ref a, aRow, aStep, ref bPanel, ldb, ref cPanel, ldc); break;
                default: Column<TL, TV, Four>(m, depth, ref a, aRow, aStep, ref bPanel, ldb, ref cPanel, ldc); break;
            }
        }

        int done = vectors * width;
        if (done < n)
            Gemm<Lanes1, float>(m, n - done, depth, ref a, aRow, aStep, ref Unsafe.Add(ref b, done), ldb, ref Unsafe.Add(ref c, done), ldc);
    }

    /// <summary>One tile column: its whole tiles of six rows in one sweep, then the rows left over.</summary>
    private static void Column<TL, TV, TVectors>(int m, int depth, ref float a, nint aRow, nint aStep, ref float b, nint ldb, ref float c, nint ldc)
        where TL : struct, ILanes<TV>
        where TV : struct
        where TVectors : struct, ICount
    {
        int whole = m - m % Six.Value;
        Tiles<TL, TV, Six, TVectors>(whole, depth, ref a, aRow, aStep, ref b, ldb, ref c, ldc);
        ref float aRest = ref Unsafe.Add(ref a, whole * aRow);
        ref float cRest = ref Unsafe.Add(ref c, whole * ldc);
        switch (m - whole)
        {
            case 1: Tiles<TL, TV, One, TVectors>(1, depth, ref aRest, aRow, aStep, ref b, ldb, ref cRest, ldc); break;
            case 2: Tiles<TL, TV, Two, TVectors>(2, depth, ref aRest, aRow, aStep, ref b, ldb, ref cRest, ldc); break;
            case 3: Tiles<TL, TV, Three, TVectors>(3, depth, ref aRest, aRow, aStep, ref b, ldb, ref cRest, ldc); break;
            case 4: Tiles<TL, TV, Four, TVectors>(4, depth, ref aRest, aRow, aStep, ref b, ldb, ref cRest, ldc); break;
            case 5: Tiles<TL, TV, Five, TVectors>(5, depth, ref aRest, aRow, aStep, ref b, ldb, ref cRest, ldc); break;
        }
    }

    /// <summary>
    /// Register tiles of TRows × TVectors vectors down <paramref name="rows"/> rows of one tile column, each accumulated
    /// from zero over the whole inner dimension and then added to C once (so C's rounding happens once, not per
    /// product). The sizes are type arguments: every branch on them is a constant, and each instantiation keeps
    /// exactly its accumulators in registers.
    /// </summary>
    private static void Tiles<TL, TV, TRows, TVectors>(int rows, int depth, ref float a, nint aRow, nint aStep, ref float b, nint ldb, ref float c, nint ldc)
        where TL : struct, ILanes<TV>
        where TV : struct
        where TRows : struct, ICount
        where TVectors : struct, ICount
    {
        nint width = TL.Count;
        nint aRow1 = aRow, aRow2 = 2 * aRow, aRow3 = 3 * aRow, aRow4 = 4 * aRow, aRow5 = 5 * aRow;
        nint cRow1 = ldc, cRow2 = 2 * ldc, cRow3 = 3 * ldc, cRow4 = 4 * ldc, cRow5 = 5 * ldc;
        TV zero = TL.Create(0);
        for (int row = 0; row < rows; row += TRows.Value)
        {
            TV c00 = zero, c01 = zero, c02 = zero, c03 = zero;
            TV c10 = zero, c11 = zero, c12 = zero, c13 = zero;
            TV c20 = zero, c21 = zero, c22 = zero, c23 = zero;
            TV c30 = zero, c31 = zero, c32 = zero, c33 = zero;
            TV c40 = zero, c41 = zero, c42 = zero, c43 = zero;
            TV c50 = zero, c51 = zero, c52 = zero, c53 = zero;
            ref float pa = ref Unsafe.Add(ref a, row * aRow);
            ref float pb = ref b;
            for (int p = 0; p < depth; p++)
            {
                TV b0 = TL.Load(ref pb, 0);
                TV b1 = TVectors.Value > 1 ? TL.Load(ref pb, 1 * width) : default;
                TV b2 = TVectors.Value > 2 ? TL.Load(ref pb, 2 * width) : default;
                TV b3 = TVectors.Value > 3 ? TL.Load(ref pb, 3 * width) : default;
                {
                    TV s = TL.Create(Unsafe.Add(ref pa, 0));
                    c00 = TL.MultiplyAdd(s, b0, c00);
                    if (TVectors.Value > 1) c01 = TL.MultiplyAdd(s, b1, c01);
                    if (TVectors.Value > 2) c02 = TL.MultiplyAdd(s, b2, c02);
                    if (TVectors.Value > 3) c03 = TL.MultiplyAdd(s, b3, c03);
                }

                if (TRows.Value > 1)
                {
                    TV s = TL.Create(Unsafe.Add(ref pa, aRow1));
                    c10 = TL.MultiplyAdd(s, b0, c10);
                    if (TVectors.Value > 1) c11 = TL.MultiplyAdd(s, b1, c11);
                    if (TVectors.Value > 2) c12 = TL.MultiplyAdd(s, b2, c12);
                    if (TVectors.Value > 3) c13 = TL.MultiplyAdd(s, b3, c13);
                }

                if (TRows.Value > 2)
                {
                    TV s = TL.Create(Unsafe.Add(ref pa, aRow2));
                    c20 = TL.MultiplyAdd(s, b0, c20);
                    if (TVectors.Value > 1) c21 = TL.MultiplyAdd(s, b1, c21);
                    if (TVectors.Value > 2) c22 = TL.MultiplyAdd(s, b2, c22);
                    if (TVectors.Value > 3) c23 = TL.MultiplyAdd(s, b3, c23);
                }

                if (TRows.Value > 3)
                {
                    TV s = TL.Create(Unsafe.Add(ref pa, aRow3));
                    c30 = TL.MultiplyAdd(s, b0, c30);
                    if (TVectors.Value > 1) c31 = TL.MultiplyAdd(s, b1, c31);
                    if (TVectors.Value > 2) c32 = TL.MultiplyAdd(s, b2, c32);
                    if (TVectors.Value > 3) c33 = TL.MultiplyAdd(s, b3, c33);
                }

                if (TRows.Value > 4)
                {
                    TV s = TL.Create(Unsafe.Add(ref pa, aRow4));
                    c40 = TL.MultiplyAdd(s, b0, c40);
                    if (TVectors.Value > 1) c41 = TL.MultiplyAdd(s, b1, c41);
                    if (TVectors.Value > 2) c42 = TL.MultiplyAdd(s, b2, c42);
                    if (TVectors.Value > 3) c43 = TL.MultiplyAdd(s, b3, c43);
                }

                if (TRows.Value > 5)
                {
                    TV s = TL.Create(Unsafe.Add(ref pa, aRow5));
                    c50 = TL.MultiplyAdd(s, b0, c50);
                    if (TVectors.Value > 1) c51 = TL.MultiplyAdd(s, b1, c51);
                    if (TVectors.Value > 2) c52 = TL.MultiplyAdd(s, b2, c52);
                    if (TVectors.Value > 3) c53 = TL.MultiplyAdd(s, b3, c53);
                }

                pa = ref Unsafe.Add(ref pa, aStep);
                pb = ref Unsafe.Add(ref pb, ldb);
            }

            ref float pc = ref Unsafe.Add(ref c, row * ldc);
            TL.Store(TL.Add(TL.Load(ref pc, 0), c00), ref pc, 0);
            if (TVectors.Value > 1) TL.Store(TL.Add(TL.Load(ref pc, 1 * width), c01), ref pc, 1 * width);
            if (TVectors.Value > 2) TL.Store(TL.Add(TL.Load(ref pc, 2 * width), c02), ref pc, 2 * width);
            if (TVectors.Value > 3) TL.Store(TL.Add(TL.Load(ref pc, 3 * width), c03), ref pc, 3 * width);
            if (TRows.Value > 1)
            {
                TL.Store(TL.Add(TL.Load(ref pc, cRow1), c10), ref pc, cRow1);
                if (TVectors.Value > 1) TL.Store(TL.Add(TL.Load(ref pc, cRow1 + 1 * width), c11), ref pc, cRow1 + 1 * width);
                if (TVectors.Value > 2) TL.Store(TL.Add(TL.Load(ref pc, cRow1 + 2 * width), c12), ref pc, cRow1 + 2 * width);
                if (TVectors.Value > 3) TL.Store(TL.Add(TL.Load(ref pc, cRow1 + 3 * width), c13), ref pc, cRow1 + 3 * width);
            }
            if (TRows.Value > 2)
            {
                TL.Store(TL.Add(TL.Load(ref pc, cRow2), c20), ref pc, cRow2);
                if (TVectors.Value > 1) TL.Store(TL.Add(TL.Load(ref pc, cRow2 + 1 * width), c21), ref pc, cRow2 + 1 * width);
                if (TVectors.Value > 2) TL.Store(TL.Add(TL.Load(ref pc, cRow2 + 2 * width), c22), ref pc, cRow2 + 2 * width);
                if (TVectors.Value > 3) TL.Store(TL.Add(TL.Load(ref pc, cRow2 + 3 * width), c23), ref pc, cRow2 + 3 * width);
            }
            if (TRows.Value > 3)
            {
                TL.Store(TL.Add(TL.Load(ref pc, cRow3), c30), ref pc, cRow3);
                if (TVectors.Value > 1) TL.Store(TL.Add(TL.Load(ref pc, cRow3 + 1 * width), c31), ref pc, cRow3 + 1 * width);
                if (TVectors.Value > 2) TL.Store(TL.Add(TL.Load(ref pc, cRow3 + 2 * width), c32), ref pc, cRow3 + 2 * width);
                if (TVectors.Value > 3) TL.Store(TL.Add(TL.Load(ref pc, cRow3 + 3 * width), c33), ref pc, cRow3 + 3 * width);
            }
            if (TRows.Value > 4)
            {
                TL.Store(TL.Add(TL.Load(ref pc, cRow4), c40), ref pc, cRow4);
                if (TVectors.Value > 1) TL.Store(TL.Add(TL.Load(ref pc, cRow4 + 1 * width), c41), ref pc, cRow4 + 1 * width);
                if (TVectors.Value > 2) TL.Store(TL.Add(TL.Load(ref pc, cRow4 + 2 * width), c42), ref pc, cRow4 + 2 * width);
                if (TVectors.Value > 3) TL.Store(TL.Add(TL.Load(ref pc, cRow4 + 3 * width), c43), ref pc, cRow4 + 3 * width);
            }
            if (TRows.Value > 5)
            {
                TL.Store(TL.Add(TL.Load(ref pc, cRow5), c50), ref pc, cRow5);
                if (TVectors.Value > 1) TL.Store(TL.Add(TL.Load(ref pc, cRow5 + 1 * width), c51), ref pc, cRow5 + 1 * width);
                if (TVectors.Value > 2) TL.Store(TL.Add(TL.Load(ref pc, cRow5 + 2 * width), c52), ref pc, cRow5 + 2 * width);
                if (TVectors.Value > 3) TL.Store(TL.Add(TL.Load(ref pc, cRow5 + 3 * width), c53), ref pc, cRow5 + 3 * width);
            }
        }
    }

    /// <summary>The portable block transpose, for lane types whose shuffles the hardware lacks.</summary>
    private static void TransposeScalar(ref float source, nint lds, ref float destination, nint ldd, int size)
    {
        for (int r = 0; r < size; r++)
        {
            for (int c = 0; c < size; c++) Unsafe.Add(ref destination, c * ldd + r) = Unsafe.Add(ref source, r * lds + c);
        }
    }

    /// <summary>A size known to the JIT: the tile kernel's row and vector counts.</summary>
    private interface ICount
    {
        static abstract int Value { get; }
    }

    private readonly struct One : ICount { public static int Value => 1; }

    private readonly struct Two : ICount { public static int Value => 2; }

    private readonly struct Three : ICount { public static int Value => 3; }

    private readonly struct Four : ICount { public static int Value => 4; }

    private readonly struct Five : ICount { public static int Value => 5; }

    private readonly struct Six : ICount { public static int Value => 6; }

    /// <summary>
    /// The lane operations the step needs, for one lane type. Masks are lanes with every bit set (true) or clear. The
    /// vector exp is <see cref="VectorExp"/> (its arguments are z − max ≤ 0), log and tanh are <see cref="VectorMath"/>'s.
    /// </summary>
    private interface ILanes<TV>
        where TV : struct
    {
        static abstract int Count { get; }
        static abstract TV Create(float value);
        static abstract TV Load(ref float source, nint offset);
        static abstract void Store(TV value, ref float destination, nint offset);
        static abstract TV Add(TV x, TV y);
        static abstract TV Subtract(TV x, TV y);
        static abstract TV Multiply(TV x, TV y);
        static abstract TV Divide(TV x, TV y);
        static abstract TV Negate(TV x);
        static abstract TV MultiplyAdd(TV x, TV y, TV addend);
        static abstract TV Max(TV x, TV y);
        static abstract TV Equal(TV x, TV y);
        static abstract TV GreaterThan(TV x, TV y);
        static abstract TV GreaterThanOrEqual(TV x, TV y);
        static abstract TV And(TV mask, TV x);
        static abstract TV Select(TV mask, TV x, TV y);
        static abstract TV Exp(TV x);
        static abstract TV Log(TV x);
        static abstract TV Tanh(TV x);
        static abstract float Sum(TV x);

        /// <summary>Transposes one Count × Count block, the rows lds and ldd apart.</summary>
        static abstract void TransposeBlock(ref float source, nint lds, ref float destination, nint ldd);
    }

    /// <summary>512-bit lanes, sixteen floats.</summary>
    private readonly struct Lanes512 : ILanes<Vector512<float>>
    {
        public static int Count => Vector512<float>.Count;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Create(float value) => Vector512.Create(value);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Load(ref float source, nint offset) => Vector512.LoadUnsafe(ref source, (nuint)offset);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(Vector512<float> value, ref float destination, nint offset) => value.StoreUnsafe(ref destination, (nuint)offset);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Add(Vector512<float> x, Vector512<float> y) => x + y;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Subtract(Vector512<float> x, Vector512<float> y) => x - y;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Multiply(Vector512<float> x, Vector512<float> y) => x * y;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Divide(Vector512<float> x, Vector512<float> y) => x / y;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Negate(Vector512<float> x) => -x;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> MultiplyAdd(Vector512<float> x, Vector512<float> y, Vector512<float> addend) => Vector512.FusedMultiplyAdd(x, y, addend);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Max(Vector512<float> x, Vector512<float> y) => Vector512.MaxNative(x, y);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Equal(Vector512<float> x, Vector512<float> y) => Vector512.Equals(x, y);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> GreaterThan(Vector512<float> x, Vector512<float> y) => Vector512.GreaterThan(x, y);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> GreaterThanOrEqual(Vector512<float> x, Vector512<float> y) => Vector512.GreaterThanOrEqual(x, y);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> And(Vector512<float> mask, Vector512<float> x) => mask & x;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Select(Vector512<float> mask, Vector512<float> x, Vector512<float> y) => Vector512.ConditionalSelect(mask, x, y);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Exp(Vector512<float> x) => VectorExp.Exp(x);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Log(Vector512<float> x) => VectorMath.Log(x);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Tanh(Vector512<float> x) => VectorMath.Tanh(x);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Sum(Vector512<float> x) => Vector512.Sum(x);

        /// <summary>
        /// Sixteen rows in registers: unpacks interleave pairs of rows within each 128-bit lane (first as floats, then
        /// as float pairs), and two rounds of 128-bit lane shuffles finish the transpose; 64 shuffles for 256 floats.
        /// </summary>
        public static void TransposeBlock(ref float source, nint lds, ref float destination, nint ldd)
        {
            if (!Avx512F.IsSupported)
            {
                TransposeScalar(ref source, lds, ref destination, ldd, Count);
                return;
            }

            Vector512<float> r0 = Load(ref source, 0), r1 = Load(ref source, lds), r2 = Load(ref source, 2 * lds), r3 = Load(ref source, 3 * lds);
            Vector512<float> r4 = Load(ref source, 4 * lds), r5 = Load(ref source, 5 * lds), r6 = Load(ref source, 6 * lds), r7 = Load(ref source, 7 * lds);
            Vector512<float> r8 = Load(ref source, 8 * lds), r9 = Load(ref source, 9 * lds), r10 = Load(ref source, 10 * lds), r11 = Load(ref source, 11 * lds);
            Vector512<float> r12 = Load(ref source, 12 * lds), r13 = Load(ref source, 13 * lds), r14 = Load(ref source, 14 * lds), r15 = Load(ref source, 15 * lds);

            Vector512<float> t0 = Avx512F.UnpackLow(r0, r1), t1 = Avx512F.UnpackHigh(r0, r1), t2 = Avx512F.UnpackLow(r2, r3), t3 = Avx512F.UnpackHigh(r2, r3);
            Vector512<float> t4 = Avx512F.UnpackLow(r4, r5), t5 = Avx512F.UnpackHigh(r4, r5), t6 = Avx512F.UnpackLow(r6, r7), t7 = Avx512F.UnpackHigh(r6, r7);
            Vector512<float> t8 = Avx512F.UnpackLow(r8, r9), t9 = Avx512F.UnpackHigh(r8, r9), t10 = Avx512F.UnpackLow(r10, r11), t11 = Avx512F.UnpackHigh(r10, r11);
            Vector512<float> t12 = Avx512F.UnpackLow(r12, r13), t13 = Avx512F.UnpackHigh(r12, r13), t14 = Avx512F.UnpackLow(r14, r15), t15 = Avx512F.UnpackHigh(r14, r15);

            r0 = PairsLow(t0, t2); r1 = PairsHigh(t0, t2); r2 = PairsLow(t1, t3); r3 = PairsHigh(t1, t3);
            r4 = PairsLow(t4, t6); r5 = PairsHigh(t4, t6); r6 = PairsLow(t5, t7); r7 = PairsHigh(t5, t7);
            r8 = PairsLow(t8, t10); r9 = PairsHigh(t8, t10); r10 = PairsLow(t9, t11); r11 = PairsHigh(t9, t11);
            r12 = PairsLow(t12, t14); r13 = PairsHigh(t12, t14); r14 = PairsLow(t13, t15); r15 = PairsHigh(t13, t15);

            const byte Even = 0x88, Odd = 0xDD;
            t0 = Avx512F.Shuffle4x128(r0, r4, Even); t1 = Avx512F.Shuffle4x128(r1, r5, Even); t2 = Avx512F.Shuffle4x128(r2, r6, Even); t3 = Avx512F.Shuffle4x128(r3, r7, Even);
            t4 = Avx512F.Shuffle4x128(r0, r4, Odd); t5 = Avx512F.Shuffle4x128(r1, r5, Odd); t6 = Avx512F.Shuffle4x128(r2, r6, Odd); t7 = Avx512F.Shuffle4x128(r3, r7, Odd);
            t8 = Avx512F.Shuffle4x128(r8, r12, Even); t9 = Avx512F.Shuffle4x128(r9, r13, Even); t10 = Avx512F.Shuffle4x128(r10, r14, Even); t11 = Avx512F.Shuffle4x128(r11, r15, Even);
            t12 = Avx512F.Shuffle4x128(r8, r12, Odd); t13 = Avx512F.Shuffle4x128(r9, r13, Odd); t14 = Avx512F.Shuffle4x128(r10, r14, Odd); t15 = Avx512F.Shuffle4x128(r11, r15, Odd);

            Store(Avx512F.Shuffle4x128(t0, t8, Even), ref destination, 0);
            Store(Avx512F.Shuffle4x128(t1, t9, Even), ref destination, ldd);
            Store(Avx512F.Shuffle4x128(t2, t10, Even), ref destination, 2 * ldd);
            Store(Avx512F.Shuffle4x128(t3, t11, Even), ref destination, 3 * ldd);
            Store(Avx512F.Shuffle4x128(t4, t12, Even), ref destination, 4 * ldd);
            Store(Avx512F.Shuffle4x128(t5, t13, Even), ref destination, 5 * ldd);
            Store(Avx512F.Shuffle4x128(t6, t14, Even), ref destination, 6 * ldd);
            Store(Avx512F.Shuffle4x128(t7, t15, Even), ref destination, 7 * ldd);
            Store(Avx512F.Shuffle4x128(t0, t8, Odd), ref destination, 8 * ldd);
            Store(Avx512F.Shuffle4x128(t1, t9, Odd), ref destination, 9 * ldd);
            Store(Avx512F.Shuffle4x128(t2, t10, Odd), ref destination, 10 * ldd);
            Store(Avx512F.Shuffle4x128(t3, t11, Odd), ref destination, 11 * ldd);
            Store(Avx512F.Shuffle4x128(t4, t12, Odd), ref destination, 12 * ldd);
            Store(Avx512F.Shuffle4x128(t5, t13, Odd), ref destination, 13 * ldd);
            Store(Avx512F.Shuffle4x128(t6, t14, Odd), ref destination, 14 * ldd);
            Store(Avx512F.Shuffle4x128(t7, t15, Odd), ref destination, 15 * ldd);
        }

        private static Vector512<float> PairsLow(Vector512<float> x, Vector512<float> y) => Avx512F.UnpackLow(x.AsDouble(), y.AsDouble()).AsSingle();

        private static Vector512<float> PairsHigh(Vector512<float> x, Vector512<float> y) => Avx512F.UnpackHigh(x.AsDouble(), y.AsDouble()).AsSingle();
    }

    /// <summary>256-bit lanes, eight floats.</summary>
    private readonly struct Lanes256 : ILanes<Vector256<float>>
    {
        public static int Count => Vector256<float>.Count;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Create(float value) => Vector256.Create(value);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Load(ref float source, nint offset) => Vector256.LoadUnsafe(ref source, (nuint)offset);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(Vector256<float> value, ref float destination, nint offset) => value.StoreUnsafe(ref destination, (nuint)offset);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Add(Vector256<float> x, Vector256<float> y) => x + y;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Subtract(Vector256<float> x, Vector256<float> y) => x - y;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Multiply(Vector256<float> x, Vector256<float> y) => x * y;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Divide(Vector256<float> x, Vector256<float> y) => x / y;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Negate(Vector256<float> x) => -x;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> MultiplyAdd(Vector256<float> x, Vector256<float> y, Vector256<float> addend) => Vector256.FusedMultiplyAdd(x, y, addend);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Max(Vector256<float> x, Vector256<float> y) => Vector256.MaxNative(x, y);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Equal(Vector256<float> x, Vector256<float> y) => Vector256.Equals(x, y);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> GreaterThan(Vector256<float> x, Vector256<float> y) => Vector256.GreaterThan(x, y);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> GreaterThanOrEqual(Vector256<float> x, Vector256<float> y) => Vector256.GreaterThanOrEqual(x, y);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> And(Vector256<float> mask, Vector256<float> x) => mask & x;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Select(Vector256<float> mask, Vector256<float> x, Vector256<float> y) => Vector256.ConditionalSelect(mask, x, y);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Exp(Vector256<float> x) => VectorExp.Exp(x);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Log(Vector256<float> x) => VectorMath.Log(x);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Tanh(Vector256<float> x) => VectorMath.Tanh(x);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Sum(Vector256<float> x) => Vector256.Sum(x);

        /// <summary>
        /// Eight rows in registers: unpacks and in-lane shuffles transpose the 4 × 4 quarters, one round of 128-bit lane
        /// permutes swaps the off-diagonal ones; 24 shuffles for 64 floats.
        /// </summary>
        public static void TransposeBlock(ref float source, nint lds, ref float destination, nint ldd)
        {
            if (!Avx.IsSupported)
            {
                TransposeScalar(ref source, lds, ref destination, ldd, Count);
                return;
            }

            Vector256<float> r0 = Load(ref source, 0), r1 = Load(ref source, lds), r2 = Load(ref source, 2 * lds), r3 = Load(ref source, 3 * lds);
            Vector256<float> r4 = Load(ref source, 4 * lds), r5 = Load(ref source, 5 * lds), r6 = Load(ref source, 6 * lds), r7 = Load(ref source, 7 * lds);

            Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1), t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
            Vector256<float> t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5), t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);

            const byte Low = 0x44, High = 0xEE;
            r0 = Avx.Shuffle(t0, t2, Low); r1 = Avx.Shuffle(t0, t2, High); r2 = Avx.Shuffle(t1, t3, Low); r3 = Avx.Shuffle(t1, t3, High);
            r4 = Avx.Shuffle(t4, t6, Low); r5 = Avx.Shuffle(t4, t6, High); r6 = Avx.Shuffle(t5, t7, Low); r7 = Avx.Shuffle(t5, t7, High);

            const byte Lower = 0x20, Upper = 0x31;
            Store(Avx.Permute2x128(r0, r4, Lower), ref destination, 0);
            Store(Avx.Permute2x128(r1, r5, Lower), ref destination, ldd);
            Store(Avx.Permute2x128(r2, r6, Lower), ref destination, 2 * ldd);
            Store(Avx.Permute2x128(r3, r7, Lower), ref destination, 3 * ldd);
            Store(Avx.Permute2x128(r0, r4, Upper), ref destination, 4 * ldd);
            Store(Avx.Permute2x128(r1, r5, Upper), ref destination, 5 * ldd);
            Store(Avx.Permute2x128(r2, r6, Upper), ref destination, 6 * ldd);
            Store(Avx.Permute2x128(r3, r7, Upper), ref destination, 7 * ldd);
        }
    }

    /// <summary>
    /// One lane: the fallback without vector hardware, and the columns past the last whole vector. A mask is a float
    /// with every bit set (a NaN) or zero.
    /// </summary>
    private readonly struct Lanes1 : ILanes<float>
    {
        private static readonly float AllBits = BitConverter.Int32BitsToSingle(-1);

        public static int Count => 1;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Create(float value) => value;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Load(ref float source, nint offset) => Unsafe.Add(ref source, offset);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(float value, ref float destination, nint offset) => Unsafe.Add(ref destination, offset) = value;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Add(float x, float y) => x + y;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Subtract(float x, float y) => x - y;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Multiply(float x, float y) => x * y;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Divide(float x, float y) => x / y;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Negate(float x) => -x;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float MultiplyAdd(float x, float y, float addend) => x * y + addend;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Max(float x, float y) => x > y ? x : y;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Equal(float x, float y) => x == y ? AllBits : 0;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float GreaterThan(float x, float y) => x > y ? AllBits : 0;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float GreaterThanOrEqual(float x, float y) => x >= y ? AllBits : 0;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float And(float mask, float x) => float.IsNaN(mask) ? x : 0;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Select(float mask, float x, float y) => float.IsNaN(mask) ? x : y;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Exp(float x) => MathF.Exp(x);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Log(float x) => MathF.Log(x);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Tanh(float x) => MathF.Tanh(x);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Sum(float x) => x;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void TransposeBlock(ref float source, nint lds, ref float destination, nint ldd) => destination = source;
    }
}
