using System;
using System.Numerics;

namespace SymGrad;

/// <summary>
/// What the public loss members share around the generated code: argument checks, the reduction of the
/// per-element losses, and the factor each element's gradient is seeded with (1/n for the mean, 1 for the sum).
/// </summary>
internal static class LossRows
{
    /// <summary>Throws unless <paramref name="rows"/> is positive and splits <paramref name="length"/> elements into rows of equal length.</summary>
    public static void Rows(int length, int rows, string name)
    {
        if (rows <= 0 || length % rows != 0)
        {
            throw new ArgumentOutOfRangeException(name, rows, $"Must be positive and divide the {length} inputs into rows of equal length.");
        }
    }

    /// <summary><paramref name="length"/> / <paramref name="parts"/>; throws naming <paramref name="name"/> unless the inputs split into that many equal parts.</summary>
    public static int Split(int length, int parts, string name)
    {
        if (parts <= 0 || length % parts != 0)
        {
            throw new ArgumentException($"{length} inputs do not split into {parts} equal rows.", name);
        }

        return length / parts;
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming <paramref name="name"/> unless every class index is in [0, <paramref name="classes"/>).</summary>
    public static void Classes(ReadOnlySpan<int> target, int classes, string name)
    {
        foreach (var index in target)
        {
            if ((uint)index >= (uint)classes)
            {
                throw new ArgumentOutOfRangeException(name, index, $"A class index must be in [0, {classes}).");
            }
        }
    }

    /// <summary>The class weights: a copy of <paramref name="weight"/>, or all 1 when it is empty.</summary>
    public static PooledSpan<T> Weights<T>(ReadOnlySpan<T> weight, int classes)
        where T : INumberBase<T>
    {
        if (weight.IsEmpty)
        {
            return new PooledSpan<T>(classes, T.One);
        }

        LossArguments.Length(weight.Length, classes, nameof(weight));
        var weights = new PooledSpan<T>(classes);
        weight.CopyTo(weights.Span);
        return weights;
    }

    /// <summary>
    /// For multi-label targets (each row of <paramref name="classes"/> indices ending at its first −1), how often row i lists class k,
    /// at [i·C + k]: the label sets of the multi-label margin loss, as numbers the generated code reads.
    /// </summary>
    public static PooledSpan<T> LabelCounts<T>(ReadOnlySpan<int> target, int length, int classes)
        where T : INumberBase<T>
    {
        LossArguments.Length(target.Length, length, nameof(target));
        var counts = new PooledSpan<T>(length);
        for (var row = 0; row < length; row += classes)
        {
            for (var k = row; k < row + classes && target[k] != -1; k++)
            {
                if (target[k] < -1 || target[k] >= classes)
                {
                    throw new ArgumentOutOfRangeException(nameof(target), target[k], $"A class index must be in [-1, {classes}).");
                }

                counts.Span[row + target[k]] += T.One;
            }
        }

        return counts;
    }

    /// <summary>How many consecutive inputs share a variance: 1 for a variance per input, the row length for one per row.</summary>
    public static int VarianceLayout(int count, int variances)
    {
        if (variances == count)
        {
            return 1;
        }

        if (variances == 0 || count % variances != 0)
        {
            throw new ArgumentException($"var must hold one variance per input ({count}) or one per row; got {variances}.", "var");
        }

        return count / variances;
    }

    /// <summary>The gradient seed of each loss: 1/<paramref name="count"/> for the mean, 1 for the sum.</summary>
    public static double Factor(Reduction reduction, int count) => reduction switch
    {
        Reduction.Mean => 1.0 / count,
        Reduction.Sum => 1.0,
        Reduction.None => throw new ArgumentException("Reduction.None has one loss per element: use the overload that writes them to a span, or the Backward member.", nameof(reduction)),
        _ => throw new ArgumentOutOfRangeException(nameof(reduction), reduction, "Not a Reduction."),
    };

    /// <summary>The mean (Σℓᵢ / n) or the sum of <paramref name="losses"/>.</summary>
    public static double Reduce(ReadOnlySpan<double> losses, Reduction reduction)
    {
        _ = Factor(reduction, losses.Length);
        var sum = 0.0;
        foreach (var loss in losses)
        {
            sum += loss;
        }

        return reduction == Reduction.Mean ? sum / losses.Length : sum;
    }

    /// <summary>The mean (Σℓᵢ / n) or the sum of <paramref name="losses"/>.</summary>
    public static float Reduce(ReadOnlySpan<float> losses, Reduction reduction)
    {
        _ = Factor(reduction, losses.Length);
        var sum = 0f;
        foreach (var loss in losses)
        {
            sum += loss;
        }

        return reduction == Reduction.Mean ? sum / losses.Length : sum;
    }
}
