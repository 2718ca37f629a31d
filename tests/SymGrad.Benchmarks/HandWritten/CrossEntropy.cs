using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SymGrad.Benchmarks.HandWritten;

/// <summary>
/// W2 written by hand: softmax cross-entropy of row-major logits (batch × classes) against class
/// indices, mean reduction, returning the loss and writing its gradient with respect to the logits,
/// (softmax − onehot)/batch.
/// </summary>
public static class CrossEntropy
{
    /// <summary>
    /// The fused per-row kernel: a max pass, one exp pass (<see cref="VectorExp"/>) that stores eᶻ⁻ᵐ
    /// into the gradient row and sums it, and a scaling pass; the row stays in L1 between the passes.
    /// A row whose length is not a multiple of the vector width ends with one vector overlapping the
    /// previous one: recomputing max and exp there is harmless, and a lane mask keeps the overlap out
    /// of the sum and the scaling. Rows of 10 use one 256-bit vector and one overlapping 256-bit vector.
    /// </summary>
    /// <returns>The mean loss over the batch.</returns>
    public static float Fused(ReadOnlySpan<float> logits, ReadOnlySpan<int> targets, Span<float> dLogits)
    {
        int classes = Validate(logits, targets, dLogits);
        int batch = targets.Length;
        float invBatch = 1f / batch;
        ref float z = ref MemoryMarshal.GetReference(logits);
        ref float d = ref MemoryMarshal.GetReference(dLogits);
        double total = 0;
        for (int row = 0; row < batch; row++)
        {
            nuint offset = (nuint)row * (nuint)classes;
            ref float zRow = ref Unsafe.Add(ref z, offset);
            ref float dRow = ref Unsafe.Add(ref d, offset);
            int target = targets[row];
            float logSumExp;
            if (Vector512.IsHardwareAccelerated && classes >= Vector512<float>.Count)
                logSumExp = Row512(ref zRow, ref dRow, classes, invBatch);
            else if (Vector256.IsHardwareAccelerated && classes >= Vector256<float>.Count)
                logSumExp = Row256(ref zRow, ref dRow, classes, invBatch);
            else
                logSumExp = RowScalar(ref zRow, ref dRow, classes, invBatch);
            Unsafe.Add(ref dRow, target) -= invBatch;
            total += logSumExp - Unsafe.Add(ref zRow, target);
        }
        return (float)(total / batch);
    }

    /// <summary>
    /// The straightforward scalar version for context: softmax into the gradient, then subtract the
    /// one-hot target and divide by the batch size.
    /// </summary>
    /// <returns>The mean loss over the batch.</returns>
    public static float NaiveScalar(ReadOnlySpan<float> logits, ReadOnlySpan<int> targets, Span<float> dLogits)
    {
        int classes = Validate(logits, targets, dLogits);
        int batch = targets.Length;
        float total = 0;
        for (int row = 0; row < batch; row++)
        {
            ReadOnlySpan<float> z = logits.Slice(row * classes, classes);
            Span<float> d = dLogits.Slice(row * classes, classes);
            float max = float.NegativeInfinity;
            for (int j = 0; j < classes; j++) max = MathF.Max(max, z[j]);
            float sum = 0;
            for (int j = 0; j < classes; j++)
            {
                d[j] = MathF.Exp(z[j] - max);
                sum += d[j];
            }
            int target = targets[row];
            total += MathF.Log(sum) + max - z[target];
            for (int j = 0; j < classes; j++)
                d[j] = (d[j] / sum - (j == target ? 1 : 0)) / batch;
        }
        return total / batch;
    }

    private static int Validate(ReadOnlySpan<float> logits, ReadOnlySpan<int> targets, Span<float> dLogits)
    {
        if (targets.Length == 0) throw new ArgumentException("The batch must not be empty.", nameof(targets));
        if (logits.Length == 0 || logits.Length % targets.Length != 0)
            throw new ArgumentException("Must hold batch × classes values, batch being the length of targets.", nameof(logits));
        if (dLogits.Length != logits.Length) throw new ArgumentException("Must have the length of logits.", nameof(dLogits));
        int classes = logits.Length / targets.Length;
        foreach (int target in targets)
        {
            if ((uint)target >= (uint)classes) throw new ArgumentException($"Target {target} is not a class index below {classes}.", nameof(targets));
        }
        return classes;
    }

    /// <summary>Writes eᶻ⁻ᵐ/(Σeᶻ⁻ᵐ·batch) into the row of d; returns m + log Σeᶻ⁻ᵐ. Needs classes ≥ 16.</summary>
    private static float Row512(ref float z, ref float d, int classes, float invBatch)
    {
        const int Width = 16;
        nuint full = (nuint)(classes - classes % Width);
        nuint tail = (nuint)(classes - Width);
        bool ragged = classes % Width != 0;

        Vector512<float> max = Vector512.LoadUnsafe(ref z);
        for (nuint j = Width; j < full; j += Width) max = Vector512.MaxNative(max, Vector512.LoadUnsafe(ref z, j));
        if (ragged) max = Vector512.MaxNative(max, Vector512.LoadUnsafe(ref z, tail));
        Vector256<float> max8 = Vector256.MaxNative(max.GetLower(), max.GetUpper());
        float m = HorizontalMax(Vector128.MaxNative(max8.GetLower(), max8.GetUpper()));

        Vector512<float> shift = Vector512.Create(m);
        Vector512<float> sum = Vector512<float>.Zero;
        for (nuint j = 0; j < full; j += Width)
        {
            Vector512<float> e = VectorExp.Exp(Vector512.LoadUnsafe(ref z, j) - shift);
            e.StoreUnsafe(ref d, j);
            sum += e;
        }
        Vector512<float> fresh = Vector512.GreaterThanOrEqual(Vector512<int>.Indices, Vector512.Create(Width - classes % Width)).AsSingle();
        if (ragged)
        {
            Vector512<float> e = VectorExp.Exp(Vector512.LoadUnsafe(ref z, tail) - shift);
            e.StoreUnsafe(ref d, tail);
            sum += e & fresh;
        }
        float s = Vector512.Sum(sum);

        Vector512<float> scale = Vector512.Create(invBatch / s);
        for (nuint j = 0; j < full; j += Width) (Vector512.LoadUnsafe(ref d, j) * scale).StoreUnsafe(ref d, j);
        if (ragged)
        {
            Vector512<float> v = Vector512.LoadUnsafe(ref d, tail);
            Vector512.ConditionalSelect(fresh, v * scale, v).StoreUnsafe(ref d, tail);
        }
        return m + MathF.Log(s);
    }

    /// <summary>The same as <see cref="Row512"/> with 256-bit vectors. Needs classes ≥ 8.</summary>
    private static float Row256(ref float z, ref float d, int classes, float invBatch)
    {
        const int Width = 8;
        nuint full = (nuint)(classes - classes % Width);
        nuint tail = (nuint)(classes - Width);
        bool ragged = classes % Width != 0;

        Vector256<float> max = Vector256.LoadUnsafe(ref z);
        for (nuint j = Width; j < full; j += Width) max = Vector256.MaxNative(max, Vector256.LoadUnsafe(ref z, j));
        if (ragged) max = Vector256.MaxNative(max, Vector256.LoadUnsafe(ref z, tail));
        float m = HorizontalMax(Vector128.MaxNative(max.GetLower(), max.GetUpper()));

        Vector256<float> shift = Vector256.Create(m);
        Vector256<float> sum = Vector256<float>.Zero;
        for (nuint j = 0; j < full; j += Width)
        {
            Vector256<float> e = VectorExp.Exp(Vector256.LoadUnsafe(ref z, j) - shift);
            e.StoreUnsafe(ref d, j);
            sum += e;
        }
        Vector256<float> fresh = Vector256.GreaterThanOrEqual(Vector256<int>.Indices, Vector256.Create(Width - classes % Width)).AsSingle();
        if (ragged)
        {
            Vector256<float> e = VectorExp.Exp(Vector256.LoadUnsafe(ref z, tail) - shift);
            e.StoreUnsafe(ref d, tail);
            sum += e & fresh;
        }
        float s = Vector256.Sum(sum);

        Vector256<float> scale = Vector256.Create(invBatch / s);
        for (nuint j = 0; j < full; j += Width) (Vector256.LoadUnsafe(ref d, j) * scale).StoreUnsafe(ref d, j);
        if (ragged)
        {
            Vector256<float> v = Vector256.LoadUnsafe(ref d, tail);
            Vector256.ConditionalSelect(fresh, v * scale, v).StoreUnsafe(ref d, tail);
        }
        return m + MathF.Log(s);
    }

    /// <summary>The same as <see cref="Row512"/> one value at a time, for rows narrower than a vector.</summary>
    private static float RowScalar(ref float z, ref float d, int classes, float invBatch)
    {
        float m = z;
        for (int j = 1; j < classes; j++) m = MathF.Max(m, Unsafe.Add(ref z, j));
        float s = 0;
        for (int j = 0; j < classes; j++) s += Unsafe.Add(ref d, j) = MathF.Exp(Unsafe.Add(ref z, j) - m);
        float scale = invBatch / s;
        for (int j = 0; j < classes; j++) Unsafe.Add(ref d, j) *= scale;
        return m + MathF.Log(s);
    }

    private static float HorizontalMax(Vector128<float> v)
    {
        v = Vector128.MaxNative(v, Vector128.Shuffle(v, Vector128.Create(2, 3, 0, 1)));
        v = Vector128.MaxNative(v, Vector128.Shuffle(v, Vector128.Create(1, 0, 3, 2)));
        return v.ToScalar();
    }
}
