using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SymGrad;

public static partial class VectorMath
{
    /// <summary>The matrix kernels' vector operations on <see cref="Vector512{T}"/>, T float or double.</summary>
    private readonly struct Simd512<T> : ISimd<Vector512<T>, T>
        where T : unmanaged
    {
        public static int Count => Vector512<T>.Count;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<T> Load(ref T source, nint offset) => Vector512.LoadUnsafe(ref Unsafe.Add(ref source, offset));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Store(Vector512<T> value, ref T destination, nint offset) => value.StoreUnsafe(ref Unsafe.Add(ref destination, offset));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<T> Broadcast(T value) => Vector512.Create(value);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<T> MultiplyAdd(Vector512<T> left, Vector512<T> right, Vector512<T> addend) =>
            typeof(T) == typeof(float)
                ? Vector512.FusedMultiplyAdd(left.AsSingle(), right.AsSingle(), addend.AsSingle()).As<float, T>()
                : Vector512.FusedMultiplyAdd(left.AsDouble(), right.AsDouble(), addend.AsDouble()).As<double, T>();

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<T> Add(Vector512<T> left, Vector512<T> right) => left + right;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<T> And(Vector512<T> left, Vector512<T> right) => left & right;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<T> LanesFrom(int first) =>
            typeof(T) == typeof(float)
                ? Vector512.GreaterThanOrEqual(Vector512<int>.Indices, Vector512.Create(first)).As<int, T>()
                : Vector512.GreaterThanOrEqual(Vector512<long>.Indices, Vector512.Create((long)first)).As<long, T>();

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<T> Select(Vector512<T> mask, Vector512<T> ifSet, Vector512<T> ifClear) => Vector512.ConditionalSelect(mask, ifSet, ifClear);

        /// <summary>Folds each vector to 256 bits and leaves the rest to <see cref="Simd256{T}.StoreSums"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void StoreSums(ref T destination, int count, Vector512<T> s0, Vector512<T> s1, Vector512<T> s2, Vector512<T> s3) =>
            Simd256<T>.StoreSums(
                ref destination,
                count,
                s0.GetLower() + s0.GetUpper(),
                s1.GetLower() + s1.GetUpper(),
                s2.GetLower() + s2.GetUpper(),
                s3.GetLower() + s3.GetUpper());
    }

    /// <summary>The matrix kernels' vector operations on <see cref="Vector256{T}"/>, T float or double.</summary>
    private readonly struct Simd256<T> : ISimd<Vector256<T>, T>
        where T : unmanaged
    {
        public static int Count => Vector256<T>.Count;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<T> Load(ref T source, nint offset) => Vector256.LoadUnsafe(ref Unsafe.Add(ref source, offset));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Store(Vector256<T> value, ref T destination, nint offset) => value.StoreUnsafe(ref Unsafe.Add(ref destination, offset));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<T> Broadcast(T value) => Vector256.Create(value);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<T> MultiplyAdd(Vector256<T> left, Vector256<T> right, Vector256<T> addend) =>
            typeof(T) == typeof(float)
                ? Vector256.FusedMultiplyAdd(left.AsSingle(), right.AsSingle(), addend.AsSingle()).As<float, T>()
                : Vector256.FusedMultiplyAdd(left.AsDouble(), right.AsDouble(), addend.AsDouble()).As<double, T>();

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<T> Add(Vector256<T> left, Vector256<T> right) => left + right;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<T> And(Vector256<T> left, Vector256<T> right) => left & right;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<T> LanesFrom(int first) =>
            typeof(T) == typeof(float)
                ? Vector256.GreaterThanOrEqual(Vector256<int>.Indices, Vector256.Create(first)).As<int, T>()
                : Vector256.GreaterThanOrEqual(Vector256<long>.Indices, Vector256.Create((long)first)).As<long, T>();

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<T> Select(Vector256<T> mask, Vector256<T> ifSet, Vector256<T> ifClear) => Vector256.ConditionalSelect(mask, ifSet, ifClear);

        /// <summary>
        /// Sums the lanes of the four vectors together, as a transpose: AVX's in-lane unpacks interleave pairs of vectors
        /// and add them, halving the lanes per sum at each step, until each 128-bit half holds the partial sums of all four
        /// (floats) or of two (doubles); the halves are then added. (Vector256 is hardware-accelerated only on x86 with AVX2,
        /// so the unpacks are always there.)
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void StoreSums(ref T destination, int count, Vector256<T> s0, Vector256<T> s1, Vector256<T> s2, Vector256<T> s3)
        {
            if (typeof(T) == typeof(float))
            {
                var sums = SumsOfFour(s0.AsSingle(), s1.AsSingle(), s2.AsSingle(), s3.AsSingle());
                if (count == 4)
                {
                    sums.As<float, T>().StoreUnsafe(ref destination);
                    return;
                }

                for (var j = 0; j < count; j++) Unsafe.Add(ref destination, j) = sums.As<float, T>().GetElement(j);
            }
            else
            {
                var sums = SumsOfFour(s0.AsDouble(), s1.AsDouble(), s2.AsDouble(), s3.AsDouble());
                if (count == 4)
                {
                    sums.As<double, T>().StoreUnsafe(ref destination);
                    return;
                }

                for (var j = 0; j < count; j++) Unsafe.Add(ref destination, j) = sums.As<double, T>().GetElement(j);
            }
        }

        /// <summary>[Σs0, Σs1, Σs2, Σs3] for vectors of 8 floats.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector128<float> SumsOfFour(Vector256<float> s0, Vector256<float> s1, Vector256<float> s2, Vector256<float> s3)
        {
            // In each 128-bit half, [a0, a1, a2, a3] and [b0, b1, b2, b3] give [a0, b0, a1, b1] + [a2, b2, a3, b3] =
            // [a02, b02, a13, b13]; with [c02, d02, c13, d13] that gives [a02, b02, c02, d02] + [a13, b13, c13, d13].
            var ab = Avx.UnpackLow(s0, s1) + Avx.UnpackHigh(s0, s1);
            var cd = Avx.UnpackLow(s2, s3) + Avx.UnpackHigh(s2, s3);
            var abcd = Avx.UnpackLow(ab.AsDouble(), cd.AsDouble()).AsSingle() + Avx.UnpackHigh(ab.AsDouble(), cd.AsDouble()).AsSingle();
            return abcd.GetLower() + abcd.GetUpper();
        }

        /// <summary>[Σs0, Σs1, Σs2, Σs3] for vectors of 4 doubles.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<double> SumsOfFour(Vector256<double> s0, Vector256<double> s1, Vector256<double> s2, Vector256<double> s3)
        {
            // [a0, a1 | a2, a3] and [b0, b1 | b2, b3] give [a0, b0 | a2, b2] + [a1, b1 | a3, b3] = [a01, b01 | a23, b23];
            // with [c01, d01 | c23, d23], the lower halves of both and the upper halves of both add to [a, b | c, d].
            var ab = Avx.UnpackLow(s0, s1) + Avx.UnpackHigh(s0, s1);
            var cd = Avx.UnpackLow(s2, s3) + Avx.UnpackHigh(s2, s3);
            return Avx.Permute2x128(ab, cd, 0x20) + Avx.Permute2x128(ab, cd, 0x31);
        }
    }
}
