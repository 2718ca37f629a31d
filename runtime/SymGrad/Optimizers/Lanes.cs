using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SymGrad;

/// <summary>
/// Loads and stores of <see cref="Vector{T}"/> chunks of a span, the last chunk padded, so that an update loop is
/// written once over vectors and its tail runs the same vector operations (and so rounds exactly as the body does).
/// </summary>
internal static class Lanes
{
    /// <summary>The <paramref name="count"/> elements of <paramref name="span"/> from <paramref name="start"/>, zero-padded to a vector.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Load<T>(ReadOnlySpan<T> span, int start, int count)
    {
        if (count == Vector<T>.Count)
        {
            return Vector.LoadUnsafe(ref MemoryMarshal.GetReference(span), (nuint)start);
        }

        // Element by element: a tail is a few elements, for which a memory copy costs more than the update itself.
        var v = Vector<T>.Zero;
        ref var lanes = ref Unsafe.As<Vector<T>, T>(ref v);
        var source = span.Slice(start, count);
        for (var k = 0; k < source.Length; k++)
        {
            Unsafe.Add(ref lanes, k) = source[k];
        }

        return v;
    }

    /// <summary>Writes the first <paramref name="count"/> elements of <paramref name="v"/> to <paramref name="span"/> from <paramref name="start"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store<T>(Vector<T> v, Span<T> span, int start, int count)
    {
        if (count == Vector<T>.Count)
        {
            v.StoreUnsafe(ref MemoryMarshal.GetReference(span), (nuint)start);
            return;
        }

        ref var lanes = ref Unsafe.As<Vector<T>, T>(ref v);
        var target = span.Slice(start, count);
        for (var k = 0; k < target.Length; k++)
        {
            target[k] = Unsafe.Add(ref lanes, k);
        }
    }
}
