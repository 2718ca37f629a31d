using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

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
        /// Sums the lanes of the four vectors together, as a transpose: halves are added until each vector is down to
        /// two lanes (double) or four (float), and a pairing shuffle across the survivors adds the last ones.
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
            // [a0…a3 | b0…b3] → [a0, a2, b0, b2 | a1, a3, b1, b3], whose halves add to [a01, a23, b01, b23].
            var pairing = Vector256.Create(0, 2, 4, 6, 1, 3, 5, 7);
            var ab = Vector256.Shuffle(Vector256.Create(s0.GetLower() + s0.GetUpper(), s1.GetLower() + s1.GetUpper()), pairing);
            var cd = Vector256.Shuffle(Vector256.Create(s2.GetLower() + s2.GetUpper(), s3.GetLower() + s3.GetUpper()), pairing);
            var abcd = Vector256.Shuffle(Vector256.Create(ab.GetLower() + ab.GetUpper(), cd.GetLower() + cd.GetUpper()), pairing);
            return abcd.GetLower() + abcd.GetUpper();
        }

        /// <summary>[Σs0, Σs1, Σs2, Σs3] for vectors of 4 doubles.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<double> SumsOfFour(Vector256<double> s0, Vector256<double> s1, Vector256<double> s2, Vector256<double> s3)
        {
            // [a0, a1 | b0, b1] → [a0, b0 | a1, b1], whose halves add to [a, b].
            var pairing = Vector256.Create(0L, 2, 1, 3);
            var ab = Vector256.Shuffle(Vector256.Create(s0.GetLower() + s0.GetUpper(), s1.GetLower() + s1.GetUpper()), pairing);
            var cd = Vector256.Shuffle(Vector256.Create(s2.GetLower() + s2.GetUpper(), s3.GetLower() + s3.GetUpper()), pairing);
            return Vector256.Create(ab.GetLower() + ab.GetUpper(), cd.GetLower() + cd.GetUpper());
        }
    }
}
