using System;
using System.Numerics;

namespace SymGrad;

/// <summary>Adds gradient buffers elementwise, vectorized; the same additions in the same order on every machine width.</summary>
internal static class GradientBuffers
{
    /// <summary>sum[i] += term[i].</summary>
    public static void Add(Span<double> sum, ReadOnlySpan<double> term)
    {
        var i = 0;
        for (; i <= sum.Length - Vector<double>.Count; i += Vector<double>.Count)
        {
            (new Vector<double>(sum[i..]) + new Vector<double>(term[i..])).CopyTo(sum[i..]);
        }

        for (; i < sum.Length; i++)
        {
            sum[i] += term[i];
        }
    }
}
