using System;

namespace SymGrad;

public static partial class Losses
{
    /// <summary>What the cosine embedding loss adds to each squared norm: ATen's EPSILON, the float 1e-12 (9.999999960041972e-13), in double too.</summary>
    private const float CosineEpsilon = 1e-12f;

    /// <summary>The soft margin loss, as torch's <c>soft_margin_loss</c>: ℓᵢ = ln(1 + e^(−yᵢ·xᵢ)) for labels yᵢ = ±1.</summary>
    /// <param name="input">The scores x.</param>
    /// <param name="target">The labels y (1 or −1), one per input.</param>
    /// <param name="reduction">Mean (Σℓᵢ / n) or Sum (Σℓᵢ).</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">The lengths differ, or <paramref name="reduction"/> is <see cref="Reduction.None"/>.</exception>
    public static double SoftMarginLoss(ReadOnlySpan<double> input, ReadOnlySpan<double> target, Reduction reduction = Reduction.Mean)
    {
        using var losses = new PooledSpan<double>(input.Length);
        SoftMarginLoss(input, target, losses.Span);
        return LossRows.Reduce(losses.Span, reduction);
    }

    /// <summary>The soft margin loss of every element (reduction 'none'): ℓᵢ = ln(1 + e^(−yᵢ·xᵢ)).</summary>
    /// <param name="input">The scores x.</param>
    /// <param name="target">The labels y (1 or −1), one per input.</param>
    /// <param name="losses">Receives ℓᵢ, one per input.</param>
    /// <exception cref="ArgumentException">A length differs.</exception>
    public static void SoftMarginLoss(ReadOnlySpan<double> input, ReadOnlySpan<double> target, Span<double> losses)
    {
        LossArguments.Length(target.Length, input.Length, nameof(target));
        LossArguments.Length(losses.Length, input.Length, nameof(losses));
        SoftMarginTerms(input, target, losses);
    }

    /// <summary>The reduced soft margin loss and its gradient: ∂ℓᵢ/∂xᵢ = −yᵢ·σ(−yᵢ·xᵢ), scaled by the reduction.</summary>
    /// <param name="input">The scores x.</param>
    /// <param name="target">The labels y (1 or −1), one per input.</param>
    /// <param name="reduction">Mean or Sum.</param>
    /// <param name="dInput">Receives the gradient with respect to <paramref name="input"/>.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">A length differs, or <paramref name="reduction"/> is <see cref="Reduction.None"/>.</exception>
    public static double SoftMarginLossGradient(ReadOnlySpan<double> input, ReadOnlySpan<double> target, Reduction reduction, Span<double> dInput)
    {
        var loss = SoftMarginLoss(input, target, reduction);
        using var gradOutput = new PooledSpan<double>(input.Length, LossRows.Factor(reduction, input.Length));
        SoftMarginLossBackward(input, target, gradOutput.Span, dInput);
        return loss;
    }

    /// <summary>The vector-Jacobian product of the per-element soft margin losses with <paramref name="gradOutput"/>: dxᵢ = −gᵢ·yᵢ·σ(−yᵢ·xᵢ).</summary>
    /// <param name="input">The scores x.</param>
    /// <param name="target">The labels y (1 or −1), one per input.</param>
    /// <param name="gradOutput">g, the gradient with respect to each ℓᵢ.</param>
    /// <param name="dInput">Receives the gradient with respect to <paramref name="input"/>.</param>
    /// <exception cref="ArgumentException">A length differs.</exception>
    public static void SoftMarginLossBackward(ReadOnlySpan<double> input, ReadOnlySpan<double> target, ReadOnlySpan<double> gradOutput, Span<double> dInput)
    {
        LossArguments.Length(target.Length, input.Length, nameof(target));
        SoftMarginTermsBackward(input, target, gradOutput, dInput);
    }

    /// <summary>
    /// The multi-class margin (hinge) loss, as torch's <c>multi_margin_loss</c>, of N rows of C scores:
    /// ℓᵢ = Σ_{k ≠ yᵢ} w[yᵢ]·max(0, margin − x[i, yᵢ] + x[i, k])ᵖ / C.
    /// </summary>
    /// <param name="input">The scores x, N rows of C classes, row-major.</param>
    /// <param name="target">The class yᵢ of each row, in [0, C).</param>
    /// <param name="p">The power p, 1 or 2.</param>
    /// <param name="margin">The margin.</param>
    /// <param name="weight">One weight per class, or empty for all 1.</param>
    /// <param name="reduction">Mean (Σℓᵢ / N) or Sum (Σℓᵢ).</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">A length differs, or <paramref name="reduction"/> is <see cref="Reduction.None"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A class index is outside [0, C), or <paramref name="p"/> is neither 1 nor 2.</exception>
    public static double MultiMarginLoss(ReadOnlySpan<double> input, ReadOnlySpan<int> target, int p = 1, double margin = 1, ReadOnlySpan<double> weight = default, Reduction reduction = Reduction.Mean)
    {
        using var losses = new PooledSpan<double>(target.Length);
        MultiMarginLoss(input, target, p, margin, weight, losses.Span);
        return LossRows.Reduce(losses.Span, reduction);
    }

    /// <summary>The multi-class margin loss of every row (reduction 'none'): ℓᵢ = Σ_{k ≠ yᵢ} w[yᵢ]·max(0, margin − x[i, yᵢ] + x[i, k])ᵖ / C.</summary>
    /// <param name="input">The scores x, N rows of C classes, row-major.</param>
    /// <param name="target">The class yᵢ of each row, in [0, C).</param>
    /// <param name="p">The power p, 1 or 2.</param>
    /// <param name="margin">The margin.</param>
    /// <param name="weight">One weight per class, or empty for all 1.</param>
    /// <param name="losses">Receives ℓᵢ, one per row.</param>
    /// <exception cref="ArgumentException">A length differs.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A class index is outside [0, C), or <paramref name="p"/> is neither 1 nor 2.</exception>
    public static void MultiMarginLoss(ReadOnlySpan<double> input, ReadOnlySpan<int> target, int p, double margin, ReadOnlySpan<double> weight, Span<double> losses)
    {
        LossArguments.Length(losses.Length, target.Length, nameof(losses));
        using var weights = MultiMarginWeights(input.Length, target, p, weight);
        MultiMarginTerms(input, target, weights.Span, p, margin, losses);
    }

    /// <summary>
    /// The reduced multi-class margin loss and its gradient, scaled by the reduction: where zₖ = margin − x[i, yᵢ] + x[i, k] &gt; 0,
    /// ∂ℓᵢ/∂x[i, k] = w[yᵢ]·p·zₖᵖ⁻¹ / C, and ∂ℓᵢ/∂x[i, yᵢ] is minus their sum (no gradient at zₖ = 0, as PyTorch).
    /// </summary>
    /// <param name="input">The scores x, N rows of C classes, row-major.</param>
    /// <param name="target">The class yᵢ of each row, in [0, C).</param>
    /// <param name="p">The power p, 1 or 2.</param>
    /// <param name="margin">The margin.</param>
    /// <param name="weight">One weight per class, or empty for all 1.</param>
    /// <param name="reduction">Mean or Sum.</param>
    /// <param name="dInput">Receives the gradient with respect to <paramref name="input"/>.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">A length differs, or <paramref name="reduction"/> is <see cref="Reduction.None"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A class index is outside [0, C), or <paramref name="p"/> is neither 1 nor 2.</exception>
    public static double MultiMarginLossGradient(ReadOnlySpan<double> input, ReadOnlySpan<int> target, int p, double margin, ReadOnlySpan<double> weight, Reduction reduction, Span<double> dInput)
    {
        var loss = MultiMarginLoss(input, target, p, margin, weight, reduction);
        using var gradOutput = new PooledSpan<double>(target.Length, LossRows.Factor(reduction, target.Length));
        MultiMarginLossBackward(input, target, p, margin, weight, gradOutput.Span, dInput);
        return loss;
    }

    /// <summary>The vector-Jacobian product of the per-row multi-class margin losses with <paramref name="gradOutput"/> (one g per row).</summary>
    /// <param name="input">The scores x, N rows of C classes, row-major.</param>
    /// <param name="target">The class yᵢ of each row, in [0, C).</param>
    /// <param name="p">The power p, 1 or 2.</param>
    /// <param name="margin">The margin.</param>
    /// <param name="weight">One weight per class, or empty for all 1.</param>
    /// <param name="gradOutput">g, the gradient with respect to each ℓᵢ.</param>
    /// <param name="dInput">Receives the gradient with respect to <paramref name="input"/>.</param>
    /// <exception cref="ArgumentException">A length differs.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A class index is outside [0, C), or <paramref name="p"/> is neither 1 nor 2.</exception>
    public static void MultiMarginLossBackward(ReadOnlySpan<double> input, ReadOnlySpan<int> target, int p, double margin, ReadOnlySpan<double> weight, ReadOnlySpan<double> gradOutput, Span<double> dInput)
    {
        using var weights = MultiMarginWeights(input.Length, target, p, weight);
        MultiMarginTermsBackward(input, target, weights.Span, p, margin, gradOutput, dInput);
    }

    /// <summary>
    /// The multi-label margin loss, as torch's <c>multilabel_margin_loss</c>, of N rows of C scores: with Yᵢ the classes
    /// row i of <paramref name="target"/> lists before its first −1,
    /// ℓᵢ = Σ_{j ∈ Yᵢ} Σ_{k ∉ Yᵢ} max(0, 1 − (x[i, j] − x[i, k])) / C.
    /// </summary>
    /// <param name="input">The scores x, N rows of C classes, row-major.</param>
    /// <param name="target">N rows of C class indices, each row's list ending at its first −1 (or at the row's end).</param>
    /// <param name="classes">C, the length of a row.</param>
    /// <param name="reduction">Mean (Σℓᵢ / N) or Sum (Σℓᵢ).</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">A length differs, or <paramref name="reduction"/> is <see cref="Reduction.None"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A class index is outside [−1, C).</exception>
    public static double MultiLabelMarginLoss(ReadOnlySpan<double> input, ReadOnlySpan<int> target, int classes, Reduction reduction = Reduction.Mean)
    {
        using var losses = new PooledSpan<double>(LossRows.Split(input.Length, classes, nameof(classes)));
        MultiLabelMarginLoss(input, target, classes, losses.Span);
        return LossRows.Reduce(losses.Span, reduction);
    }

    /// <summary>The multi-label margin loss of every row (reduction 'none'): ℓᵢ = Σ_{j ∈ Yᵢ} Σ_{k ∉ Yᵢ} max(0, 1 − (x[i, j] − x[i, k])) / C.</summary>
    /// <param name="input">The scores x, N rows of C classes, row-major.</param>
    /// <param name="target">N rows of C class indices, each row's list ending at its first −1 (or at the row's end).</param>
    /// <param name="classes">C, the length of a row.</param>
    /// <param name="losses">Receives ℓᵢ, one per row.</param>
    /// <exception cref="ArgumentException">A length differs.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A class index is outside [−1, C).</exception>
    public static void MultiLabelMarginLoss(ReadOnlySpan<double> input, ReadOnlySpan<int> target, int classes, Span<double> losses)
    {
        var rows = LossRows.Split(input.Length, classes, nameof(classes));
        LossArguments.Length(losses.Length, rows, nameof(losses));
        using var labels = LossRows.LabelCounts<double>(target, input.Length, classes);
        MultiLabelMarginTerms(input, labels.Span, rows, classes, losses);
    }

    /// <summary>
    /// The reduced multi-label margin loss and its gradient, scaled by the reduction: each term with z = 1 − x[i, j] + x[i, k] &gt; 0
    /// adds 1/C to ∂ℓᵢ/∂x[i, k] and −1/C to ∂ℓᵢ/∂x[i, j] (no gradient at z = 0, as PyTorch).
    /// </summary>
    /// <param name="input">The scores x, N rows of C classes, row-major.</param>
    /// <param name="target">N rows of C class indices, each row's list ending at its first −1 (or at the row's end).</param>
    /// <param name="classes">C, the length of a row.</param>
    /// <param name="reduction">Mean or Sum.</param>
    /// <param name="dInput">Receives the gradient with respect to <paramref name="input"/>.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">A length differs, or <paramref name="reduction"/> is <see cref="Reduction.None"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A class index is outside [−1, C).</exception>
    public static double MultiLabelMarginLossGradient(ReadOnlySpan<double> input, ReadOnlySpan<int> target, int classes, Reduction reduction, Span<double> dInput)
    {
        var loss = MultiLabelMarginLoss(input, target, classes, reduction);
        var rows = input.Length / classes;
        using var gradOutput = new PooledSpan<double>(rows, LossRows.Factor(reduction, rows));
        MultiLabelMarginLossBackward(input, target, classes, gradOutput.Span, dInput);
        return loss;
    }

    /// <summary>The vector-Jacobian product of the per-row multi-label margin losses with <paramref name="gradOutput"/> (one g per row).</summary>
    /// <param name="input">The scores x, N rows of C classes, row-major.</param>
    /// <param name="target">N rows of C class indices, each row's list ending at its first −1 (or at the row's end).</param>
    /// <param name="classes">C, the length of a row.</param>
    /// <param name="gradOutput">g, the gradient with respect to each ℓᵢ.</param>
    /// <param name="dInput">Receives the gradient with respect to <paramref name="input"/>.</param>
    /// <exception cref="ArgumentException">A length differs.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A class index is outside [−1, C).</exception>
    public static void MultiLabelMarginLossBackward(ReadOnlySpan<double> input, ReadOnlySpan<int> target, int classes, ReadOnlySpan<double> gradOutput, Span<double> dInput)
    {
        var rows = LossRows.Split(input.Length, classes, nameof(classes));
        using var labels = LossRows.LabelCounts<double>(target, input.Length, classes);
        MultiLabelMarginTermsBackward(input, labels.Span, rows, classes, gradOutput, dInput);
    }

    /// <summary>
    /// The multi-label soft margin loss, as torch's <c>multilabel_soft_margin_loss</c>, of N rows of C scores:
    /// ℓᵢ = Σₖ wₖ·(t[i, k]·ln(1 + e^−x[i, k]) + (1 − t[i, k])·ln(1 + e^x[i, k])) / C, the mean binary cross-entropy of the row's logits.
    /// </summary>
    /// <param name="input">The scores x, N rows of C classes, row-major.</param>
    /// <param name="target">The labels t ∈ [0, 1], one per input.</param>
    /// <param name="classes">C, the length of a row.</param>
    /// <param name="weight">One weight per class, or empty for all 1.</param>
    /// <param name="reduction">Mean (Σℓᵢ / N) or Sum (Σℓᵢ).</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">A length differs, or <paramref name="reduction"/> is <see cref="Reduction.None"/>.</exception>
    public static double MultiLabelSoftMarginLoss(ReadOnlySpan<double> input, ReadOnlySpan<double> target, int classes, ReadOnlySpan<double> weight = default, Reduction reduction = Reduction.Mean)
    {
        using var losses = new PooledSpan<double>(LossRows.Split(input.Length, classes, nameof(classes)));
        MultiLabelSoftMarginLoss(input, target, classes, weight, losses.Span);
        return LossRows.Reduce(losses.Span, reduction);
    }

    /// <summary>The multi-label soft margin loss of every row (reduction 'none'): ℓᵢ = Σₖ wₖ·(t·ln(1 + e^−x) + (1 − t)·ln(1 + e^x)) / C.</summary>
    /// <param name="input">The scores x, N rows of C classes, row-major.</param>
    /// <param name="target">The labels t ∈ [0, 1], one per input.</param>
    /// <param name="classes">C, the length of a row.</param>
    /// <param name="weight">One weight per class, or empty for all 1.</param>
    /// <param name="losses">Receives ℓᵢ, one per row.</param>
    /// <exception cref="ArgumentException">A length differs.</exception>
    public static void MultiLabelSoftMarginLoss(ReadOnlySpan<double> input, ReadOnlySpan<double> target, int classes, ReadOnlySpan<double> weight, Span<double> losses)
    {
        var rows = LossRows.Split(input.Length, classes, nameof(classes));
        LossArguments.Length(losses.Length, rows, nameof(losses));
        LossArguments.Length(target.Length, input.Length, nameof(target));
        using var weights = LossRows.Weights(weight, classes);
        MultiLabelSoftMarginTerms(input, target, weights.Span, rows, losses);
    }

    /// <summary>The reduced multi-label soft margin loss and its gradient: ∂ℓᵢ/∂x[i, k] = wₖ·(σ(x[i, k]) − t[i, k]) / C, scaled by the reduction.</summary>
    /// <param name="input">The scores x, N rows of C classes, row-major.</param>
    /// <param name="target">The labels t ∈ [0, 1], one per input.</param>
    /// <param name="classes">C, the length of a row.</param>
    /// <param name="weight">One weight per class, or empty for all 1.</param>
    /// <param name="reduction">Mean or Sum.</param>
    /// <param name="dInput">Receives the gradient with respect to <paramref name="input"/>.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">A length differs, or <paramref name="reduction"/> is <see cref="Reduction.None"/>.</exception>
    public static double MultiLabelSoftMarginLossGradient(ReadOnlySpan<double> input, ReadOnlySpan<double> target, int classes, ReadOnlySpan<double> weight, Reduction reduction, Span<double> dInput)
    {
        var loss = MultiLabelSoftMarginLoss(input, target, classes, weight, reduction);
        var rows = input.Length / classes;
        using var gradOutput = new PooledSpan<double>(rows, LossRows.Factor(reduction, rows));
        MultiLabelSoftMarginLossBackward(input, target, classes, weight, gradOutput.Span, dInput);
        return loss;
    }

    /// <summary>The vector-Jacobian product of the per-row multi-label soft margin losses with <paramref name="gradOutput"/>: dx[i, k] = gᵢ·wₖ·(σ(x[i, k]) − t[i, k]) / C.</summary>
    /// <param name="input">The scores x, N rows of C classes, row-major.</param>
    /// <param name="target">The labels t ∈ [0, 1], one per input.</param>
    /// <param name="classes">C, the length of a row.</param>
    /// <param name="weight">One weight per class, or empty for all 1.</param>
    /// <param name="gradOutput">g, the gradient with respect to each ℓᵢ.</param>
    /// <param name="dInput">Receives the gradient with respect to <paramref name="input"/>.</param>
    /// <exception cref="ArgumentException">A length differs.</exception>
    public static void MultiLabelSoftMarginLossBackward(ReadOnlySpan<double> input, ReadOnlySpan<double> target, int classes, ReadOnlySpan<double> weight, ReadOnlySpan<double> gradOutput, Span<double> dInput)
    {
        var rows = LossRows.Split(input.Length, classes, nameof(classes));
        LossArguments.Length(target.Length, input.Length, nameof(target));
        using var weights = LossRows.Weights(weight, classes);
        MultiLabelSoftMarginTermsBackward(input, target, weights.Span, rows, gradOutput, dInput);
    }

    /// <summary>
    /// The hinge embedding loss, as torch's <c>hinge_embedding_loss</c>: ℓᵢ = xᵢ where yᵢ = 1 and max(0, margin − xᵢ) where yᵢ = −1.
    /// At margin − xᵢ = 0 the gradient is PyTorch's, −1 (its clamp passes the gradient at the bound).
    /// </summary>
    /// <param name="input">The distances (or dissimilarities) x.</param>
    /// <param name="target">The labels y (1 or −1), one per input.</param>
    /// <param name="margin">The margin.</param>
    /// <param name="reduction">Mean (Σℓᵢ / n) or Sum (Σℓᵢ).</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">The lengths differ, or <paramref name="reduction"/> is <see cref="Reduction.None"/>.</exception>
    public static double HingeEmbeddingLoss(ReadOnlySpan<double> input, ReadOnlySpan<double> target, double margin = 1, Reduction reduction = Reduction.Mean)
    {
        using var losses = new PooledSpan<double>(input.Length);
        HingeEmbeddingLoss(input, target, margin, losses.Span);
        return LossRows.Reduce(losses.Span, reduction);
    }

    /// <summary>The hinge embedding loss of every element (reduction 'none'): ℓᵢ = xᵢ (yᵢ = 1) or max(0, margin − xᵢ) (yᵢ = −1).</summary>
    /// <param name="input">The distances (or dissimilarities) x.</param>
    /// <param name="target">The labels y (1 or −1), one per input.</param>
    /// <param name="margin">The margin.</param>
    /// <param name="losses">Receives ℓᵢ, one per input.</param>
    /// <exception cref="ArgumentException">A length differs.</exception>
    public static void HingeEmbeddingLoss(ReadOnlySpan<double> input, ReadOnlySpan<double> target, double margin, Span<double> losses)
    {
        LossArguments.Length(target.Length, input.Length, nameof(target));
        LossArguments.Length(losses.Length, input.Length, nameof(losses));
        HingeEmbeddingTerms(input, target, margin, losses);
    }

    /// <summary>The reduced hinge embedding loss and its gradient: ∂ℓᵢ/∂xᵢ = 1 (yᵢ = 1), −1 where margin − xᵢ ≥ 0 (yᵢ = −1), else 0; scaled by the reduction.</summary>
    /// <param name="input">The distances (or dissimilarities) x.</param>
    /// <param name="target">The labels y (1 or −1), one per input.</param>
    /// <param name="margin">The margin.</param>
    /// <param name="reduction">Mean or Sum.</param>
    /// <param name="dInput">Receives the gradient with respect to <paramref name="input"/>.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">A length differs, or <paramref name="reduction"/> is <see cref="Reduction.None"/>.</exception>
    public static double HingeEmbeddingLossGradient(ReadOnlySpan<double> input, ReadOnlySpan<double> target, double margin, Reduction reduction, Span<double> dInput)
    {
        var loss = HingeEmbeddingLoss(input, target, margin, reduction);
        using var gradOutput = new PooledSpan<double>(input.Length, LossRows.Factor(reduction, input.Length));
        HingeEmbeddingLossBackward(input, target, margin, gradOutput.Span, dInput);
        return loss;
    }

    /// <summary>The vector-Jacobian product of the per-element hinge embedding losses with <paramref name="gradOutput"/>.</summary>
    /// <param name="input">The distances (or dissimilarities) x.</param>
    /// <param name="target">The labels y (1 or −1), one per input.</param>
    /// <param name="margin">The margin.</param>
    /// <param name="gradOutput">g, the gradient with respect to each ℓᵢ.</param>
    /// <param name="dInput">Receives the gradient with respect to <paramref name="input"/>.</param>
    /// <exception cref="ArgumentException">A length differs.</exception>
    public static void HingeEmbeddingLossBackward(ReadOnlySpan<double> input, ReadOnlySpan<double> target, double margin, ReadOnlySpan<double> gradOutput, Span<double> dInput)
    {
        LossArguments.Length(target.Length, input.Length, nameof(target));
        HingeEmbeddingTermsBackward(input, target, margin, gradOutput, dInput);
    }

    /// <summary>
    /// The margin ranking loss, as torch's <c>margin_ranking_loss</c>: ℓᵢ = max(0, −yᵢ·(x₁ᵢ − x₂ᵢ) + margin).
    /// At the bound the gradient is PyTorch's (its clamp passes the gradient there).
    /// </summary>
    /// <param name="input1">The first scores x₁.</param>
    /// <param name="input2">The second scores x₂, one per first score.</param>
    /// <param name="target">y = 1 where x₁ should rank higher, −1 where x₂ should.</param>
    /// <param name="margin">The margin.</param>
    /// <param name="reduction">Mean (Σℓᵢ / n) or Sum (Σℓᵢ).</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">The lengths differ, or <paramref name="reduction"/> is <see cref="Reduction.None"/>.</exception>
    public static double MarginRankingLoss(ReadOnlySpan<double> input1, ReadOnlySpan<double> input2, ReadOnlySpan<double> target, double margin = 0, Reduction reduction = Reduction.Mean)
    {
        using var losses = new PooledSpan<double>(input1.Length);
        MarginRankingLoss(input1, input2, target, margin, losses.Span);
        return LossRows.Reduce(losses.Span, reduction);
    }

    /// <summary>The margin ranking loss of every element (reduction 'none'): ℓᵢ = max(0, −yᵢ·(x₁ᵢ − x₂ᵢ) + margin).</summary>
    /// <param name="input1">The first scores x₁.</param>
    /// <param name="input2">The second scores x₂, one per first score.</param>
    /// <param name="target">y = 1 where x₁ should rank higher, −1 where x₂ should.</param>
    /// <param name="margin">The margin.</param>
    /// <param name="losses">Receives ℓᵢ, one per element.</param>
    /// <exception cref="ArgumentException">A length differs.</exception>
    public static void MarginRankingLoss(ReadOnlySpan<double> input1, ReadOnlySpan<double> input2, ReadOnlySpan<double> target, double margin, Span<double> losses)
    {
        LossArguments.Length(input2.Length, input1.Length, nameof(input2));
        LossArguments.Length(target.Length, input1.Length, nameof(target));
        LossArguments.Length(losses.Length, input1.Length, nameof(losses));
        MarginRankingTerms(input1, input2, target, margin, losses);
    }

    /// <summary>The reduced margin ranking loss and its gradients: where −yᵢ·(x₁ᵢ − x₂ᵢ) + margin ≥ 0, ∂ℓᵢ/∂x₁ᵢ = −yᵢ and ∂ℓᵢ/∂x₂ᵢ = yᵢ; scaled by the reduction.</summary>
    /// <param name="input1">The first scores x₁.</param>
    /// <param name="input2">The second scores x₂, one per first score.</param>
    /// <param name="target">y = 1 where x₁ should rank higher, −1 where x₂ should.</param>
    /// <param name="margin">The margin.</param>
    /// <param name="reduction">Mean or Sum.</param>
    /// <param name="dInput1">Receives the gradient with respect to <paramref name="input1"/>.</param>
    /// <param name="dInput2">Receives the gradient with respect to <paramref name="input2"/>.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">A length differs, or <paramref name="reduction"/> is <see cref="Reduction.None"/>.</exception>
    public static double MarginRankingLossGradient(ReadOnlySpan<double> input1, ReadOnlySpan<double> input2, ReadOnlySpan<double> target, double margin, Reduction reduction, Span<double> dInput1, Span<double> dInput2)
    {
        var loss = MarginRankingLoss(input1, input2, target, margin, reduction);
        using var gradOutput = new PooledSpan<double>(input1.Length, LossRows.Factor(reduction, input1.Length));
        MarginRankingLossBackward(input1, input2, target, margin, gradOutput.Span, dInput1, dInput2);
        return loss;
    }

    /// <summary>The vector-Jacobian product of the per-element margin ranking losses with <paramref name="gradOutput"/>.</summary>
    /// <param name="input1">The first scores x₁.</param>
    /// <param name="input2">The second scores x₂, one per first score.</param>
    /// <param name="target">y = 1 where x₁ should rank higher, −1 where x₂ should.</param>
    /// <param name="margin">The margin.</param>
    /// <param name="gradOutput">g, the gradient with respect to each ℓᵢ.</param>
    /// <param name="dInput1">Receives the gradient with respect to <paramref name="input1"/>.</param>
    /// <param name="dInput2">Receives the gradient with respect to <paramref name="input2"/>.</param>
    /// <exception cref="ArgumentException">A length differs.</exception>
    public static void MarginRankingLossBackward(ReadOnlySpan<double> input1, ReadOnlySpan<double> input2, ReadOnlySpan<double> target, double margin, ReadOnlySpan<double> gradOutput, Span<double> dInput1, Span<double> dInput2)
    {
        LossArguments.Length(input2.Length, input1.Length, nameof(input2));
        LossArguments.Length(target.Length, input1.Length, nameof(target));
        MarginRankingTermsBackward(input1, input2, target, margin, gradOutput, dInput1, dInput2);
    }

    /// <summary>
    /// The cosine embedding loss, as torch's <c>cosine_embedding_loss</c>: with cos = ⟨u, v⟩ / √((‖u‖² + ε)·(‖v‖² + ε)) per row (ε the float 10⁻¹², as ATen, also in double),
    /// ℓᵢ = 1 − cos where yᵢ = 1 and max(0, cos − margin) where yᵢ = −1.
    /// </summary>
    /// <param name="input1">The first embeddings u, N rows of D, row-major.</param>
    /// <param name="input2">The second embeddings v, N rows of D.</param>
    /// <param name="target">y = 1 for a pair that should be similar, −1 for one that should not, one per row.</param>
    /// <param name="margin">The margin.</param>
    /// <param name="reduction">Mean (Σℓᵢ / N) or Sum (Σℓᵢ).</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">A length differs, or <paramref name="reduction"/> is <see cref="Reduction.None"/>.</exception>
    public static double CosineEmbeddingLoss(ReadOnlySpan<double> input1, ReadOnlySpan<double> input2, ReadOnlySpan<double> target, double margin = 0, Reduction reduction = Reduction.Mean)
    {
        using var losses = new PooledSpan<double>(target.Length);
        CosineEmbeddingLoss(input1, input2, target, margin, losses.Span);
        return LossRows.Reduce(losses.Span, reduction);
    }

    /// <summary>The cosine embedding loss of every row (reduction 'none'): ℓᵢ = 1 − cos (yᵢ = 1) or max(0, cos − margin) (yᵢ = −1).</summary>
    /// <param name="input1">The first embeddings u, N rows of D, row-major.</param>
    /// <param name="input2">The second embeddings v, N rows of D.</param>
    /// <param name="target">y = 1 for a pair that should be similar, −1 for one that should not, one per row.</param>
    /// <param name="margin">The margin.</param>
    /// <param name="losses">Receives ℓᵢ, one per row.</param>
    /// <exception cref="ArgumentException">A length differs.</exception>
    public static void CosineEmbeddingLoss(ReadOnlySpan<double> input1, ReadOnlySpan<double> input2, ReadOnlySpan<double> target, double margin, Span<double> losses)
    {
        var features = CosineEmbeddingFeatures(input1.Length, input2.Length, target.Length);
        LossArguments.Length(losses.Length, target.Length, nameof(losses));
        CosineEmbeddingTerms(input1, input2, target, features, margin, losses);
    }

    /// <summary>The reduced cosine embedding loss and its gradients with respect to both embeddings, scaled by the reduction.</summary>
    /// <param name="input1">The first embeddings u, N rows of D, row-major.</param>
    /// <param name="input2">The second embeddings v, N rows of D.</param>
    /// <param name="target">y = 1 for a pair that should be similar, −1 for one that should not, one per row.</param>
    /// <param name="margin">The margin.</param>
    /// <param name="reduction">Mean or Sum.</param>
    /// <param name="dInput1">Receives the gradient with respect to <paramref name="input1"/>.</param>
    /// <param name="dInput2">Receives the gradient with respect to <paramref name="input2"/>.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">A length differs, or <paramref name="reduction"/> is <see cref="Reduction.None"/>.</exception>
    public static double CosineEmbeddingLossGradient(ReadOnlySpan<double> input1, ReadOnlySpan<double> input2, ReadOnlySpan<double> target, double margin, Reduction reduction, Span<double> dInput1, Span<double> dInput2)
    {
        var loss = CosineEmbeddingLoss(input1, input2, target, margin, reduction);
        using var gradOutput = new PooledSpan<double>(target.Length, LossRows.Factor(reduction, target.Length));
        CosineEmbeddingLossBackward(input1, input2, target, margin, gradOutput.Span, dInput1, dInput2);
        return loss;
    }

    /// <summary>The vector-Jacobian product of the per-row cosine embedding losses with <paramref name="gradOutput"/> (one g per row).</summary>
    /// <param name="input1">The first embeddings u, N rows of D, row-major.</param>
    /// <param name="input2">The second embeddings v, N rows of D.</param>
    /// <param name="target">y = 1 for a pair that should be similar, −1 for one that should not, one per row.</param>
    /// <param name="margin">The margin.</param>
    /// <param name="gradOutput">g, the gradient with respect to each ℓᵢ.</param>
    /// <param name="dInput1">Receives the gradient with respect to <paramref name="input1"/>.</param>
    /// <param name="dInput2">Receives the gradient with respect to <paramref name="input2"/>.</param>
    /// <exception cref="ArgumentException">A length differs.</exception>
    public static void CosineEmbeddingLossBackward(ReadOnlySpan<double> input1, ReadOnlySpan<double> input2, ReadOnlySpan<double> target, double margin, ReadOnlySpan<double> gradOutput, Span<double> dInput1, Span<double> dInput2)
    {
        var features = CosineEmbeddingFeatures(input1.Length, input2.Length, target.Length);
        CosineEmbeddingTermsBackward(input1, input2, target, features, margin, gradOutput, dInput1, dInput2);
    }

    /// <summary>
    /// The triplet margin loss, as torch's <c>triplet_margin_loss</c>: with d(u, v) = ‖u − v + ε‖ₚ per row,
    /// ℓᵢ = max(0, margin + d(aᵢ, pᵢ) − d(aᵢ, nᵢ)), where <paramref name="swap"/> uses min(d(aᵢ, nᵢ), d(pᵢ, nᵢ)) for d(aᵢ, nᵢ).
    /// </summary>
    /// <param name="anchor">The anchors a, <paramref name="batchSize"/> rows of D, row-major.</param>
    /// <param name="positive">The positive examples p, like the anchors.</param>
    /// <param name="negative">The negative examples n, like the anchors.</param>
    /// <param name="batchSize">N, the number of rows.</param>
    /// <param name="margin">The margin.</param>
    /// <param name="p">The order of the norm.</param>
    /// <param name="eps">ε, added to every difference.</param>
    /// <param name="swap">Whether to use the distance of p to n where it is smaller than that of a to n (the distance swap).</param>
    /// <param name="reduction">Mean (Σℓᵢ / N) or Sum (Σℓᵢ).</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">A length differs, or <paramref name="reduction"/> is <see cref="Reduction.None"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> is not positive or does not divide the anchors into rows.</exception>
    public static double TripletMarginLoss(ReadOnlySpan<double> anchor, ReadOnlySpan<double> positive, ReadOnlySpan<double> negative, int batchSize, double margin = 1, double p = 2, double eps = 1e-6, bool swap = false, Reduction reduction = Reduction.Mean)
    {
        LossRows.Rows(anchor.Length, batchSize, nameof(batchSize));
        using var losses = new PooledSpan<double>(batchSize);
        TripletMarginLoss(anchor, positive, negative, batchSize, margin, p, eps, swap, losses.Span);
        return LossRows.Reduce(losses.Span, reduction);
    }

    /// <summary>The triplet margin loss of every row (reduction 'none'): ℓᵢ = max(0, margin + d(aᵢ, pᵢ) − d(aᵢ, nᵢ)).</summary>
    /// <param name="anchor">The anchors a, <paramref name="batchSize"/> rows of D, row-major.</param>
    /// <param name="positive">The positive examples p, like the anchors.</param>
    /// <param name="negative">The negative examples n, like the anchors.</param>
    /// <param name="batchSize">N, the number of rows.</param>
    /// <param name="margin">The margin.</param>
    /// <param name="p">The order of the norm.</param>
    /// <param name="eps">ε, added to every difference.</param>
    /// <param name="swap">Whether to use the distance of p to n where it is smaller than that of a to n (the distance swap).</param>
    /// <param name="losses">Receives ℓᵢ, one per row.</param>
    /// <exception cref="ArgumentException">A length differs.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> is not positive or does not divide the anchors into rows.</exception>
    public static void TripletMarginLoss(ReadOnlySpan<double> anchor, ReadOnlySpan<double> positive, ReadOnlySpan<double> negative, int batchSize, double margin, double p, double eps, bool swap, Span<double> losses)
    {
        var features = TripletFeatures(anchor.Length, positive.Length, negative.Length, batchSize);
        LossArguments.Length(losses.Length, batchSize, nameof(losses));
        TripletMarginTerms(anchor, positive, negative, batchSize, features, margin, p, eps, swap ? 1 : 0, losses);
    }

    /// <summary>
    /// The reduced triplet margin loss and its gradients with respect to the anchors, positives and negatives, scaled by the reduction;
    /// at the bound margin + d(a, p) − d(a, n) = 0 the gradient is PyTorch's (its clamp passes the gradient there).
    /// </summary>
    /// <param name="anchor">The anchors a, <paramref name="batchSize"/> rows of D, row-major.</param>
    /// <param name="positive">The positive examples p, like the anchors.</param>
    /// <param name="negative">The negative examples n, like the anchors.</param>
    /// <param name="batchSize">N, the number of rows.</param>
    /// <param name="margin">The margin.</param>
    /// <param name="p">The order of the norm.</param>
    /// <param name="eps">ε, added to every difference.</param>
    /// <param name="swap">Whether to use the distance of p to n where it is smaller than that of a to n (the distance swap).</param>
    /// <param name="reduction">Mean or Sum.</param>
    /// <param name="dAnchor">Receives the gradient with respect to <paramref name="anchor"/>.</param>
    /// <param name="dPositive">Receives the gradient with respect to <paramref name="positive"/>.</param>
    /// <param name="dNegative">Receives the gradient with respect to <paramref name="negative"/>.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">A length differs, or <paramref name="reduction"/> is <see cref="Reduction.None"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> is not positive or does not divide the anchors into rows.</exception>
    public static double TripletMarginLossGradient(ReadOnlySpan<double> anchor, ReadOnlySpan<double> positive, ReadOnlySpan<double> negative, int batchSize, double margin, double p, double eps, bool swap, Reduction reduction, Span<double> dAnchor, Span<double> dPositive, Span<double> dNegative)
    {
        var loss = TripletMarginLoss(anchor, positive, negative, batchSize, margin, p, eps, swap, reduction);
        using var gradOutput = new PooledSpan<double>(batchSize, LossRows.Factor(reduction, batchSize));
        TripletMarginLossBackward(anchor, positive, negative, batchSize, margin, p, eps, swap, gradOutput.Span, dAnchor, dPositive, dNegative);
        return loss;
    }

    /// <summary>The vector-Jacobian product of the per-row triplet margin losses with <paramref name="gradOutput"/> (one g per row).</summary>
    /// <param name="anchor">The anchors a, <paramref name="batchSize"/> rows of D, row-major.</param>
    /// <param name="positive">The positive examples p, like the anchors.</param>
    /// <param name="negative">The negative examples n, like the anchors.</param>
    /// <param name="batchSize">N, the number of rows.</param>
    /// <param name="margin">The margin.</param>
    /// <param name="p">The order of the norm.</param>
    /// <param name="eps">ε, added to every difference.</param>
    /// <param name="swap">Whether to use the distance of p to n where it is smaller than that of a to n (the distance swap).</param>
    /// <param name="gradOutput">g, the gradient with respect to each ℓᵢ.</param>
    /// <param name="dAnchor">Receives the gradient with respect to <paramref name="anchor"/>.</param>
    /// <param name="dPositive">Receives the gradient with respect to <paramref name="positive"/>.</param>
    /// <param name="dNegative">Receives the gradient with respect to <paramref name="negative"/>.</param>
    /// <exception cref="ArgumentException">A length differs.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> is not positive or does not divide the anchors into rows.</exception>
    public static void TripletMarginLossBackward(ReadOnlySpan<double> anchor, ReadOnlySpan<double> positive, ReadOnlySpan<double> negative, int batchSize, double margin, double p, double eps, bool swap, ReadOnlySpan<double> gradOutput, Span<double> dAnchor, Span<double> dPositive, Span<double> dNegative)
    {
        var features = TripletFeatures(anchor.Length, positive.Length, negative.Length, batchSize);
        TripletMarginTermsBackward(anchor, positive, negative, batchSize, features, margin, p, eps, swap ? 1 : 0, gradOutput, dAnchor, dPositive, dNegative);
    }

    [Differentiable]
    private static void SoftMarginTerms(ReadOnlySpan<double> input, [NoDerivative] ReadOnlySpan<double> target, Span<double> losses)
    {
        for (int i = 0; i < input.Length; i++)
        {
            losses[i] = Math.Log(1 + Math.Exp(-target[i] * input[i]));
        }
    }

    [Differentiable]
    private static void MultiMarginTerms(ReadOnlySpan<double> input, ReadOnlySpan<int> target, [NoDerivative] ReadOnlySpan<double> weight, int p, [NoDerivative] double margin, Span<double> losses)
    {
        int classes = weight.Length;
        for (int i = 0; i < target.Length; i++)
        {
            double sum = 0;
            for (int k = 0; k < classes; k++)
            {
                double z = margin - input[i * classes + target[i]] + input[i * classes + k];
                if (k != target[i] && z > 0)
                {
                    sum += weight[target[i]] * (p == 1 ? z : z * z);
                }
            }

            losses[i] = sum / classes;
        }
    }

    [Differentiable]
    private static void MultiLabelMarginTerms(ReadOnlySpan<double> input, [NoDerivative] ReadOnlySpan<double> labelCount, int rows, int classes, Span<double> losses)
    {
        for (int i = 0; i < rows; i++)
        {
            double sum = 0;
            for (int j = 0; j < classes; j++)
            {
                for (int k = 0; k < classes; k++)
                {
                    double z = 1 - input[i * classes + j] + input[i * classes + k];
                    if (labelCount[i * classes + j] > 0 && labelCount[i * classes + k] == 0 && z > 0)
                    {
                        sum += labelCount[i * classes + j] * z;
                    }
                }
            }

            losses[i] = sum / classes;
        }
    }

    [Differentiable]
    private static void MultiLabelSoftMarginTerms(ReadOnlySpan<double> input, [NoDerivative] ReadOnlySpan<double> target, [NoDerivative] ReadOnlySpan<double> weight, int rows, Span<double> losses)
    {
        int classes = weight.Length;
        for (int i = 0; i < rows; i++)
        {
            double sum = 0;
            for (int k = 0; k < classes; k++)
            {
                double x = input[i * classes + k];
                double t = target[i * classes + k];
                sum += weight[k] * (t * Math.Log(1 + Math.Exp(-x)) + (1 - t) * Math.Log(1 + Math.Exp(x)));
            }

            losses[i] = sum / classes;
        }
    }

    [Differentiable]
    private static void HingeEmbeddingTerms(ReadOnlySpan<double> input, [NoDerivative] ReadOnlySpan<double> target, [NoDerivative] double margin, Span<double> losses)
    {
        for (int i = 0; i < input.Length; i++)
        {
            double gap = margin - input[i];
            double y = target[i];
            losses[i] = (y != 1 && gap >= 0 ? gap : 0) + (y != -1 ? input[i] : 0);
        }
    }

    [Differentiable]
    private static void MarginRankingTerms(ReadOnlySpan<double> input1, ReadOnlySpan<double> input2, [NoDerivative] ReadOnlySpan<double> target, [NoDerivative] double margin, Span<double> losses)
    {
        for (int i = 0; i < input1.Length; i++)
        {
            double z = margin - target[i] * (input1[i] - input2[i]);
            losses[i] = z >= 0 ? z : 0;
        }
    }

    [Differentiable]
    private static void CosineEmbeddingTerms(ReadOnlySpan<double> input1, ReadOnlySpan<double> input2, [NoDerivative] ReadOnlySpan<double> target, int features, [NoDerivative] double margin, Span<double> losses)
    {
        for (int i = 0; i < target.Length; i++)
        {
            double dot = 0;
            double square1 = 0;
            double square2 = 0;
            for (int j = 0; j < features; j++)
            {
                double u = input1[i * features + j];
                double v = input2[i * features + j];
                dot += u * v;
                square1 += u * u;
                square2 += v * v;
            }

            double cos = dot / Math.Sqrt((square1 + CosineEpsilon) * (square2 + CosineEpsilon));
            double y = target[i];
            losses[i] = y == 1 ? 1 - cos : y == -1 && cos - margin >= 0 ? cos - margin : 0;
        }
    }

    [Differentiable]
    private static void TripletMarginTerms(ReadOnlySpan<double> anchor, ReadOnlySpan<double> positive, ReadOnlySpan<double> negative, int rows, int features, [NoDerivative] double margin, [NoDerivative] double p, [NoDerivative] double eps, int swap, Span<double> losses)
    {
        for (int i = 0; i < rows; i++)
        {
            double anchorPositive = 0;
            double anchorNegative = 0;
            double positiveNegative = 0;
            for (int j = 0; j < features; j++)
            {
                double a = anchor[i * features + j];
                double b = positive[i * features + j];
                double c = negative[i * features + j];
                anchorPositive += Math.Pow(Math.Abs(a - b + eps), p);
                anchorNegative += Math.Pow(Math.Abs(a - c + eps), p);
                positiveNegative += Math.Pow(Math.Abs(b - c + eps), p);
            }

            double toNegative = Math.Pow(anchorNegative, 1 / p);
            double closest = swap != 0 ? Math.Min(toNegative, Math.Pow(positiveNegative, 1 / p)) : toNegative;
            double z = margin + Math.Pow(anchorPositive, 1 / p) - closest;
            losses[i] = z >= 0 ? z : 0;
        }
    }

    private static PooledSpan<double> MultiMarginWeights(int length, ReadOnlySpan<int> target, int p, ReadOnlySpan<double> weight)
    {
        if (p is not (1 or 2))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "Only p = 1 and p = 2 are supported.");
        }

        var classes = LossRows.Split(length, target.Length, nameof(target));
        LossRows.Classes(target, classes, nameof(target));
        return LossRows.Weights(weight, classes);
    }

    private static int CosineEmbeddingFeatures(int length1, int length2, int rows)
    {
        LossArguments.Length(length2, length1, "input2");
        return LossRows.Split(length1, rows, "target");
    }

    private static int TripletFeatures(int anchors, int positives, int negatives, int rows)
    {
        LossRows.Rows(anchors, rows, "batchSize");
        LossArguments.Length(positives, anchors, "positive");
        LossArguments.Length(negatives, anchors, "negative");
        return anchors / rows;
    }

    /// <inheritdoc cref="SoftMarginLoss(ReadOnlySpan{double}, ReadOnlySpan{double}, Reduction)"/>
    public static float SoftMarginLoss(ReadOnlySpan<float> input, ReadOnlySpan<float> target, Reduction reduction = Reduction.Mean)
    {
        using var losses = new PooledSpan<float>(input.Length);
        SoftMarginLoss(input, target, losses.Span);
        return LossRows.Reduce(losses.Span, reduction);
    }

    /// <inheritdoc cref="SoftMarginLoss(ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double})"/>
    public static void SoftMarginLoss(ReadOnlySpan<float> input, ReadOnlySpan<float> target, Span<float> losses)
    {
        LossArguments.Length(target.Length, input.Length, nameof(target));
        LossArguments.Length(losses.Length, input.Length, nameof(losses));
        SoftMarginTerms(input, target, losses);
    }

    /// <inheritdoc cref="SoftMarginLossGradient(ReadOnlySpan{double}, ReadOnlySpan{double}, Reduction, Span{double})"/>
    public static float SoftMarginLossGradient(ReadOnlySpan<float> input, ReadOnlySpan<float> target, Reduction reduction, Span<float> dInput)
    {
        var loss = SoftMarginLoss(input, target, reduction);
        using var gradOutput = new PooledSpan<float>(input.Length, (float)LossRows.Factor(reduction, input.Length));
        SoftMarginLossBackward(input, target, gradOutput.Span, dInput);
        return loss;
    }

    /// <inheritdoc cref="SoftMarginLossBackward(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double})"/>
    public static void SoftMarginLossBackward(ReadOnlySpan<float> input, ReadOnlySpan<float> target, ReadOnlySpan<float> gradOutput, Span<float> dInput)
    {
        LossArguments.Length(target.Length, input.Length, nameof(target));
        SoftMarginTermsBackward(input, target, gradOutput, dInput);
    }

    /// <inheritdoc cref="MultiMarginLoss(ReadOnlySpan{double}, ReadOnlySpan{int}, int, double, ReadOnlySpan{double}, Reduction)"/>
    public static float MultiMarginLoss(ReadOnlySpan<float> input, ReadOnlySpan<int> target, int p = 1, float margin = 1, ReadOnlySpan<float> weight = default, Reduction reduction = Reduction.Mean)
    {
        using var losses = new PooledSpan<float>(target.Length);
        MultiMarginLoss(input, target, p, margin, weight, losses.Span);
        return LossRows.Reduce(losses.Span, reduction);
    }

    /// <inheritdoc cref="MultiMarginLoss(ReadOnlySpan{double}, ReadOnlySpan{int}, int, double, ReadOnlySpan{double}, Span{double})"/>
    public static void MultiMarginLoss(ReadOnlySpan<float> input, ReadOnlySpan<int> target, int p, float margin, ReadOnlySpan<float> weight, Span<float> losses)
    {
        LossArguments.Length(losses.Length, target.Length, nameof(losses));
        using var weights = MultiMarginWeights(input.Length, target, p, weight);
        MultiMarginTerms(input, target, weights.Span, p, margin, losses);
    }

    /// <inheritdoc cref="MultiMarginLossGradient(ReadOnlySpan{double}, ReadOnlySpan{int}, int, double, ReadOnlySpan{double}, Reduction, Span{double})"/>
    public static float MultiMarginLossGradient(ReadOnlySpan<float> input, ReadOnlySpan<int> target, int p, float margin, ReadOnlySpan<float> weight, Reduction reduction, Span<float> dInput)
    {
        var loss = MultiMarginLoss(input, target, p, margin, weight, reduction);
        using var gradOutput = new PooledSpan<float>(target.Length, (float)LossRows.Factor(reduction, target.Length));
        MultiMarginLossBackward(input, target, p, margin, weight, gradOutput.Span, dInput);
        return loss;
    }

    /// <inheritdoc cref="MultiMarginLossBackward(ReadOnlySpan{double}, ReadOnlySpan{int}, int, double, ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double})"/>
    public static void MultiMarginLossBackward(ReadOnlySpan<float> input, ReadOnlySpan<int> target, int p, float margin, ReadOnlySpan<float> weight, ReadOnlySpan<float> gradOutput, Span<float> dInput)
    {
        using var weights = MultiMarginWeights(input.Length, target, p, weight);
        MultiMarginTermsBackward(input, target, weights.Span, p, margin, gradOutput, dInput);
    }

    /// <inheritdoc cref="MultiLabelMarginLoss(ReadOnlySpan{double}, ReadOnlySpan{int}, int, Reduction)"/>
    public static float MultiLabelMarginLoss(ReadOnlySpan<float> input, ReadOnlySpan<int> target, int classes, Reduction reduction = Reduction.Mean)
    {
        using var losses = new PooledSpan<float>(LossRows.Split(input.Length, classes, nameof(classes)));
        MultiLabelMarginLoss(input, target, classes, losses.Span);
        return LossRows.Reduce(losses.Span, reduction);
    }

    /// <inheritdoc cref="MultiLabelMarginLoss(ReadOnlySpan{double}, ReadOnlySpan{int}, int, Span{double})"/>
    public static void MultiLabelMarginLoss(ReadOnlySpan<float> input, ReadOnlySpan<int> target, int classes, Span<float> losses)
    {
        var rows = LossRows.Split(input.Length, classes, nameof(classes));
        LossArguments.Length(losses.Length, rows, nameof(losses));
        using var labels = LossRows.LabelCounts<float>(target, input.Length, classes);
        MultiLabelMarginTerms(input, labels.Span, rows, classes, losses);
    }

    /// <inheritdoc cref="MultiLabelMarginLossGradient(ReadOnlySpan{double}, ReadOnlySpan{int}, int, Reduction, Span{double})"/>
    public static float MultiLabelMarginLossGradient(ReadOnlySpan<float> input, ReadOnlySpan<int> target, int classes, Reduction reduction, Span<float> dInput)
    {
        var loss = MultiLabelMarginLoss(input, target, classes, reduction);
        var rows = input.Length / classes;
        using var gradOutput = new PooledSpan<float>(rows, (float)LossRows.Factor(reduction, rows));
        MultiLabelMarginLossBackward(input, target, classes, gradOutput.Span, dInput);
        return loss;
    }

    /// <inheritdoc cref="MultiLabelMarginLossBackward(ReadOnlySpan{double}, ReadOnlySpan{int}, int, ReadOnlySpan{double}, Span{double})"/>
    public static void MultiLabelMarginLossBackward(ReadOnlySpan<float> input, ReadOnlySpan<int> target, int classes, ReadOnlySpan<float> gradOutput, Span<float> dInput)
    {
        var rows = LossRows.Split(input.Length, classes, nameof(classes));
        using var labels = LossRows.LabelCounts<float>(target, input.Length, classes);
        MultiLabelMarginTermsBackward(input, labels.Span, rows, classes, gradOutput, dInput);
    }

    /// <inheritdoc cref="MultiLabelSoftMarginLoss(ReadOnlySpan{double}, ReadOnlySpan{double}, int, ReadOnlySpan{double}, Reduction)"/>
    public static float MultiLabelSoftMarginLoss(ReadOnlySpan<float> input, ReadOnlySpan<float> target, int classes, ReadOnlySpan<float> weight = default, Reduction reduction = Reduction.Mean)
    {
        using var losses = new PooledSpan<float>(LossRows.Split(input.Length, classes, nameof(classes)));
        MultiLabelSoftMarginLoss(input, target, classes, weight, losses.Span);
        return LossRows.Reduce(losses.Span, reduction);
    }

    /// <inheritdoc cref="MultiLabelSoftMarginLoss(ReadOnlySpan{double}, ReadOnlySpan{double}, int, ReadOnlySpan{double}, Span{double})"/>
    public static void MultiLabelSoftMarginLoss(ReadOnlySpan<float> input, ReadOnlySpan<float> target, int classes, ReadOnlySpan<float> weight, Span<float> losses)
    {
        var rows = LossRows.Split(input.Length, classes, nameof(classes));
        LossArguments.Length(losses.Length, rows, nameof(losses));
        LossArguments.Length(target.Length, input.Length, nameof(target));
        using var weights = LossRows.Weights(weight, classes);
        MultiLabelSoftMarginTerms(input, target, weights.Span, rows, losses);
    }

    /// <inheritdoc cref="MultiLabelSoftMarginLossGradient(ReadOnlySpan{double}, ReadOnlySpan{double}, int, ReadOnlySpan{double}, Reduction, Span{double})"/>
    public static float MultiLabelSoftMarginLossGradient(ReadOnlySpan<float> input, ReadOnlySpan<float> target, int classes, ReadOnlySpan<float> weight, Reduction reduction, Span<float> dInput)
    {
        var loss = MultiLabelSoftMarginLoss(input, target, classes, weight, reduction);
        var rows = input.Length / classes;
        using var gradOutput = new PooledSpan<float>(rows, (float)LossRows.Factor(reduction, rows));
        MultiLabelSoftMarginLossBackward(input, target, classes, weight, gradOutput.Span, dInput);
        return loss;
    }

    /// <inheritdoc cref="MultiLabelSoftMarginLossBackward(ReadOnlySpan{double}, ReadOnlySpan{double}, int, ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double})"/>
    public static void MultiLabelSoftMarginLossBackward(ReadOnlySpan<float> input, ReadOnlySpan<float> target, int classes, ReadOnlySpan<float> weight, ReadOnlySpan<float> gradOutput, Span<float> dInput)
    {
        var rows = LossRows.Split(input.Length, classes, nameof(classes));
        LossArguments.Length(target.Length, input.Length, nameof(target));
        using var weights = LossRows.Weights(weight, classes);
        MultiLabelSoftMarginTermsBackward(input, target, weights.Span, rows, gradOutput, dInput);
    }

    /// <inheritdoc cref="HingeEmbeddingLoss(ReadOnlySpan{double}, ReadOnlySpan{double}, double, Reduction)"/>
    public static float HingeEmbeddingLoss(ReadOnlySpan<float> input, ReadOnlySpan<float> target, float margin = 1, Reduction reduction = Reduction.Mean)
    {
        using var losses = new PooledSpan<float>(input.Length);
        HingeEmbeddingLoss(input, target, margin, losses.Span);
        return LossRows.Reduce(losses.Span, reduction);
    }

    /// <inheritdoc cref="HingeEmbeddingLoss(ReadOnlySpan{double}, ReadOnlySpan{double}, double, Span{double})"/>
    public static void HingeEmbeddingLoss(ReadOnlySpan<float> input, ReadOnlySpan<float> target, float margin, Span<float> losses)
    {
        LossArguments.Length(target.Length, input.Length, nameof(target));
        LossArguments.Length(losses.Length, input.Length, nameof(losses));
        HingeEmbeddingTerms(input, target, margin, losses);
    }

    /// <inheritdoc cref="HingeEmbeddingLossGradient(ReadOnlySpan{double}, ReadOnlySpan{double}, double, Reduction, Span{double})"/>
    public static float HingeEmbeddingLossGradient(ReadOnlySpan<float> input, ReadOnlySpan<float> target, float margin, Reduction reduction, Span<float> dInput)
    {
        var loss = HingeEmbeddingLoss(input, target, margin, reduction);
        using var gradOutput = new PooledSpan<float>(input.Length, (float)LossRows.Factor(reduction, input.Length));
        HingeEmbeddingLossBackward(input, target, margin, gradOutput.Span, dInput);
        return loss;
    }

    /// <inheritdoc cref="HingeEmbeddingLossBackward(ReadOnlySpan{double}, ReadOnlySpan{double}, double, ReadOnlySpan{double}, Span{double})"/>
    public static void HingeEmbeddingLossBackward(ReadOnlySpan<float> input, ReadOnlySpan<float> target, float margin, ReadOnlySpan<float> gradOutput, Span<float> dInput)
    {
        LossArguments.Length(target.Length, input.Length, nameof(target));
        HingeEmbeddingTermsBackward(input, target, margin, gradOutput, dInput);
    }

    /// <inheritdoc cref="MarginRankingLoss(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, double, Reduction)"/>
    public static float MarginRankingLoss(ReadOnlySpan<float> input1, ReadOnlySpan<float> input2, ReadOnlySpan<float> target, float margin = 0, Reduction reduction = Reduction.Mean)
    {
        using var losses = new PooledSpan<float>(input1.Length);
        MarginRankingLoss(input1, input2, target, margin, losses.Span);
        return LossRows.Reduce(losses.Span, reduction);
    }

    /// <inheritdoc cref="MarginRankingLoss(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, double, Span{double})"/>
    public static void MarginRankingLoss(ReadOnlySpan<float> input1, ReadOnlySpan<float> input2, ReadOnlySpan<float> target, float margin, Span<float> losses)
    {
        LossArguments.Length(input2.Length, input1.Length, nameof(input2));
        LossArguments.Length(target.Length, input1.Length, nameof(target));
        LossArguments.Length(losses.Length, input1.Length, nameof(losses));
        MarginRankingTerms(input1, input2, target, margin, losses);
    }

    /// <inheritdoc cref="MarginRankingLossGradient(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, double, Reduction, Span{double}, Span{double})"/>
    public static float MarginRankingLossGradient(ReadOnlySpan<float> input1, ReadOnlySpan<float> input2, ReadOnlySpan<float> target, float margin, Reduction reduction, Span<float> dInput1, Span<float> dInput2)
    {
        var loss = MarginRankingLoss(input1, input2, target, margin, reduction);
        using var gradOutput = new PooledSpan<float>(input1.Length, (float)LossRows.Factor(reduction, input1.Length));
        MarginRankingLossBackward(input1, input2, target, margin, gradOutput.Span, dInput1, dInput2);
        return loss;
    }

    /// <inheritdoc cref="MarginRankingLossBackward(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, double, ReadOnlySpan{double}, Span{double}, Span{double})"/>
    public static void MarginRankingLossBackward(ReadOnlySpan<float> input1, ReadOnlySpan<float> input2, ReadOnlySpan<float> target, float margin, ReadOnlySpan<float> gradOutput, Span<float> dInput1, Span<float> dInput2)
    {
        LossArguments.Length(input2.Length, input1.Length, nameof(input2));
        LossArguments.Length(target.Length, input1.Length, nameof(target));
        MarginRankingTermsBackward(input1, input2, target, margin, gradOutput, dInput1, dInput2);
    }

    /// <inheritdoc cref="CosineEmbeddingLoss(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, double, Reduction)"/>
    public static float CosineEmbeddingLoss(ReadOnlySpan<float> input1, ReadOnlySpan<float> input2, ReadOnlySpan<float> target, float margin = 0, Reduction reduction = Reduction.Mean)
    {
        using var losses = new PooledSpan<float>(target.Length);
        CosineEmbeddingLoss(input1, input2, target, margin, losses.Span);
        return LossRows.Reduce(losses.Span, reduction);
    }

    /// <inheritdoc cref="CosineEmbeddingLoss(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, double, Span{double})"/>
    public static void CosineEmbeddingLoss(ReadOnlySpan<float> input1, ReadOnlySpan<float> input2, ReadOnlySpan<float> target, float margin, Span<float> losses)
    {
        var features = CosineEmbeddingFeatures(input1.Length, input2.Length, target.Length);
        LossArguments.Length(losses.Length, target.Length, nameof(losses));
        CosineEmbeddingTerms(input1, input2, target, features, margin, losses);
    }

    /// <inheritdoc cref="CosineEmbeddingLossGradient(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, double, Reduction, Span{double}, Span{double})"/>
    public static float CosineEmbeddingLossGradient(ReadOnlySpan<float> input1, ReadOnlySpan<float> input2, ReadOnlySpan<float> target, float margin, Reduction reduction, Span<float> dInput1, Span<float> dInput2)
    {
        var loss = CosineEmbeddingLoss(input1, input2, target, margin, reduction);
        using var gradOutput = new PooledSpan<float>(target.Length, (float)LossRows.Factor(reduction, target.Length));
        CosineEmbeddingLossBackward(input1, input2, target, margin, gradOutput.Span, dInput1, dInput2);
        return loss;
    }

    /// <inheritdoc cref="CosineEmbeddingLossBackward(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, double, ReadOnlySpan{double}, Span{double}, Span{double})"/>
    public static void CosineEmbeddingLossBackward(ReadOnlySpan<float> input1, ReadOnlySpan<float> input2, ReadOnlySpan<float> target, float margin, ReadOnlySpan<float> gradOutput, Span<float> dInput1, Span<float> dInput2)
    {
        var features = CosineEmbeddingFeatures(input1.Length, input2.Length, target.Length);
        CosineEmbeddingTermsBackward(input1, input2, target, features, margin, gradOutput, dInput1, dInput2);
    }

    /// <inheritdoc cref="TripletMarginLoss(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, int, double, double, double, bool, Reduction)"/>
    public static float TripletMarginLoss(ReadOnlySpan<float> anchor, ReadOnlySpan<float> positive, ReadOnlySpan<float> negative, int batchSize, float margin = 1, float p = 2, float eps = 1e-6f, bool swap = false, Reduction reduction = Reduction.Mean)
    {
        LossRows.Rows(anchor.Length, batchSize, nameof(batchSize));
        using var losses = new PooledSpan<float>(batchSize);
        TripletMarginLoss(anchor, positive, negative, batchSize, margin, p, eps, swap, losses.Span);
        return LossRows.Reduce(losses.Span, reduction);
    }

    /// <inheritdoc cref="TripletMarginLoss(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, int, double, double, double, bool, Span{double})"/>
    public static void TripletMarginLoss(ReadOnlySpan<float> anchor, ReadOnlySpan<float> positive, ReadOnlySpan<float> negative, int batchSize, float margin, float p, float eps, bool swap, Span<float> losses)
    {
        var features = TripletFeatures(anchor.Length, positive.Length, negative.Length, batchSize);
        LossArguments.Length(losses.Length, batchSize, nameof(losses));
        TripletMarginTerms(anchor, positive, negative, batchSize, features, margin, p, eps, swap ? 1 : 0, losses);
    }

    /// <inheritdoc cref="TripletMarginLossGradient(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, int, double, double, double, bool, Reduction, Span{double}, Span{double}, Span{double})"/>
    public static float TripletMarginLossGradient(ReadOnlySpan<float> anchor, ReadOnlySpan<float> positive, ReadOnlySpan<float> negative, int batchSize, float margin, float p, float eps, bool swap, Reduction reduction, Span<float> dAnchor, Span<float> dPositive, Span<float> dNegative)
    {
        var loss = TripletMarginLoss(anchor, positive, negative, batchSize, margin, p, eps, swap, reduction);
        using var gradOutput = new PooledSpan<float>(batchSize, (float)LossRows.Factor(reduction, batchSize));
        TripletMarginLossBackward(anchor, positive, negative, batchSize, margin, p, eps, swap, gradOutput.Span, dAnchor, dPositive, dNegative);
        return loss;
    }

    /// <inheritdoc cref="TripletMarginLossBackward(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, int, double, double, double, bool, ReadOnlySpan{double}, Span{double}, Span{double}, Span{double})"/>
    public static void TripletMarginLossBackward(ReadOnlySpan<float> anchor, ReadOnlySpan<float> positive, ReadOnlySpan<float> negative, int batchSize, float margin, float p, float eps, bool swap, ReadOnlySpan<float> gradOutput, Span<float> dAnchor, Span<float> dPositive, Span<float> dNegative)
    {
        var features = TripletFeatures(anchor.Length, positive.Length, negative.Length, batchSize);
        TripletMarginTermsBackward(anchor, positive, negative, batchSize, features, margin, p, eps, swap ? 1 : 0, gradOutput, dAnchor, dPositive, dNegative);
    }

    [Differentiable]
    private static void SoftMarginTerms(ReadOnlySpan<float> input, [NoDerivative] ReadOnlySpan<float> target, Span<float> losses)
    {
        for (int i = 0; i < input.Length; i++)
        {
            losses[i] = MathF.Log(1 + MathF.Exp(-target[i] * input[i]));
        }
    }

    [Differentiable]
    private static void MultiMarginTerms(ReadOnlySpan<float> input, ReadOnlySpan<int> target, [NoDerivative] ReadOnlySpan<float> weight, int p, [NoDerivative] float margin, Span<float> losses)
    {
        int classes = weight.Length;
        for (int i = 0; i < target.Length; i++)
        {
            float sum = 0;
            for (int k = 0; k < classes; k++)
            {
                float z = margin - input[i * classes + target[i]] + input[i * classes + k];
                if (k != target[i] && z > 0)
                {
                    sum += weight[target[i]] * (p == 1 ? z : z * z);
                }
            }

            losses[i] = sum / classes;
        }
    }

    [Differentiable]
    private static void MultiLabelMarginTerms(ReadOnlySpan<float> input, [NoDerivative] ReadOnlySpan<float> labelCount, int rows, int classes, Span<float> losses)
    {
        for (int i = 0; i < rows; i++)
        {
            float sum = 0;
            for (int j = 0; j < classes; j++)
            {
                for (int k = 0; k < classes; k++)
                {
                    float z = 1 - input[i * classes + j] + input[i * classes + k];
                    if (labelCount[i * classes + j] > 0 && labelCount[i * classes + k] == 0 && z > 0)
                    {
                        sum += labelCount[i * classes + j] * z;
                    }
                }
            }

            losses[i] = sum / classes;
        }
    }

    [Differentiable]
    private static void MultiLabelSoftMarginTerms(ReadOnlySpan<float> input, [NoDerivative] ReadOnlySpan<float> target, [NoDerivative] ReadOnlySpan<float> weight, int rows, Span<float> losses)
    {
        int classes = weight.Length;
        for (int i = 0; i < rows; i++)
        {
            float sum = 0;
            for (int k = 0; k < classes; k++)
            {
                float x = input[i * classes + k];
                float t = target[i * classes + k];
                sum += weight[k] * (t * MathF.Log(1 + MathF.Exp(-x)) + (1 - t) * MathF.Log(1 + MathF.Exp(x)));
            }

            losses[i] = sum / classes;
        }
    }

    [Differentiable]
    private static void HingeEmbeddingTerms(ReadOnlySpan<float> input, [NoDerivative] ReadOnlySpan<float> target, [NoDerivative] float margin, Span<float> losses)
    {
        for (int i = 0; i < input.Length; i++)
        {
            float gap = margin - input[i];
            float y = target[i];
            losses[i] = (y != 1 && gap >= 0 ? gap : 0) + (y != -1 ? input[i] : 0);
        }
    }

    [Differentiable]
    private static void MarginRankingTerms(ReadOnlySpan<float> input1, ReadOnlySpan<float> input2, [NoDerivative] ReadOnlySpan<float> target, [NoDerivative] float margin, Span<float> losses)
    {
        for (int i = 0; i < input1.Length; i++)
        {
            float z = margin - target[i] * (input1[i] - input2[i]);
            losses[i] = z >= 0 ? z : 0;
        }
    }

    [Differentiable]
    private static void CosineEmbeddingTerms(ReadOnlySpan<float> input1, ReadOnlySpan<float> input2, [NoDerivative] ReadOnlySpan<float> target, int features, [NoDerivative] float margin, Span<float> losses)
    {
        for (int i = 0; i < target.Length; i++)
        {
            float dot = 0;
            float square1 = 0;
            float square2 = 0;
            for (int j = 0; j < features; j++)
            {
                float u = input1[i * features + j];
                float v = input2[i * features + j];
                dot += u * v;
                square1 += u * u;
                square2 += v * v;
            }

            float cos = dot / MathF.Sqrt((square1 + CosineEpsilon) * (square2 + CosineEpsilon));
            float y = target[i];
            losses[i] = y == 1 ? 1 - cos : y == -1 && cos - margin >= 0 ? cos - margin : 0;
        }
    }

    [Differentiable]
    private static void TripletMarginTerms(ReadOnlySpan<float> anchor, ReadOnlySpan<float> positive, ReadOnlySpan<float> negative, int rows, int features, [NoDerivative] float margin, [NoDerivative] float p, [NoDerivative] float eps, int swap, Span<float> losses)
    {
        for (int i = 0; i < rows; i++)
        {
            float anchorPositive = 0;
            float anchorNegative = 0;
            float positiveNegative = 0;
            for (int j = 0; j < features; j++)
            {
                float a = anchor[i * features + j];
                float b = positive[i * features + j];
                float c = negative[i * features + j];
                anchorPositive += MathF.Pow(MathF.Abs(a - b + eps), p);
                anchorNegative += MathF.Pow(MathF.Abs(a - c + eps), p);
                positiveNegative += MathF.Pow(MathF.Abs(b - c + eps), p);
            }

            float toNegative = MathF.Pow(anchorNegative, 1 / p);
            float closest = swap != 0 ? MathF.Min(toNegative, MathF.Pow(positiveNegative, 1 / p)) : toNegative;
            float z = margin + MathF.Pow(anchorPositive, 1 / p) - closest;
            losses[i] = z >= 0 ? z : 0;
        }
    }

    private static PooledSpan<float> MultiMarginWeights(int length, ReadOnlySpan<int> target, int p, ReadOnlySpan<float> weight)
    {
        if (p is not (1 or 2))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "Only p = 1 and p = 2 are supported.");
        }

        var classes = LossRows.Split(length, target.Length, nameof(target));
        LossRows.Classes(target, classes, nameof(target));
        return LossRows.Weights(weight, classes);
    }
}
