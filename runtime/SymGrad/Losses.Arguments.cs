using System;
using System.Buffers;
using System.Numerics;

namespace SymGrad;

/// <summary>Argument checks and reduction factors shared by the losses.</summary>
internal static class LossArguments
{
    /// <summary>Throws unless <paramref name="actual"/> is <paramref name="length"/>.</summary>
    public static void Length(int actual, int length, string name)
    {
        if (actual != length)
        {
            throw new ArgumentException($"Expected {length} elements, got {actual}.", name);
        }
    }

    /// <summary>
    /// The factor each loss is multiplied by: 1/count for the mean, 1 for the sum. <see cref="Reduction.None"/>
    /// has no scalar and throws.
    /// </summary>
    public static T Scale<T>(Reduction reduction, int count)
        where T : IFloatingPointIeee754<T> => reduction switch
        {
            Reduction.Mean => T.One / T.CreateChecked(count),
            Reduction.Sum => T.One,
            Reduction.None => throw new ArgumentException("Reduction.None gives one loss per element: use the overload that writes them to a span, or the Backward member.", nameof(reduction)),
            _ => throw new ArgumentOutOfRangeException(nameof(reduction), reduction, "Not a Reduction."),
        };

    /// <summary>Checks a per-element weight: empty, one per element, or a row of them repeated over the elements.</summary>
    public static void Broadcast(int weightLength, int length, string name)
    {
        if (weightLength != 0 && length % weightLength != 0)
        {
            throw new ArgumentException($"{weightLength} weights do not repeat evenly over {length} elements.", name);
        }
    }

    /// <summary>
    /// The weights of a weighted sum Σᵢ gᵢ·ℓᵢ: gᵢ = sᵢ·weight[i mod W], where sᵢ is gradOutput[i] when given and
    /// <paramref name="scale"/> otherwise, and an empty weight counts as 1.
    /// </summary>
    public static PooledSpan<T> Weights<T>(int length, ReadOnlySpan<T> weight, T scale, ReadOnlySpan<T> gradOutput)
        where T : IFloatingPointIeee754<T>
    {
        var weights = new PooledSpan<T>(length);
        for (var i = 0; i < length; i++)
        {
            var s = gradOutput.IsEmpty ? scale : gradOutput[i];
            weights.Span[i] = weight.IsEmpty ? s : s * weight[i % weight.Length];
        }

        return weights;
    }

    /// <summary>Checks the arguments of the binary cross-entropy of probabilities: as PyTorch, every input must lie in [0, 1].</summary>
    public static void Probabilities<T>(ReadOnlySpan<T> input, ReadOnlySpan<T> target, ReadOnlySpan<T> weight)
        where T : IFloatingPointIeee754<T>
    {
        Length(target.Length, input.Length, nameof(target));
        Broadcast(weight.Length, input.Length, nameof(weight));
        foreach (var p in input)
        {
            if (!(p >= T.Zero && p <= T.One))
            {
                throw new ArgumentException($"Every input must lie in [0, 1]; found {p}.", nameof(input));
            }
        }
    }

    /// <summary>Checks the arguments of the binary cross-entropy of logits.</summary>
    public static void Logits<T>(ReadOnlySpan<T> input, ReadOnlySpan<T> target, ReadOnlySpan<T> weight, ReadOnlySpan<T> posWeight)
    {
        Length(target.Length, input.Length, nameof(target));
        Broadcast(weight.Length, input.Length, nameof(weight));
        Broadcast(posWeight.Length, input.Length, nameof(posWeight));
    }

    /// <summary>Checks the arguments of cross-entropy with probability targets; returns the class weights (all 1 when none are given).</summary>
    public static PooledSpan<T> SoftTargets<T>(ReadOnlySpan<T> input, ReadOnlySpan<T> target, int classes, ReadOnlySpan<T> weight, T labelSmoothing)
        where T : IFloatingPointIeee754<T>
    {
        if (classes <= 0 || input.Length % classes != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(classes), classes, $"{input.Length} inputs do not form rows of {classes} classes.");
        }

        Length(target.Length, input.Length, nameof(target));
        if (!weight.IsEmpty)
        {
            Length(weight.Length, classes, nameof(weight));
        }

        if (!(labelSmoothing >= T.Zero && labelSmoothing <= T.One))
        {
            throw new ArgumentOutOfRangeException(nameof(labelSmoothing), labelSmoothing, "labelSmoothing must be between 0 and 1.");
        }

        var classWeights = new PooledSpan<T>(classes, T.One);
        weight.CopyTo(classWeights.Span);
        return classWeights;
    }
}

/// <summary>A span rented from <see cref="ArrayPool{T}.Shared"/> (cleared, or filled with one value), returned on dispose.</summary>
internal ref struct PooledSpan<T>
{
    private readonly T[] array;

    public PooledSpan(int length)
    {
        array = ArrayPool<T>.Shared.Rent(length);
        Span = array.AsSpan(0, length);
        Span.Clear();
    }

    public PooledSpan(int length, T value)
        : this(length)
    {
        Span.Fill(value);
    }

    public Span<T> Span { get; }

    public readonly void Dispose() => ArrayPool<T>.Shared.Return(array);
}

/// <summary>
/// The public members of a loss of input and target element by element, built from its generated weighted sum
/// Σᵢ wᵢ·ℓ(inputᵢ, targetᵢ): the reduced loss and its gradient take wᵢ = 1/N (mean) or 1 (sum), the backward
/// pass takes wᵢ = gradOutputᵢ.
/// </summary>
internal static class ElementwiseLoss
{
    /// <summary>A weighted sum Σᵢ wᵢ·ℓ(inputᵢ, targetᵢ; option).</summary>
    public delegate T Terms<T>(ReadOnlySpan<T> input, ReadOnlySpan<T> target, T option, ReadOnlySpan<T> weights);

    /// <summary>The generated gradient of a <see cref="Terms{T}"/>: the sum, and its partials with respect to input and target.</summary>
    public delegate T TermsGradient<T>(ReadOnlySpan<T> input, ReadOnlySpan<T> target, T option, ReadOnlySpan<T> weights, Span<T> dInput, Span<T> dTarget);

    /// <summary>The loss ℓ of one element.</summary>
    public delegate T Element<T>(T input, T target, T option);

    public static T Reduce<T>(Terms<T> terms, ReadOnlySpan<T> input, ReadOnlySpan<T> target, T option, Reduction reduction)
        where T : IFloatingPointIeee754<T>
    {
        LossArguments.Length(target.Length, input.Length, nameof(target));
        using var weights = new PooledSpan<T>(input.Length, LossArguments.Scale<T>(reduction, input.Length));
        return terms(input, target, option, weights.Span);
    }

    public static void Each<T>(Element<T> element, ReadOnlySpan<T> input, ReadOnlySpan<T> target, T option, Span<T> losses)
        where T : IFloatingPointIeee754<T>
    {
        LossArguments.Length(target.Length, input.Length, nameof(target));
        LossArguments.Length(losses.Length, input.Length, nameof(losses));
        for (var i = 0; i < input.Length; i++)
        {
            losses[i] = element(input[i], target[i], option);
        }
    }

    public static T Gradient<T>(TermsGradient<T> gradient, ReadOnlySpan<T> input, ReadOnlySpan<T> target, T option, Reduction reduction, Span<T> dInput, Span<T> dTarget, bool withTarget)
        where T : IFloatingPointIeee754<T>
    {
        LossArguments.Length(target.Length, input.Length, nameof(target));
        using var weights = new PooledSpan<T>(input.Length, LossArguments.Scale<T>(reduction, input.Length));
        return Run(gradient, input, target, option, weights.Span, dInput, dTarget, withTarget);
    }

    public static void Backward<T>(TermsGradient<T> gradient, ReadOnlySpan<T> input, ReadOnlySpan<T> target, T option, ReadOnlySpan<T> gradOutput, Span<T> dInput, Span<T> dTarget, bool withTarget)
        where T : IFloatingPointIeee754<T>
    {
        LossArguments.Length(target.Length, input.Length, nameof(target));
        LossArguments.Length(gradOutput.Length, input.Length, nameof(gradOutput));
        Run(gradient, input, target, option, gradOutput, dInput, dTarget, withTarget);
    }

    private static T Run<T>(TermsGradient<T> gradient, ReadOnlySpan<T> input, ReadOnlySpan<T> target, T option, ReadOnlySpan<T> weights, Span<T> dInput, Span<T> dTarget, bool withTarget)
    {
        LossArguments.Length(dInput.Length, input.Length, nameof(dInput));
        if (withTarget)
        {
            LossArguments.Length(dTarget.Length, input.Length, nameof(dTarget));
            return gradient(input, target, option, weights, dInput, dTarget);
        }

        using var scratch = new PooledSpan<T>(input.Length);
        return gradient(input, target, option, weights, dInput, scratch.Span);
    }
}

/// <summary>
/// Class-index targets of a batch of rows (cross-entropy, NLL): the checked targets (an ignored row reads class 0
/// with weight 0), the weight of each row's target class, and the per-row weights the generated weighted sums take.
/// </summary>
internal ref struct IndexTargets<T>
    where T : IFloatingPointIeee754<T>
{
    private readonly PooledSpan<int> targets;
    private readonly PooledSpan<T> targetWeights;
    private readonly PooledSpan<T> weights;
    private readonly PooledSpan<T> smoothing;
    private readonly PooledSpan<T> classWeights;
    private readonly T labelSmoothing;
    private readonly T divisor;

    public IndexTargets(ReadOnlySpan<T> input, ReadOnlySpan<int> target, ReadOnlySpan<T> weight, int ignoreIndex, T labelSmoothing)
    {
        if (target.Length == 0 || input.Length == 0 || input.Length % target.Length != 0)
        {
            throw new ArgumentException($"{input.Length} inputs do not form {target.Length} rows of logits.", nameof(target));
        }

        if (!(labelSmoothing >= T.Zero && labelSmoothing <= T.One))
        {
            throw new ArgumentOutOfRangeException(nameof(labelSmoothing), labelSmoothing, "labelSmoothing must be between 0 and 1.");
        }

        Classes = input.Length / target.Length;
        if (!weight.IsEmpty && weight.Length != Classes)
        {
            throw new ArgumentException($"Expected one weight per class ({Classes}), got {weight.Length}.", nameof(weight));
        }

        this.labelSmoothing = labelSmoothing;
        targets = new PooledSpan<int>(target.Length);
        targetWeights = new PooledSpan<T>(target.Length);
        weights = new PooledSpan<T>(target.Length);
        smoothing = new PooledSpan<T>(target.Length);
        classWeights = new PooledSpan<T>(Classes, T.One);
        weight.CopyTo(classWeights.Span);
        divisor = T.Zero;
        for (var b = 0; b < target.Length; b++)
        {
            var t = target[b];
            if (t == ignoreIndex)
            {
                targets.Span[b] = 0;
                targetWeights.Span[b] = T.Zero;
                continue;
            }

            if (t < 0 || t >= Classes)
            {
                throw new ArgumentException($"Target {t} is out of bounds (row {b}, {Classes} classes).", nameof(target));
            }

            targets.Span[b] = t;
            targetWeights.Span[b] = classWeights.Span[t];
            divisor += classWeights.Span[t];
        }

        Ignored = ignoreIndex;
        Original = target;
    }

    public int Classes { get; }

    public readonly ReadOnlySpan<int> Targets => targets.Span;

    public readonly ReadOnlySpan<T> Weights => weights.Span;

    public readonly ReadOnlySpan<T> Smoothing => smoothing.Span;

    public readonly ReadOnlySpan<T> ClassWeights => classWeights.Span;

    public readonly bool Smoothed => labelSmoothing != T.Zero;

    private int Ignored { get; }

    private ReadOnlySpan<int> Original { get; }

    /// <summary>The factor of every row for a reduction: 1 / Σ weight[target] over the rows not ignored (mean), or 1 (sum).</summary>
    public readonly T Scale(Reduction reduction) => reduction == Reduction.Mean
        ? T.One / divisor
        : LossArguments.Scale<T>(reduction, Targets.Length);

    /// <summary>
    /// Sets row b's weights to sᵢ·(1 − ε)·weight[target] on its class's term and sᵢ·ε/C on the smoothing term,
    /// where sᵢ is <paramref name="scale"/>, or gradOutput[b] when that is given; 0 for an ignored row.
    /// </summary>
    public readonly void Fill(T scale, ReadOnlySpan<T> gradOutput)
    {
        var keep = T.One - labelSmoothing;
        var uniform = labelSmoothing / T.CreateChecked(Classes);
        for (var b = 0; b < Targets.Length; b++)
        {
            var s = gradOutput.IsEmpty ? scale : gradOutput[b];
            var ignored = Original[b] == Ignored;
            weights.Span[b] = ignored ? T.Zero : s * keep * targetWeights.Span[b];
            smoothing.Span[b] = ignored ? T.Zero : s * uniform;
        }
    }

    /// <summary>
    /// The reduced loss. PyTorch's mean divides by Σ weight[target]; when every row is ignored that is 0/0 = NaN,
    /// while the gradient stays 0 (every row's weight is 0).
    /// </summary>
    public readonly T Result(T total, Reduction reduction) =>
        reduction == Reduction.Mean && divisor == T.Zero ? T.NaN : total;

    public readonly void Dispose()
    {
        targets.Dispose();
        targetWeights.Dispose();
        weights.Dispose();
        smoothing.Dispose();
        classWeights.Dispose();
    }
}
