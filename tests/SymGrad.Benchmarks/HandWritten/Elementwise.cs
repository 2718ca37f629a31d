using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SymGrad.Benchmarks.HandWritten;

/// <summary>
/// The W1 kernels as a skilled engineer writes them by hand: one fused pass that reads x and the
/// incoming gradient g once and writes y = f(x) and dx = g·f′(x), 512-bit vectors where the
/// hardware has them, 256-bit otherwise, and a scalar tail that uses the same formulas.
/// </summary>
/// <remarks>
/// Every formula is stable for large |x|: sigmoid and softplus start from exp(−|x|) ≤ 1, tanh from
/// exp(−2|x|) ≤ 1, so nothing overflows and the derivatives keep their relative accuracy in the
/// tails (σ′ = e/(1 + e)², tanh′ = 4e/(1 + e)², where 1 − y² would cancel to zero). The vector
/// lanes take e from <see cref="VectorExp"/>, the scalar tail from MathF.Exp.
/// </remarks>
public static class Elementwise
{
    /// <summary>y = σ(x), dx = g·σ(x)·(1 − σ(x)).</summary>
    public static void SigmoidForwardBackward(ReadOnlySpan<float> x, ReadOnlySpan<float> gradOutput, Span<float> y, Span<float> gradInput) =>
        Run<SigmoidKernel>(x, gradOutput, y, gradInput);

    /// <summary>y = tanh(x), dx = g·(1 − tanh²(x)).</summary>
    public static void TanhForwardBackward(ReadOnlySpan<float> x, ReadOnlySpan<float> gradOutput, Span<float> y, Span<float> gradInput) =>
        Run<TanhKernel>(x, gradOutput, y, gradInput);

    /// <summary>y = log(1 + eˣ), dx = g·σ(x).</summary>
    public static void SoftplusForwardBackward(ReadOnlySpan<float> x, ReadOnlySpan<float> gradOutput, Span<float> y, Span<float> gradInput) =>
        Run<SoftplusKernel>(x, gradOutput, y, gradInput);

    /// <summary>
    /// The one loop every activation shares; <typeparamref name="TKernel"/> is a struct, so the JIT
    /// compiles a separate copy per activation with the kernel inlined.
    /// </summary>
    private static void Run<TKernel>(ReadOnlySpan<float> x, ReadOnlySpan<float> gradOutput, Span<float> y, Span<float> gradInput)
        where TKernel : struct, IKernel
    {
        int n = x.Length;
        if (gradOutput.Length != n) throw new ArgumentException("Must have the length of x.", nameof(gradOutput));
        if (y.Length != n) throw new ArgumentException("Must have the length of x.", nameof(y));
        if (gradInput.Length != n) throw new ArgumentException("Must have the length of x.", nameof(gradInput));

        ref float xs = ref MemoryMarshal.GetReference(x);
        ref float gs = ref MemoryMarshal.GetReference(gradOutput);
        ref float ys = ref MemoryMarshal.GetReference(y);
        ref float ds = ref MemoryMarshal.GetReference(gradInput);
        nuint i = 0;
        nuint count = (nuint)n;

        if (Vector512.IsHardwareAccelerated)
        {
            for (; i + (nuint)Vector512<float>.Count <= count; i += (nuint)Vector512<float>.Count)
            {
                Vector512<float> value = TKernel.Invoke(Vector512.LoadUnsafe(ref xs, i), out Vector512<float> slope);
                value.StoreUnsafe(ref ys, i);
                (Vector512.LoadUnsafe(ref gs, i) * slope).StoreUnsafe(ref ds, i);
            }
        }
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + (nuint)Vector256<float>.Count <= count; i += (nuint)Vector256<float>.Count)
            {
                Vector256<float> value = TKernel.Invoke(Vector256.LoadUnsafe(ref xs, i), out Vector256<float> slope);
                value.StoreUnsafe(ref ys, i);
                (Vector256.LoadUnsafe(ref gs, i) * slope).StoreUnsafe(ref ds, i);
            }
        }
        for (; i < count; i++)
        {
            Unsafe.Add(ref ys, i) = TKernel.Invoke(Unsafe.Add(ref xs, i), out float slope);
            Unsafe.Add(ref ds, i) = Unsafe.Add(ref gs, i) * slope;
        }
    }

    /// <summary>One activation at three widths: returns f(x) and writes f′(x).</summary>
    private interface IKernel
    {
        static abstract float Invoke(float x, out float slope);
        static abstract Vector256<float> Invoke(Vector256<float> x, out Vector256<float> slope);
        static abstract Vector512<float> Invoke(Vector512<float> x, out Vector512<float> slope);
    }

    /// <summary>e = exp(−|x|), r = 1/(1 + e); σ = r for x ≥ 0 and e·r below; σ′ = e·r².</summary>
    private readonly struct SigmoidKernel : IKernel
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Invoke(float x, out float slope)
        {
            float e = MathF.Exp(-MathF.Abs(x));
            float r = 1 / (1 + e);
            slope = e * r * r;
            return x >= 0 ? r : e * r;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Invoke(Vector256<float> x, out Vector256<float> slope)
        {
            Vector256<float> e = VectorExp.Exp(-Vector256.Abs(x));
            Vector256<float> r = Vector256<float>.One / (Vector256<float>.One + e);
            Vector256<float> er = e * r;
            slope = er * r;
            return Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(x, Vector256<float>.Zero), r, er);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Invoke(Vector512<float> x, out Vector512<float> slope)
        {
            Vector512<float> e = VectorExp.Exp(-Vector512.Abs(x));
            Vector512<float> r = Vector512<float>.One / (Vector512<float>.One + e);
            Vector512<float> er = e * r;
            slope = er * r;
            return Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(x, Vector512<float>.Zero), r, er);
        }
    }

    /// <summary>
    /// .NET has no vector tanh, so it is built here from two pieces, both computed for every lane and
    /// blended: below |x| = 0.625 an odd polynomial x + x³·P(x²) (no cancellation near zero, where
    /// 1 − 2/(e²ˣ + 1) would lose every digit); above it |t| = 1 − 2e·r with e = exp(−2|x|) ≤ 1 and
    /// r = 1/(1 + e), one fused multiply-add (within 2 ulp of MathF.Tanh, where (1 − e)·r reaches 3),
    /// and tanh′ = 4e·r² from the same e. P is a degree-4 minimax fit of (tanh x − x)/x³ on
    /// [0, 0.625] for relative error (about 1e-8 before float rounding), made for this file.
    /// </summary>
    private readonly struct TanhKernel : IKernel
    {
        private const float Threshold = 0.625f;
        private const float P0 = -0.33333280682563782f;
        private const float P1 = 0.13331443071365356f;
        private const float P2 = -0.05373973399400711f;
        private const float P3 = 0.020639143884181976f;
        private const float P4 = -0.005705048330128193f;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Invoke(float x, out float slope)
        {
            float a = MathF.Abs(x);
            if (a < Threshold)
            {
                float z = x * x;
                float p = MathF.FusedMultiplyAdd(MathF.FusedMultiplyAdd(MathF.FusedMultiplyAdd(MathF.FusedMultiplyAdd(P4, z, P3), z, P2), z, P1), z, P0);
                float t = MathF.FusedMultiplyAdd(x * z, p, x);
                slope = MathF.FusedMultiplyAdd(-t, t, 1);
                return t;
            }
            float e = MathF.Exp(-2 * a);
            float r = 1 / (1 + e);
            slope = 4 * e * r * r;
            return MathF.CopySign(MathF.FusedMultiplyAdd(-2 * e, r, 1), x);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Invoke(Vector256<float> x, out Vector256<float> slope)
        {
            Vector256<float> a = Vector256.Abs(x);
            Vector256<float> z = x * x;
            Vector256<float> p = Vector256.FusedMultiplyAdd(Vector256.Create(P4), z, Vector256.Create(P3));
            p = Vector256.FusedMultiplyAdd(p, z, Vector256.Create(P2));
            p = Vector256.FusedMultiplyAdd(p, z, Vector256.Create(P1));
            p = Vector256.FusedMultiplyAdd(p, z, Vector256.Create(P0));
            Vector256<float> small = Vector256.FusedMultiplyAdd(x * z, p, x);
            Vector256<float> smallSlope = Vector256.FusedMultiplyAdd(-small, small, Vector256<float>.One);

            Vector256<float> e = VectorExp.Exp(a * Vector256.Create(-2f));
            Vector256<float> r = Vector256<float>.One / (Vector256<float>.One + e);
            Vector256<float> large = Vector256.CopySign(Vector256.FusedMultiplyAdd(e * Vector256.Create(-2f), r, Vector256<float>.One), x);
            Vector256<float> largeSlope = Vector256.Create(4f) * e * r * r;

            Vector256<float> isSmall = Vector256.LessThan(a, Vector256.Create(Threshold));
            slope = Vector256.ConditionalSelect(isSmall, smallSlope, largeSlope);
            return Vector256.ConditionalSelect(isSmall, small, large);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Invoke(Vector512<float> x, out Vector512<float> slope)
        {
            Vector512<float> a = Vector512.Abs(x);
            Vector512<float> z = x * x;
            Vector512<float> p = Vector512.FusedMultiplyAdd(Vector512.Create(P4), z, Vector512.Create(P3));
            p = Vector512.FusedMultiplyAdd(p, z, Vector512.Create(P2));
            p = Vector512.FusedMultiplyAdd(p, z, Vector512.Create(P1));
            p = Vector512.FusedMultiplyAdd(p, z, Vector512.Create(P0));
            Vector512<float> small = Vector512.FusedMultiplyAdd(x * z, p, x);
            Vector512<float> smallSlope = Vector512.FusedMultiplyAdd(-small, small, Vector512<float>.One);

            Vector512<float> e = VectorExp.Exp(a * Vector512.Create(-2f));
            Vector512<float> r = Vector512<float>.One / (Vector512<float>.One + e);
            Vector512<float> large = Vector512.CopySign(Vector512.FusedMultiplyAdd(e * Vector512.Create(-2f), r, Vector512<float>.One), x);
            Vector512<float> largeSlope = Vector512.Create(4f) * e * r * r;

            Vector512<float> isSmall = Vector512.LessThan(a, Vector512.Create(Threshold));
            slope = Vector512.ConditionalSelect(isSmall, smallSlope, largeSlope);
            return Vector512.ConditionalSelect(isSmall, small, large);
        }
    }

    /// <summary>
    /// softplus = max(x, 0) + log1p(e) with e = exp(−|x|) ∈ (0, 1]; softplus′ = σ(x) from the same e.
    /// .NET's vector log is an out-of-line call through double and has no log1p, so log1p(e) is
    /// 2·atanh(s) = 2s·P(s²) with s = e/(2 + e) ∈ (0, ⅓]: relative accuracy for tiny e (softplus(x)
    /// for x ≪ 0 is e, not 0), and P is a degree-4 minimax fit of atanh(√w)/√w on [0, 1/9] (about
    /// 8e-9 relative), made for this file. One division gives both 1/(1 + e) and e/(2 + e).
    /// </summary>
    private readonly struct SoftplusKernel : IKernel
    {
        private const float P1 = 0.3333315849304199f;
        private const float P2 = 0.2001245766878128f;
        private const float P3 = 0.13980290293693542f;
        private const float P4 = 0.14089162647724152f;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Invoke(float x, out float slope)
        {
            float e = MathF.Exp(-MathF.Abs(x));
            float u = 1 + e, v = 2 + e;
            float inverse = 1 / (u * v);
            float r = v * inverse;
            slope = x >= 0 ? r : e * r;
            float s = e * u * inverse;
            float w = s * s;
            float p = MathF.FusedMultiplyAdd(MathF.FusedMultiplyAdd(MathF.FusedMultiplyAdd(MathF.FusedMultiplyAdd(P4, w, P3), w, P2), w, P1), w, 1);
            return MathF.FusedMultiplyAdd(2 * s, p, MathF.Max(x, 0));
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Invoke(Vector256<float> x, out Vector256<float> slope)
        {
            Vector256<float> e = VectorExp.Exp(-Vector256.Abs(x));
            Vector256<float> u = Vector256<float>.One + e;
            Vector256<float> v = Vector256.Create(2f) + e;
            Vector256<float> inverse = Vector256<float>.One / (u * v);
            Vector256<float> r = v * inverse;
            slope = Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(x, Vector256<float>.Zero), r, e * r);
            Vector256<float> s = e * u * inverse;
            Vector256<float> w = s * s;
            Vector256<float> p = Vector256.FusedMultiplyAdd(Vector256.Create(P4), w, Vector256.Create(P3));
            p = Vector256.FusedMultiplyAdd(p, w, Vector256.Create(P2));
            p = Vector256.FusedMultiplyAdd(p, w, Vector256.Create(P1));
            p = Vector256.FusedMultiplyAdd(p, w, Vector256<float>.One);
            return Vector256.FusedMultiplyAdd(s + s, p, Vector256.MaxNative(x, Vector256<float>.Zero));
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Invoke(Vector512<float> x, out Vector512<float> slope)
        {
            Vector512<float> e = VectorExp.Exp(-Vector512.Abs(x));
            Vector512<float> u = Vector512<float>.One + e;
            Vector512<float> v = Vector512.Create(2f) + e;
            Vector512<float> inverse = Vector512<float>.One / (u * v);
            Vector512<float> r = v * inverse;
            slope = Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(x, Vector512<float>.Zero), r, e * r);
            Vector512<float> s = e * u * inverse;
            Vector512<float> w = s * s;
            Vector512<float> p = Vector512.FusedMultiplyAdd(Vector512.Create(P4), w, Vector512.Create(P3));
            p = Vector512.FusedMultiplyAdd(p, w, Vector512.Create(P2));
            p = Vector512.FusedMultiplyAdd(p, w, Vector512.Create(P1));
            p = Vector512.FusedMultiplyAdd(p, w, Vector512<float>.One);
            return Vector512.FusedMultiplyAdd(s + s, p, Vector512.MaxNative(x, Vector512<float>.Zero));
        }
    }
}
