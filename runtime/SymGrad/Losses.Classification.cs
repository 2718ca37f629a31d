using System;

namespace SymGrad;

public static partial class Losses
{
    /// <summary>Binary cross-entropy of probabilities, as <c>torch.nn.functional.binary_cross_entropy</c>: the mean or the sum.</summary>
    /// <remarks>
    /// <code>
    /// ℓᵢ = −wᵢ·(tᵢ·max(ln pᵢ, −100) + (1 − tᵢ)·max(ln(1 − pᵢ), −100))
    /// ∂ℓᵢ/∂pᵢ = wᵢ·(pᵢ − tᵢ) / max(pᵢ·(1 − pᵢ), 1e-12f)      ∂ℓᵢ/∂tᵢ = wᵢ·(ln(1 − pᵢ) − ln pᵢ)
    /// </code>
    /// Both partials are PyTorch's, registered with <see cref="DerivativeOfAttribute"/> (docs/design.md says why).
    /// </remarks>
    /// <param name="input">The probabilities p, each in [0, 1].</param>
    /// <param name="target">The targets t, one per input.</param>
    /// <param name="weight">The weights w: empty (all 1), one per input, or a row of them repeated over the input.</param>
    /// <param name="reduction"><see cref="Reduction.Mean"/> or <see cref="Reduction.Sum"/>.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">The lengths do not fit, an input is outside [0, 1], or <paramref name="reduction"/> is <see cref="Reduction.None"/>.</exception>
    public static double BinaryCrossEntropy(ReadOnlySpan<double> input, ReadOnlySpan<double> target, ReadOnlySpan<double> weight = default, Reduction reduction = Reduction.Mean)
    {
        LossArguments.Probabilities(input, target, weight);
        using var weights = LossArguments.Weights(input.Length, weight, LossArguments.Scale<double>(reduction, input.Length), default);
        return BinaryCrossEntropyTerms(input, target, weights.Span);
    }

    /// <summary>Binary cross-entropy of probabilities, one loss per element (<c>reduction='none'</c>): ℓᵢ = −wᵢ·(tᵢ·max(ln pᵢ, −100) + (1 − tᵢ)·max(ln(1 − pᵢ), −100)).</summary>
    /// <param name="input">The probabilities p, each in [0, 1].</param>
    /// <param name="target">The targets t, one per input.</param>
    /// <param name="weight">The weights w: empty (all 1), one per input, or a row of them repeated over the input.</param>
    /// <param name="losses">Receives ℓᵢ; must have the length of <paramref name="input"/>.</param>
    /// <exception cref="ArgumentException">The lengths do not fit, or an input is outside [0, 1].</exception>
    public static void BinaryCrossEntropy(ReadOnlySpan<double> input, ReadOnlySpan<double> target, ReadOnlySpan<double> weight, Span<double> losses)
    {
        LossArguments.Probabilities(input, target, weight);
        LossArguments.Length(losses.Length, input.Length, nameof(losses));
        for (var i = 0; i < input.Length; i++)
        {
            losses[i] = BinaryCrossEntropyTerms(input.Slice(i, 1), target.Slice(i, 1), weight.IsEmpty ? [1] : weight.Slice(i % weight.Length, 1));
        }
    }

    /// <summary>Binary cross-entropy of probabilities, reduced, and its gradient ∂loss/∂p = s·wᵢ·(pᵢ − tᵢ) / max(pᵢ·(1 − pᵢ), 1e-12f), s = 1/N (mean) or 1 (sum).</summary>
    /// <param name="input">The probabilities p, each in [0, 1].</param>
    /// <param name="target">The targets t, one per input.</param>
    /// <param name="weight">The weights w: empty (all 1), one per input, or a row of them repeated over the input.</param>
    /// <param name="reduction"><see cref="Reduction.Mean"/> or <see cref="Reduction.Sum"/>.</param>
    /// <param name="dInput">Receives ∂loss/∂input; must have the length of <paramref name="input"/>.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">The lengths do not fit, an input is outside [0, 1], or <paramref name="reduction"/> is <see cref="Reduction.None"/>.</exception>
    public static double BinaryCrossEntropyGradient(ReadOnlySpan<double> input, ReadOnlySpan<double> target, ReadOnlySpan<double> weight, Reduction reduction, Span<double> dInput)
    {
        LossArguments.Length(dInput.Length, input.Length, nameof(dInput));
        using var dTarget = new PooledSpan<double>(input.Length);
        return BinaryCrossEntropyGradient(input, target, weight, reduction, dInput, dTarget.Span);
    }

    /// <summary>Binary cross-entropy of probabilities, reduced, and its gradient with respect to the input and the target (∂ℓᵢ/∂tᵢ = wᵢ·(ln(1 − pᵢ) − ln pᵢ)).</summary>
    /// <param name="input">The probabilities p, each in [0, 1].</param>
    /// <param name="target">The targets t, one per input.</param>
    /// <param name="weight">The weights w: empty (all 1), one per input, or a row of them repeated over the input.</param>
    /// <param name="reduction"><see cref="Reduction.Mean"/> or <see cref="Reduction.Sum"/>.</param>
    /// <param name="dInput">Receives ∂loss/∂input; must have the length of <paramref name="input"/>.</param>
    /// <param name="dTarget">Receives ∂loss/∂target; must have the length of <paramref name="target"/>.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">The lengths do not fit, an input is outside [0, 1], or <paramref name="reduction"/> is <see cref="Reduction.None"/>.</exception>
    public static double BinaryCrossEntropyGradient(ReadOnlySpan<double> input, ReadOnlySpan<double> target, ReadOnlySpan<double> weight, Reduction reduction, Span<double> dInput, Span<double> dTarget)
    {
        LossArguments.Probabilities(input, target, weight);
        LossArguments.Length(dInput.Length, input.Length, nameof(dInput));
        LossArguments.Length(dTarget.Length, input.Length, nameof(dTarget));
        using var weights = LossArguments.Weights(input.Length, weight, LossArguments.Scale<double>(reduction, input.Length), default);
        return BinaryCrossEntropyTermsGradient(input, target, weights.Span, dInput, dTarget);
    }

    /// <summary>Binary cross-entropy of probabilities: the vector-Jacobian product dInputᵢ = gradOutputᵢ·wᵢ·(pᵢ − tᵢ) / max(pᵢ·(1 − pᵢ), 1e-12f).</summary>
    /// <param name="input">The probabilities p, each in [0, 1].</param>
    /// <param name="target">The targets t, one per input.</param>
    /// <param name="weight">The weights w: empty (all 1), one per input, or a row of them repeated over the input.</param>
    /// <param name="gradOutput">The gradient of the per-element losses, one per input.</param>
    /// <param name="dInput">Receives the product; must have the length of <paramref name="input"/>.</param>
    /// <exception cref="ArgumentException">The lengths do not fit, or an input is outside [0, 1].</exception>
    public static void BinaryCrossEntropyBackward(ReadOnlySpan<double> input, ReadOnlySpan<double> target, ReadOnlySpan<double> weight, ReadOnlySpan<double> gradOutput, Span<double> dInput)
    {
        LossArguments.Length(dInput.Length, input.Length, nameof(dInput));
        using var dTarget = new PooledSpan<double>(input.Length);
        BinaryCrossEntropyBackward(input, target, weight, gradOutput, dInput, dTarget.Span);
    }

    /// <summary>Binary cross-entropy of probabilities: the vector-Jacobian products with respect to the input and the target.</summary>
    /// <param name="input">The probabilities p, each in [0, 1].</param>
    /// <param name="target">The targets t, one per input.</param>
    /// <param name="weight">The weights w: empty (all 1), one per input, or a row of them repeated over the input.</param>
    /// <param name="gradOutput">The gradient of the per-element losses, one per input.</param>
    /// <param name="dInput">Receives gradOutputᵢ·∂ℓᵢ/∂pᵢ; must have the length of <paramref name="input"/>.</param>
    /// <param name="dTarget">Receives gradOutputᵢ·∂ℓᵢ/∂tᵢ; must have the length of <paramref name="target"/>.</param>
    /// <exception cref="ArgumentException">The lengths do not fit, or an input is outside [0, 1].</exception>
    public static void BinaryCrossEntropyBackward(ReadOnlySpan<double> input, ReadOnlySpan<double> target, ReadOnlySpan<double> weight, ReadOnlySpan<double> gradOutput, Span<double> dInput, Span<double> dTarget)
    {
        LossArguments.Probabilities(input, target, weight);
        LossArguments.Length(gradOutput.Length, input.Length, nameof(gradOutput));
        LossArguments.Length(dInput.Length, input.Length, nameof(dInput));
        LossArguments.Length(dTarget.Length, input.Length, nameof(dTarget));
        using var weights = LossArguments.Weights(input.Length, weight, 1, gradOutput);
        BinaryCrossEntropyTermsGradient(input, target, weights.Span, dInput, dTarget);
    }

    /// <summary>Binary cross-entropy of logits, as <c>torch.nn.functional.binary_cross_entropy_with_logits</c>: the mean or the sum.</summary>
    /// <remarks>
    /// <code>
    /// ℓᵢ = wᵢ·((1 − tᵢ)·xᵢ + (1 + (pwᵢ − 1)·tᵢ)·softplus(−xᵢ))
    /// ∂ℓᵢ/∂xᵢ = wᵢ·((1 + (pwᵢ − 1)·tᵢ)·σ(xᵢ) − pwᵢ·tᵢ)      ∂ℓᵢ/∂tᵢ = wᵢ·((pwᵢ − 1)·softplus(−xᵢ) − xᵢ)
    /// </code>
    /// softplus(−x) = max(−x, 0) + ln(1 + e^−|x|), so no |x| overflows.
    /// </remarks>
    /// <param name="input">The logits x.</param>
    /// <param name="target">The targets t, one per input.</param>
    /// <param name="weight">The weights w: empty (all 1), one per input, or a row of them repeated over the input.</param>
    /// <param name="posWeight">The weights pw of the positive term: empty (all 1), one per input, or a row of them (one per class) repeated over the input.</param>
    /// <param name="reduction"><see cref="Reduction.Mean"/> or <see cref="Reduction.Sum"/>.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">The lengths do not fit, or <paramref name="reduction"/> is <see cref="Reduction.None"/>.</exception>
    public static double BinaryCrossEntropyWithLogits(ReadOnlySpan<double> input, ReadOnlySpan<double> target, ReadOnlySpan<double> weight = default, ReadOnlySpan<double> posWeight = default, Reduction reduction = Reduction.Mean)
    {
        using var dInput = new PooledSpan<double>(input.Length);
        using var dTarget = new PooledSpan<double>(input.Length);
        return BinaryCrossEntropyWithLogitsGradient(input, target, weight, posWeight, reduction, dInput.Span, dTarget.Span);
    }

    /// <summary>Binary cross-entropy of logits, one loss per element (<c>reduction='none'</c>): ℓᵢ = wᵢ·((1 − tᵢ)·xᵢ + (1 + (pwᵢ − 1)·tᵢ)·softplus(−xᵢ)).</summary>
    /// <param name="input">The logits x.</param>
    /// <param name="target">The targets t, one per input.</param>
    /// <param name="weight">The weights w: empty (all 1), one per input, or a row of them repeated over the input.</param>
    /// <param name="posWeight">The weights pw of the positive term: empty (all 1), one per input, or a row of them (one per class) repeated over the input.</param>
    /// <param name="losses">Receives ℓᵢ; must have the length of <paramref name="input"/>.</param>
    /// <exception cref="ArgumentException">The lengths do not fit.</exception>
    public static void BinaryCrossEntropyWithLogits(ReadOnlySpan<double> input, ReadOnlySpan<double> target, ReadOnlySpan<double> weight, ReadOnlySpan<double> posWeight, Span<double> losses)
    {
        LossArguments.Logits(input, target, weight, posWeight);
        LossArguments.Length(losses.Length, input.Length, nameof(losses));
        for (var i = 0; i < input.Length; i++)
        {
            var w = weight.IsEmpty ? 1 : weight[i % weight.Length];
            var pw = posWeight.IsEmpty ? 1 : posWeight[i % posWeight.Length];
            losses[i] = w * LogitBinaryCrossEntropyGradient(input[i], target[i], pw, out _, out _);
        }
    }

    /// <summary>Binary cross-entropy of logits, reduced, and its gradient ∂loss/∂x = s·wᵢ·((1 + (pwᵢ − 1)·tᵢ)·σ(xᵢ) − pwᵢ·tᵢ), s = 1/N (mean) or 1 (sum).</summary>
    /// <param name="input">The logits x.</param>
    /// <param name="target">The targets t, one per input.</param>
    /// <param name="weight">The weights w: empty (all 1), one per input, or a row of them repeated over the input.</param>
    /// <param name="posWeight">The weights pw of the positive term: empty (all 1), one per input, or a row of them (one per class) repeated over the input.</param>
    /// <param name="reduction"><see cref="Reduction.Mean"/> or <see cref="Reduction.Sum"/>.</param>
    /// <param name="dInput">Receives ∂loss/∂input; must have the length of <paramref name="input"/>.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">The lengths do not fit, or <paramref name="reduction"/> is <see cref="Reduction.None"/>.</exception>
    public static double BinaryCrossEntropyWithLogitsGradient(ReadOnlySpan<double> input, ReadOnlySpan<double> target, ReadOnlySpan<double> weight, ReadOnlySpan<double> posWeight, Reduction reduction, Span<double> dInput)
    {
        LossArguments.Length(dInput.Length, input.Length, nameof(dInput));
        using var dTarget = new PooledSpan<double>(input.Length);
        return BinaryCrossEntropyWithLogitsGradient(input, target, weight, posWeight, reduction, dInput, dTarget.Span);
    }

    /// <summary>Binary cross-entropy of logits, reduced, and its gradient with respect to the input and the target (∂ℓᵢ/∂tᵢ = wᵢ·((pwᵢ − 1)·softplus(−xᵢ) − xᵢ)).</summary>
    /// <param name="input">The logits x.</param>
    /// <param name="target">The targets t, one per input.</param>
    /// <param name="weight">The weights w: empty (all 1), one per input, or a row of them repeated over the input.</param>
    /// <param name="posWeight">The weights pw of the positive term: empty (all 1), one per input, or a row of them (one per class) repeated over the input.</param>
    /// <param name="reduction"><see cref="Reduction.Mean"/> or <see cref="Reduction.Sum"/>.</param>
    /// <param name="dInput">Receives ∂loss/∂input; must have the length of <paramref name="input"/>.</param>
    /// <param name="dTarget">Receives ∂loss/∂target; must have the length of <paramref name="target"/>.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">The lengths do not fit, or <paramref name="reduction"/> is <see cref="Reduction.None"/>.</exception>
    public static double BinaryCrossEntropyWithLogitsGradient(ReadOnlySpan<double> input, ReadOnlySpan<double> target, ReadOnlySpan<double> weight, ReadOnlySpan<double> posWeight, Reduction reduction, Span<double> dInput, Span<double> dTarget)
    {
        LossArguments.Logits(input, target, weight, posWeight);
        LossArguments.Length(dInput.Length, input.Length, nameof(dInput));
        LossArguments.Length(dTarget.Length, input.Length, nameof(dTarget));
        using var weights = LossArguments.Weights(input.Length, weight, LossArguments.Scale<double>(reduction, input.Length), default);
        using var positive = LossArguments.Weights(input.Length, posWeight, 1, default);
        return LogitBinaryCrossEntropyTermsGradient(input, target, positive.Span, weights.Span, dInput, dTarget);
    }

    /// <summary>Binary cross-entropy of logits: the vector-Jacobian product dInputᵢ = gradOutputᵢ·wᵢ·((1 + (pwᵢ − 1)·tᵢ)·σ(xᵢ) − pwᵢ·tᵢ).</summary>
    /// <param name="input">The logits x.</param>
    /// <param name="target">The targets t, one per input.</param>
    /// <param name="weight">The weights w: empty (all 1), one per input, or a row of them repeated over the input.</param>
    /// <param name="posWeight">The weights pw of the positive term: empty (all 1), one per input, or a row of them (one per class) repeated over the input.</param>
    /// <param name="gradOutput">The gradient of the per-element losses, one per input.</param>
    /// <param name="dInput">Receives the product; must have the length of <paramref name="input"/>.</param>
    /// <exception cref="ArgumentException">The lengths do not fit.</exception>
    public static void BinaryCrossEntropyWithLogitsBackward(ReadOnlySpan<double> input, ReadOnlySpan<double> target, ReadOnlySpan<double> weight, ReadOnlySpan<double> posWeight, ReadOnlySpan<double> gradOutput, Span<double> dInput)
    {
        LossArguments.Length(dInput.Length, input.Length, nameof(dInput));
        using var dTarget = new PooledSpan<double>(input.Length);
        BinaryCrossEntropyWithLogitsBackward(input, target, weight, posWeight, gradOutput, dInput, dTarget.Span);
    }

    /// <summary>Binary cross-entropy of logits: the vector-Jacobian products with respect to the input and the target.</summary>
    /// <param name="input">The logits x.</param>
    /// <param name="target">The targets t, one per input.</param>
    /// <param name="weight">The weights w: empty (all 1), one per input, or a row of them repeated over the input.</param>
    /// <param name="posWeight">The weights pw of the positive term: empty (all 1), one per input, or a row of them (one per class) repeated over the input.</param>
    /// <param name="gradOutput">The gradient of the per-element losses, one per input.</param>
    /// <param name="dInput">Receives gradOutputᵢ·∂ℓᵢ/∂xᵢ; must have the length of <paramref name="input"/>.</param>
    /// <param name="dTarget">Receives gradOutputᵢ·∂ℓᵢ/∂tᵢ; must have the length of <paramref name="target"/>.</param>
    /// <exception cref="ArgumentException">The lengths do not fit.</exception>
    public static void BinaryCrossEntropyWithLogitsBackward(ReadOnlySpan<double> input, ReadOnlySpan<double> target, ReadOnlySpan<double> weight, ReadOnlySpan<double> posWeight, ReadOnlySpan<double> gradOutput, Span<double> dInput, Span<double> dTarget)
    {
        LossArguments.Logits(input, target, weight, posWeight);
        LossArguments.Length(gradOutput.Length, input.Length, nameof(gradOutput));
        LossArguments.Length(dInput.Length, input.Length, nameof(dInput));
        LossArguments.Length(dTarget.Length, input.Length, nameof(dTarget));
        using var weights = LossArguments.Weights(input.Length, weight, 1, gradOutput);
        using var positive = LossArguments.Weights(input.Length, posWeight, 1, default);
        LogitBinaryCrossEntropyTermsGradient(input, target, positive.Span, weights.Span, dInput, dTarget);
    }

    /// <summary>Cross-entropy of logits against class indices, as <c>torch.nn.functional.cross_entropy</c>: the mean or the sum.</summary>
    /// <remarks>
    /// <code>
    /// ℓ_b = (1 − ε)·w[y_b]·(lse_b − x[b, y_b]) + ε/C·Σ_c w[c]·(lse_b − x[b, c]),   lse_b = ln Σ_c e^x[b, c]
    /// ∂ℓ_b/∂x[b, c] = ((1 − ε)·w[y_b] + ε/C·Σ_k w[k])·softmax(x_b)[c] − (1 − ε)·w[y_b]·[c = y_b] − ε/C·w[c]
    /// </code>
    /// Without weights and smoothing the gradient is softmax(x_b) − onehot(y_b). A row whose target is
    /// <paramref name="ignoreIndex"/> adds nothing; the mean divides by Σ w[y_b] over the other rows (their count
    /// without weights), and is NaN when every row is ignored.
    /// </remarks>
    /// <param name="input">The logits x, N rows of C classes, row-major.</param>
    /// <param name="target">The class y_b of each row, in [0, C) or <paramref name="ignoreIndex"/>; N = its length.</param>
    /// <param name="weight">The class weights w: empty (all 1) or one per class.</param>
    /// <param name="ignoreIndex">The target value of rows that are left out.</param>
    /// <param name="labelSmoothing">ε in [0, 1]: the share of the target spread uniformly over the classes.</param>
    /// <param name="reduction"><see cref="Reduction.Mean"/> or <see cref="Reduction.Sum"/>.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">The lengths do not fit, a target is out of range, or <paramref name="reduction"/> is <see cref="Reduction.None"/>.</exception>
    public static double CrossEntropy(ReadOnlySpan<double> input, ReadOnlySpan<int> target, ReadOnlySpan<double> weight = default, int ignoreIndex = -100, double labelSmoothing = 0, Reduction reduction = Reduction.Mean)
    {
        using var rows = new IndexTargets<double>(input, target, weight, ignoreIndex, labelSmoothing);
        rows.Fill(rows.Scale(reduction), default);
        return rows.Result(
            rows.Smoothed
                ? SmoothedCrossEntropyTerms(input, rows.Targets, rows.Classes, rows.ClassWeights, rows.Weights, rows.Smoothing)
                : CrossEntropyTerms(input, rows.Targets, rows.Classes, rows.Weights),
            reduction);
    }

    /// <summary>Cross-entropy of logits against class indices, one loss per row (<c>reduction='none'</c>); an ignored row's loss is 0.</summary>
    /// <param name="input">The logits x, N rows of C classes, row-major.</param>
    /// <param name="target">The class y_b of each row, in [0, C) or <paramref name="ignoreIndex"/>; N = its length.</param>
    /// <param name="weight">The class weights w: empty (all 1) or one per class.</param>
    /// <param name="ignoreIndex">The target value of rows that are left out.</param>
    /// <param name="labelSmoothing">ε in [0, 1]: the share of the target spread uniformly over the classes.</param>
    /// <param name="losses">Receives ℓ_b, one per row.</param>
    /// <exception cref="ArgumentException">The lengths do not fit, or a target is out of range.</exception>
    public static void CrossEntropy(ReadOnlySpan<double> input, ReadOnlySpan<int> target, ReadOnlySpan<double> weight, int ignoreIndex, double labelSmoothing, Span<double> losses)
    {
        using var rows = new IndexTargets<double>(input, target, weight, ignoreIndex, labelSmoothing);
        LossArguments.Length(losses.Length, target.Length, nameof(losses));
        rows.Fill(1, default);
        var c = rows.Classes;
        for (var b = 0; b < target.Length; b++)
        {
            losses[b] = rows.Smoothed
                ? SmoothedCrossEntropyTerms(input.Slice(b * c, c), rows.Targets.Slice(b, 1), c, rows.ClassWeights, rows.Weights.Slice(b, 1), rows.Smoothing.Slice(b, 1))
                : CrossEntropyTerms(input.Slice(b * c, c), rows.Targets.Slice(b, 1), c, rows.Weights.Slice(b, 1));
        }
    }

    /// <summary>Cross-entropy of logits against class indices, reduced, and its gradient with respect to the logits: s·(softmax(x_b) − onehot(y_b)) without weights and smoothing, s = 1/N (mean) or 1 (sum).</summary>
    /// <param name="input">The logits x, N rows of C classes, row-major.</param>
    /// <param name="target">The class y_b of each row, in [0, C) or <paramref name="ignoreIndex"/>; N = its length.</param>
    /// <param name="weight">The class weights w: empty (all 1) or one per class.</param>
    /// <param name="ignoreIndex">The target value of rows that are left out.</param>
    /// <param name="labelSmoothing">ε in [0, 1]: the share of the target spread uniformly over the classes.</param>
    /// <param name="reduction"><see cref="Reduction.Mean"/> or <see cref="Reduction.Sum"/>.</param>
    /// <param name="dInput">Receives ∂loss/∂input; must have the length of <paramref name="input"/>.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">The lengths do not fit, a target is out of range, or <paramref name="reduction"/> is <see cref="Reduction.None"/>.</exception>
    public static double CrossEntropyGradient(ReadOnlySpan<double> input, ReadOnlySpan<int> target, ReadOnlySpan<double> weight, int ignoreIndex, double labelSmoothing, Reduction reduction, Span<double> dInput)
    {
        using var rows = new IndexTargets<double>(input, target, weight, ignoreIndex, labelSmoothing);
        LossArguments.Length(dInput.Length, input.Length, nameof(dInput));
        rows.Fill(rows.Scale(reduction), default);
        return rows.Result(CrossEntropyRows(input, rows, dInput), reduction);
    }

    /// <summary>Cross-entropy of logits against class indices: the vector-Jacobian product of the per-row losses with <paramref name="gradOutput"/>.</summary>
    /// <param name="input">The logits x, N rows of C classes, row-major.</param>
    /// <param name="target">The class y_b of each row, in [0, C) or <paramref name="ignoreIndex"/>; N = its length.</param>
    /// <param name="weight">The class weights w: empty (all 1) or one per class.</param>
    /// <param name="ignoreIndex">The target value of rows that are left out.</param>
    /// <param name="labelSmoothing">ε in [0, 1]: the share of the target spread uniformly over the classes.</param>
    /// <param name="gradOutput">The gradient of the per-row losses, one per row.</param>
    /// <param name="dInput">Receives Σ_b gradOutput_b·∂ℓ_b/∂input; must have the length of <paramref name="input"/>.</param>
    /// <exception cref="ArgumentException">The lengths do not fit, or a target is out of range.</exception>
    public static void CrossEntropyBackward(ReadOnlySpan<double> input, ReadOnlySpan<int> target, ReadOnlySpan<double> weight, int ignoreIndex, double labelSmoothing, ReadOnlySpan<double> gradOutput, Span<double> dInput)
    {
        using var rows = new IndexTargets<double>(input, target, weight, ignoreIndex, labelSmoothing);
        LossArguments.Length(gradOutput.Length, target.Length, nameof(gradOutput));
        LossArguments.Length(dInput.Length, input.Length, nameof(dInput));
        rows.Fill(1, gradOutput);
        CrossEntropyRows(input, rows, dInput);
    }

    private static double CrossEntropyRows(ReadOnlySpan<double> input, IndexTargets<double> rows, Span<double> dInput) => rows.Smoothed
        ? SmoothedCrossEntropyTermsGradient(input, rows.Targets, rows.Classes, rows.ClassWeights, rows.Weights, rows.Smoothing, dInput)
        : CrossEntropyTermsGradient(input, rows.Targets, rows.Classes, rows.Weights, dInput);

    /// <summary>Cross-entropy of logits against class probabilities, as <c>torch.nn.functional.cross_entropy</c> with a float target: the mean over the N rows or the sum.</summary>
    /// <remarks>
    /// <code>
    /// ℓ_b = Σ_c w[c]·q[b, c]·(lse_b − x[b, c]),   q = (1 − ε)·t + ε/C,   lse_b = ln Σ_c e^x[b, c]
    /// ∂ℓ_b/∂x[b, c] = (Σ_k w[k]·q[b, k])·softmax(x_b)[c] − w[c]·q[b, c]      ∂ℓ_b/∂t[b, c] = (1 − ε)·w[c]·(lse_b − x[b, c])
    /// </code>
    /// </remarks>
    /// <param name="input">The logits x, N rows of <paramref name="classes"/>, row-major.</param>
    /// <param name="target">The probabilities t, one per logit.</param>
    /// <param name="classes">C, the length of a row.</param>
    /// <param name="weight">The class weights w: empty (all 1) or one per class.</param>
    /// <param name="labelSmoothing">ε in [0, 1].</param>
    /// <param name="reduction"><see cref="Reduction.Mean"/> (divides by N, whatever the weights) or <see cref="Reduction.Sum"/>.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">The lengths do not fit, or <paramref name="reduction"/> is <see cref="Reduction.None"/>.</exception>
    public static double CrossEntropy(ReadOnlySpan<double> input, ReadOnlySpan<double> target, int classes, ReadOnlySpan<double> weight = default, double labelSmoothing = 0, Reduction reduction = Reduction.Mean)
    {
        using var dInput = new PooledSpan<double>(input.Length);
        using var dTarget = new PooledSpan<double>(input.Length);
        return CrossEntropyGradient(input, target, classes, weight, labelSmoothing, reduction, dInput.Span, dTarget.Span);
    }

    /// <summary>Cross-entropy of logits against class probabilities, one loss per row (<c>reduction='none'</c>).</summary>
    /// <param name="input">The logits x, N rows of <paramref name="classes"/>, row-major.</param>
    /// <param name="target">The probabilities t, one per logit.</param>
    /// <param name="classes">C, the length of a row.</param>
    /// <param name="weight">The class weights w: empty (all 1) or one per class.</param>
    /// <param name="labelSmoothing">ε in [0, 1].</param>
    /// <param name="losses">Receives ℓ_b, one per row.</param>
    /// <exception cref="ArgumentException">The lengths do not fit.</exception>
    public static void CrossEntropy(ReadOnlySpan<double> input, ReadOnlySpan<double> target, int classes, ReadOnlySpan<double> weight, double labelSmoothing, Span<double> losses)
    {
        using var classWeights = LossArguments.SoftTargets(input, target, classes, weight, labelSmoothing);
        LossArguments.Length(losses.Length, input.Length / classes, nameof(losses));
        for (var b = 0; b < losses.Length; b++)
        {
            losses[b] = SoftCrossEntropyTerms(input.Slice(b * classes, classes), target.Slice(b * classes, classes), classes, classWeights.Span, 1 - labelSmoothing, labelSmoothing / classes, [1]);
        }
    }

    /// <summary>Cross-entropy of logits against class probabilities, reduced, and its gradient with respect to the logits.</summary>
    /// <param name="input">The logits x, N rows of <paramref name="classes"/>, row-major.</param>
    /// <param name="target">The probabilities t, one per logit.</param>
    /// <param name="classes">C, the length of a row.</param>
    /// <param name="weight">The class weights w: empty (all 1) or one per class.</param>
    /// <param name="labelSmoothing">ε in [0, 1].</param>
    /// <param name="reduction"><see cref="Reduction.Mean"/> (divides by N) or <see cref="Reduction.Sum"/>.</param>
    /// <param name="dInput">Receives ∂loss/∂input; must have the length of <paramref name="input"/>.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">The lengths do not fit, or <paramref name="reduction"/> is <see cref="Reduction.None"/>.</exception>
    public static double CrossEntropyGradient(ReadOnlySpan<double> input, ReadOnlySpan<double> target, int classes, ReadOnlySpan<double> weight, double labelSmoothing, Reduction reduction, Span<double> dInput)
    {
        LossArguments.Length(dInput.Length, input.Length, nameof(dInput));
        using var dTarget = new PooledSpan<double>(input.Length);
        return CrossEntropyGradient(input, target, classes, weight, labelSmoothing, reduction, dInput, dTarget.Span);
    }

    /// <summary>Cross-entropy of logits against class probabilities, reduced, and its gradient with respect to the logits and the probabilities.</summary>
    /// <param name="input">The logits x, N rows of <paramref name="classes"/>, row-major.</param>
    /// <param name="target">The probabilities t, one per logit.</param>
    /// <param name="classes">C, the length of a row.</param>
    /// <param name="weight">The class weights w: empty (all 1) or one per class.</param>
    /// <param name="labelSmoothing">ε in [0, 1].</param>
    /// <param name="reduction"><see cref="Reduction.Mean"/> (divides by N) or <see cref="Reduction.Sum"/>.</param>
    /// <param name="dInput">Receives ∂loss/∂input; must have the length of <paramref name="input"/>.</param>
    /// <param name="dTarget">Receives ∂loss/∂target; must have the length of <paramref name="target"/>.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">The lengths do not fit, or <paramref name="reduction"/> is <see cref="Reduction.None"/>.</exception>
    public static double CrossEntropyGradient(ReadOnlySpan<double> input, ReadOnlySpan<double> target, int classes, ReadOnlySpan<double> weight, double labelSmoothing, Reduction reduction, Span<double> dInput, Span<double> dTarget)
    {
        using var classWeights = LossArguments.SoftTargets(input, target, classes, weight, labelSmoothing);
        LossArguments.Length(dInput.Length, input.Length, nameof(dInput));
        LossArguments.Length(dTarget.Length, input.Length, nameof(dTarget));
        var rows = input.Length / classes;
        using var weights = new PooledSpan<double>(rows, LossArguments.Scale<double>(reduction, rows));
        return SoftCrossEntropyTermsGradient(input, target, classes, classWeights.Span, 1 - labelSmoothing, labelSmoothing / classes, weights.Span, dInput, dTarget);
    }

    /// <summary>Cross-entropy of logits against class probabilities: the vector-Jacobian product of the per-row losses with <paramref name="gradOutput"/>.</summary>
    /// <param name="input">The logits x, N rows of <paramref name="classes"/>, row-major.</param>
    /// <param name="target">The probabilities t, one per logit.</param>
    /// <param name="classes">C, the length of a row.</param>
    /// <param name="weight">The class weights w: empty (all 1) or one per class.</param>
    /// <param name="labelSmoothing">ε in [0, 1].</param>
    /// <param name="gradOutput">The gradient of the per-row losses, one per row.</param>
    /// <param name="dInput">Receives Σ_b gradOutput_b·∂ℓ_b/∂input; must have the length of <paramref name="input"/>.</param>
    /// <exception cref="ArgumentException">The lengths do not fit.</exception>
    public static void CrossEntropyBackward(ReadOnlySpan<double> input, ReadOnlySpan<double> target, int classes, ReadOnlySpan<double> weight, double labelSmoothing, ReadOnlySpan<double> gradOutput, Span<double> dInput)
    {
        LossArguments.Length(dInput.Length, input.Length, nameof(dInput));
        using var dTarget = new PooledSpan<double>(input.Length);
        CrossEntropyBackward(input, target, classes, weight, labelSmoothing, gradOutput, dInput, dTarget.Span);
    }

    /// <summary>Cross-entropy of logits against class probabilities: the vector-Jacobian products with respect to the logits and the probabilities.</summary>
    /// <param name="input">The logits x, N rows of <paramref name="classes"/>, row-major.</param>
    /// <param name="target">The probabilities t, one per logit.</param>
    /// <param name="classes">C, the length of a row.</param>
    /// <param name="weight">The class weights w: empty (all 1) or one per class.</param>
    /// <param name="labelSmoothing">ε in [0, 1].</param>
    /// <param name="gradOutput">The gradient of the per-row losses, one per row.</param>
    /// <param name="dInput">Receives Σ_b gradOutput_b·∂ℓ_b/∂input; must have the length of <paramref name="input"/>.</param>
    /// <param name="dTarget">Receives Σ_b gradOutput_b·∂ℓ_b/∂target; must have the length of <paramref name="target"/>.</param>
    /// <exception cref="ArgumentException">The lengths do not fit.</exception>
    public static void CrossEntropyBackward(ReadOnlySpan<double> input, ReadOnlySpan<double> target, int classes, ReadOnlySpan<double> weight, double labelSmoothing, ReadOnlySpan<double> gradOutput, Span<double> dInput, Span<double> dTarget)
    {
        using var classWeights = LossArguments.SoftTargets(input, target, classes, weight, labelSmoothing);
        LossArguments.Length(gradOutput.Length, input.Length / classes, nameof(gradOutput));
        LossArguments.Length(dInput.Length, input.Length, nameof(dInput));
        LossArguments.Length(dTarget.Length, input.Length, nameof(dTarget));
        SoftCrossEntropyTermsGradient(input, target, classes, classWeights.Span, 1 - labelSmoothing, labelSmoothing / classes, gradOutput, dInput, dTarget);
    }

    /// <summary>Negative log-likelihood of log-probabilities against class indices, as <c>torch.nn.functional.nll_loss</c>: the mean or the sum.</summary>
    /// <remarks>
    /// <code>
    /// ℓ_b = −w[y_b]·x[b, y_b]      ∂ℓ_b/∂x[b, c] = −w[y_b]·[c = y_b]
    /// </code>
    /// A row whose target is <paramref name="ignoreIndex"/> adds nothing; the mean divides by Σ w[y_b] over the other
    /// rows, and is NaN when every row is ignored.
    /// </remarks>
    /// <param name="input">The log-probabilities x, N rows of C classes, row-major.</param>
    /// <param name="target">The class y_b of each row, in [0, C) or <paramref name="ignoreIndex"/>; N = its length.</param>
    /// <param name="weight">The class weights w: empty (all 1) or one per class.</param>
    /// <param name="ignoreIndex">The target value of rows that are left out.</param>
    /// <param name="reduction"><see cref="Reduction.Mean"/> or <see cref="Reduction.Sum"/>.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">The lengths do not fit, a target is out of range, or <paramref name="reduction"/> is <see cref="Reduction.None"/>.</exception>
    public static double NllLoss(ReadOnlySpan<double> input, ReadOnlySpan<int> target, ReadOnlySpan<double> weight = default, int ignoreIndex = -100, Reduction reduction = Reduction.Mean)
    {
        using var rows = new IndexTargets<double>(input, target, weight, ignoreIndex, 0);
        rows.Fill(rows.Scale(reduction), default);
        return rows.Result(NllTerms(input, rows.Targets, rows.Classes, rows.Weights), reduction);
    }

    /// <summary>Negative log-likelihood, one loss per row (<c>reduction='none'</c>): ℓ_b = −w[y_b]·x[b, y_b], 0 for an ignored row.</summary>
    /// <param name="input">The log-probabilities x, N rows of C classes, row-major.</param>
    /// <param name="target">The class y_b of each row, in [0, C) or <paramref name="ignoreIndex"/>; N = its length.</param>
    /// <param name="weight">The class weights w: empty (all 1) or one per class.</param>
    /// <param name="ignoreIndex">The target value of rows that are left out.</param>
    /// <param name="losses">Receives ℓ_b, one per row.</param>
    /// <exception cref="ArgumentException">The lengths do not fit, or a target is out of range.</exception>
    public static void NllLoss(ReadOnlySpan<double> input, ReadOnlySpan<int> target, ReadOnlySpan<double> weight, int ignoreIndex, Span<double> losses)
    {
        using var rows = new IndexTargets<double>(input, target, weight, ignoreIndex, 0);
        LossArguments.Length(losses.Length, target.Length, nameof(losses));
        rows.Fill(1, default);
        var c = rows.Classes;
        for (var b = 0; b < target.Length; b++)
        {
            losses[b] = NllTerms(input.Slice(b * c, c), rows.Targets.Slice(b, 1), c, rows.Weights.Slice(b, 1));
        }
    }

    /// <summary>Negative log-likelihood, reduced, and its gradient: −s·w[y_b] at each row's target, 0 elsewhere; s = 1/Σ w[y_b] (mean) or 1 (sum).</summary>
    /// <param name="input">The log-probabilities x, N rows of C classes, row-major.</param>
    /// <param name="target">The class y_b of each row, in [0, C) or <paramref name="ignoreIndex"/>; N = its length.</param>
    /// <param name="weight">The class weights w: empty (all 1) or one per class.</param>
    /// <param name="ignoreIndex">The target value of rows that are left out.</param>
    /// <param name="reduction"><see cref="Reduction.Mean"/> or <see cref="Reduction.Sum"/>.</param>
    /// <param name="dInput">Receives ∂loss/∂input; must have the length of <paramref name="input"/>.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">The lengths do not fit, a target is out of range, or <paramref name="reduction"/> is <see cref="Reduction.None"/>.</exception>
    public static double NllLossGradient(ReadOnlySpan<double> input, ReadOnlySpan<int> target, ReadOnlySpan<double> weight, int ignoreIndex, Reduction reduction, Span<double> dInput)
    {
        using var rows = new IndexTargets<double>(input, target, weight, ignoreIndex, 0);
        LossArguments.Length(dInput.Length, input.Length, nameof(dInput));
        rows.Fill(rows.Scale(reduction), default);
        return rows.Result(NllTermsGradient(input, rows.Targets, rows.Classes, rows.Weights, dInput), reduction);
    }

    /// <summary>Negative log-likelihood: the vector-Jacobian product of the per-row losses with <paramref name="gradOutput"/>.</summary>
    /// <param name="input">The log-probabilities x, N rows of C classes, row-major.</param>
    /// <param name="target">The class y_b of each row, in [0, C) or <paramref name="ignoreIndex"/>; N = its length.</param>
    /// <param name="weight">The class weights w: empty (all 1) or one per class.</param>
    /// <param name="ignoreIndex">The target value of rows that are left out.</param>
    /// <param name="gradOutput">The gradient of the per-row losses, one per row.</param>
    /// <param name="dInput">Receives −gradOutput_b·w[y_b] at each row's target, 0 elsewhere; must have the length of <paramref name="input"/>.</param>
    /// <exception cref="ArgumentException">The lengths do not fit, or a target is out of range.</exception>
    public static void NllLossBackward(ReadOnlySpan<double> input, ReadOnlySpan<int> target, ReadOnlySpan<double> weight, int ignoreIndex, ReadOnlySpan<double> gradOutput, Span<double> dInput)
    {
        using var rows = new IndexTargets<double>(input, target, weight, ignoreIndex, 0);
        LossArguments.Length(gradOutput.Length, target.Length, nameof(gradOutput));
        LossArguments.Length(dInput.Length, input.Length, nameof(dInput));
        rows.Fill(1, gradOutput);
        NllTermsGradient(input, rows.Targets, rows.Classes, rows.Weights, dInput);
    }

    /// <summary>Binary cross-entropy of probabilities, as <c>torch.nn.functional.binary_cross_entropy</c>: the mean or the sum.</summary>
    /// <remarks>
    /// <code>
    /// ℓᵢ = −wᵢ·(tᵢ·max(ln pᵢ, −100) + (1 − tᵢ)·max(ln(1 − pᵢ), −100))
    /// ∂ℓᵢ/∂pᵢ = wᵢ·(pᵢ − tᵢ) / max(pᵢ·(1 − pᵢ), 1e-12f)      ∂ℓᵢ/∂tᵢ = wᵢ·(ln(1 − pᵢ) − ln pᵢ)
    /// </code>
    /// Both partials are PyTorch's, registered with <see cref="DerivativeOfAttribute"/> (docs/design.md says why).
    /// </remarks>
    /// <param name="input">The probabilities p, each in [0, 1].</param>
    /// <param name="target">The targets t, one per input.</param>
    /// <param name="weight">The weights w: empty (all 1), one per input, or a row of them repeated over the input.</param>
    /// <param name="reduction"><see cref="Reduction.Mean"/> or <see cref="Reduction.Sum"/>.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">The lengths do not fit, an input is outside [0, 1], or <paramref name="reduction"/> is <see cref="Reduction.None"/>.</exception>
    public static float BinaryCrossEntropy(ReadOnlySpan<float> input, ReadOnlySpan<float> target, ReadOnlySpan<float> weight = default, Reduction reduction = Reduction.Mean)
    {
        LossArguments.Probabilities(input, target, weight);
        using var weights = LossArguments.Weights(input.Length, weight, LossArguments.Scale<float>(reduction, input.Length), default);
        return BinaryCrossEntropyTerms(input, target, weights.Span);
    }

    /// <summary>Binary cross-entropy of probabilities, one loss per element (<c>reduction='none'</c>): ℓᵢ = −wᵢ·(tᵢ·max(ln pᵢ, −100) + (1 − tᵢ)·max(ln(1 − pᵢ), −100)).</summary>
    /// <param name="input">The probabilities p, each in [0, 1].</param>
    /// <param name="target">The targets t, one per input.</param>
    /// <param name="weight">The weights w: empty (all 1), one per input, or a row of them repeated over the input.</param>
    /// <param name="losses">Receives ℓᵢ; must have the length of <paramref name="input"/>.</param>
    /// <exception cref="ArgumentException">The lengths do not fit, or an input is outside [0, 1].</exception>
    public static void BinaryCrossEntropy(ReadOnlySpan<float> input, ReadOnlySpan<float> target, ReadOnlySpan<float> weight, Span<float> losses)
    {
        LossArguments.Probabilities(input, target, weight);
        LossArguments.Length(losses.Length, input.Length, nameof(losses));
        for (var i = 0; i < input.Length; i++)
        {
            losses[i] = BinaryCrossEntropyTerms(input.Slice(i, 1), target.Slice(i, 1), weight.IsEmpty ? [1] : weight.Slice(i % weight.Length, 1));
        }
    }

    /// <summary>Binary cross-entropy of probabilities, reduced, and its gradient ∂loss/∂p = s·wᵢ·(pᵢ − tᵢ) / max(pᵢ·(1 − pᵢ), 1e-12f), s = 1/N (mean) or 1 (sum).</summary>
    /// <param name="input">The probabilities p, each in [0, 1].</param>
    /// <param name="target">The targets t, one per input.</param>
    /// <param name="weight">The weights w: empty (all 1), one per input, or a row of them repeated over the input.</param>
    /// <param name="reduction"><see cref="Reduction.Mean"/> or <see cref="Reduction.Sum"/>.</param>
    /// <param name="dInput">Receives ∂loss/∂input; must have the length of <paramref name="input"/>.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">The lengths do not fit, an input is outside [0, 1], or <paramref name="reduction"/> is <see cref="Reduction.None"/>.</exception>
    public static float BinaryCrossEntropyGradient(ReadOnlySpan<float> input, ReadOnlySpan<float> target, ReadOnlySpan<float> weight, Reduction reduction, Span<float> dInput)
    {
        LossArguments.Length(dInput.Length, input.Length, nameof(dInput));
        using var dTarget = new PooledSpan<float>(input.Length);
        return BinaryCrossEntropyGradient(input, target, weight, reduction, dInput, dTarget.Span);
    }

    /// <summary>Binary cross-entropy of probabilities, reduced, and its gradient with respect to the input and the target (∂ℓᵢ/∂tᵢ = wᵢ·(ln(1 − pᵢ) − ln pᵢ)).</summary>
    /// <param name="input">The probabilities p, each in [0, 1].</param>
    /// <param name="target">The targets t, one per input.</param>
    /// <param name="weight">The weights w: empty (all 1), one per input, or a row of them repeated over the input.</param>
    /// <param name="reduction"><see cref="Reduction.Mean"/> or <see cref="Reduction.Sum"/>.</param>
    /// <param name="dInput">Receives ∂loss/∂input; must have the length of <paramref name="input"/>.</param>
    /// <param name="dTarget">Receives ∂loss/∂target; must have the length of <paramref name="target"/>.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">The lengths do not fit, an input is outside [0, 1], or <paramref name="reduction"/> is <see cref="Reduction.None"/>.</exception>
    public static float BinaryCrossEntropyGradient(ReadOnlySpan<float> input, ReadOnlySpan<float> target, ReadOnlySpan<float> weight, Reduction reduction, Span<float> dInput, Span<float> dTarget)
    {
        LossArguments.Probabilities(input, target, weight);
        LossArguments.Length(dInput.Length, input.Length, nameof(dInput));
        LossArguments.Length(dTarget.Length, input.Length, nameof(dTarget));
        using var weights = LossArguments.Weights(input.Length, weight, LossArguments.Scale<float>(reduction, input.Length), default);
        return BinaryCrossEntropyTermsGradient(input, target, weights.Span, dInput, dTarget);
    }

    /// <summary>Binary cross-entropy of probabilities: the vector-Jacobian product dInputᵢ = gradOutputᵢ·wᵢ·(pᵢ − tᵢ) / max(pᵢ·(1 − pᵢ), 1e-12f).</summary>
    /// <param name="input">The probabilities p, each in [0, 1].</param>
    /// <param name="target">The targets t, one per input.</param>
    /// <param name="weight">The weights w: empty (all 1), one per input, or a row of them repeated over the input.</param>
    /// <param name="gradOutput">The gradient of the per-element losses, one per input.</param>
    /// <param name="dInput">Receives the product; must have the length of <paramref name="input"/>.</param>
    /// <exception cref="ArgumentException">The lengths do not fit, or an input is outside [0, 1].</exception>
    public static void BinaryCrossEntropyBackward(ReadOnlySpan<float> input, ReadOnlySpan<float> target, ReadOnlySpan<float> weight, ReadOnlySpan<float> gradOutput, Span<float> dInput)
    {
        LossArguments.Length(dInput.Length, input.Length, nameof(dInput));
        using var dTarget = new PooledSpan<float>(input.Length);
        BinaryCrossEntropyBackward(input, target, weight, gradOutput, dInput, dTarget.Span);
    }

    /// <summary>Binary cross-entropy of probabilities: the vector-Jacobian products with respect to the input and the target.</summary>
    /// <param name="input">The probabilities p, each in [0, 1].</param>
    /// <param name="target">The targets t, one per input.</param>
    /// <param name="weight">The weights w: empty (all 1), one per input, or a row of them repeated over the input.</param>
    /// <param name="gradOutput">The gradient of the per-element losses, one per input.</param>
    /// <param name="dInput">Receives gradOutputᵢ·∂ℓᵢ/∂pᵢ; must have the length of <paramref name="input"/>.</param>
    /// <param name="dTarget">Receives gradOutputᵢ·∂ℓᵢ/∂tᵢ; must have the length of <paramref name="target"/>.</param>
    /// <exception cref="ArgumentException">The lengths do not fit, or an input is outside [0, 1].</exception>
    public static void BinaryCrossEntropyBackward(ReadOnlySpan<float> input, ReadOnlySpan<float> target, ReadOnlySpan<float> weight, ReadOnlySpan<float> gradOutput, Span<float> dInput, Span<float> dTarget)
    {
        LossArguments.Probabilities(input, target, weight);
        LossArguments.Length(gradOutput.Length, input.Length, nameof(gradOutput));
        LossArguments.Length(dInput.Length, input.Length, nameof(dInput));
        LossArguments.Length(dTarget.Length, input.Length, nameof(dTarget));
        using var weights = LossArguments.Weights(input.Length, weight, 1, gradOutput);
        BinaryCrossEntropyTermsGradient(input, target, weights.Span, dInput, dTarget);
    }

    /// <summary>Binary cross-entropy of logits, as <c>torch.nn.functional.binary_cross_entropy_with_logits</c>: the mean or the sum.</summary>
    /// <remarks>
    /// <code>
    /// ℓᵢ = wᵢ·((1 − tᵢ)·xᵢ + (1 + (pwᵢ − 1)·tᵢ)·softplus(−xᵢ))
    /// ∂ℓᵢ/∂xᵢ = wᵢ·((1 + (pwᵢ − 1)·tᵢ)·σ(xᵢ) − pwᵢ·tᵢ)      ∂ℓᵢ/∂tᵢ = wᵢ·((pwᵢ − 1)·softplus(−xᵢ) − xᵢ)
    /// </code>
    /// softplus(−x) = max(−x, 0) + ln(1 + e^−|x|), so no |x| overflows.
    /// </remarks>
    /// <param name="input">The logits x.</param>
    /// <param name="target">The targets t, one per input.</param>
    /// <param name="weight">The weights w: empty (all 1), one per input, or a row of them repeated over the input.</param>
    /// <param name="posWeight">The weights pw of the positive term: empty (all 1), one per input, or a row of them (one per class) repeated over the input.</param>
    /// <param name="reduction"><see cref="Reduction.Mean"/> or <see cref="Reduction.Sum"/>.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">The lengths do not fit, or <paramref name="reduction"/> is <see cref="Reduction.None"/>.</exception>
    public static float BinaryCrossEntropyWithLogits(ReadOnlySpan<float> input, ReadOnlySpan<float> target, ReadOnlySpan<float> weight = default, ReadOnlySpan<float> posWeight = default, Reduction reduction = Reduction.Mean)
    {
        using var dInput = new PooledSpan<float>(input.Length);
        using var dTarget = new PooledSpan<float>(input.Length);
        return BinaryCrossEntropyWithLogitsGradient(input, target, weight, posWeight, reduction, dInput.Span, dTarget.Span);
    }

    /// <summary>Binary cross-entropy of logits, one loss per element (<c>reduction='none'</c>): ℓᵢ = wᵢ·((1 − tᵢ)·xᵢ + (1 + (pwᵢ − 1)·tᵢ)·softplus(−xᵢ)).</summary>
    /// <param name="input">The logits x.</param>
    /// <param name="target">The targets t, one per input.</param>
    /// <param name="weight">The weights w: empty (all 1), one per input, or a row of them repeated over the input.</param>
    /// <param name="posWeight">The weights pw of the positive term: empty (all 1), one per input, or a row of them (one per class) repeated over the input.</param>
    /// <param name="losses">Receives ℓᵢ; must have the length of <paramref name="input"/>.</param>
    /// <exception cref="ArgumentException">The lengths do not fit.</exception>
    public static void BinaryCrossEntropyWithLogits(ReadOnlySpan<float> input, ReadOnlySpan<float> target, ReadOnlySpan<float> weight, ReadOnlySpan<float> posWeight, Span<float> losses)
    {
        LossArguments.Logits(input, target, weight, posWeight);
        LossArguments.Length(losses.Length, input.Length, nameof(losses));
        for (var i = 0; i < input.Length; i++)
        {
            var w = weight.IsEmpty ? 1 : weight[i % weight.Length];
            var pw = posWeight.IsEmpty ? 1 : posWeight[i % posWeight.Length];
            losses[i] = w * LogitBinaryCrossEntropyGradient(input[i], target[i], pw, out _, out _);
        }
    }

    /// <summary>Binary cross-entropy of logits, reduced, and its gradient ∂loss/∂x = s·wᵢ·((1 + (pwᵢ − 1)·tᵢ)·σ(xᵢ) − pwᵢ·tᵢ), s = 1/N (mean) or 1 (sum).</summary>
    /// <param name="input">The logits x.</param>
    /// <param name="target">The targets t, one per input.</param>
    /// <param name="weight">The weights w: empty (all 1), one per input, or a row of them repeated over the input.</param>
    /// <param name="posWeight">The weights pw of the positive term: empty (all 1), one per input, or a row of them (one per class) repeated over the input.</param>
    /// <param name="reduction"><see cref="Reduction.Mean"/> or <see cref="Reduction.Sum"/>.</param>
    /// <param name="dInput">Receives ∂loss/∂input; must have the length of <paramref name="input"/>.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">The lengths do not fit, or <paramref name="reduction"/> is <see cref="Reduction.None"/>.</exception>
    public static float BinaryCrossEntropyWithLogitsGradient(ReadOnlySpan<float> input, ReadOnlySpan<float> target, ReadOnlySpan<float> weight, ReadOnlySpan<float> posWeight, Reduction reduction, Span<float> dInput)
    {
        LossArguments.Length(dInput.Length, input.Length, nameof(dInput));
        using var dTarget = new PooledSpan<float>(input.Length);
        return BinaryCrossEntropyWithLogitsGradient(input, target, weight, posWeight, reduction, dInput, dTarget.Span);
    }

    /// <summary>Binary cross-entropy of logits, reduced, and its gradient with respect to the input and the target (∂ℓᵢ/∂tᵢ = wᵢ·((pwᵢ − 1)·softplus(−xᵢ) − xᵢ)).</summary>
    /// <param name="input">The logits x.</param>
    /// <param name="target">The targets t, one per input.</param>
    /// <param name="weight">The weights w: empty (all 1), one per input, or a row of them repeated over the input.</param>
    /// <param name="posWeight">The weights pw of the positive term: empty (all 1), one per input, or a row of them (one per class) repeated over the input.</param>
    /// <param name="reduction"><see cref="Reduction.Mean"/> or <see cref="Reduction.Sum"/>.</param>
    /// <param name="dInput">Receives ∂loss/∂input; must have the length of <paramref name="input"/>.</param>
    /// <param name="dTarget">Receives ∂loss/∂target; must have the length of <paramref name="target"/>.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">The lengths do not fit, or <paramref name="reduction"/> is <see cref="Reduction.None"/>.</exception>
    public static float BinaryCrossEntropyWithLogitsGradient(ReadOnlySpan<float> input, ReadOnlySpan<float> target, ReadOnlySpan<float> weight, ReadOnlySpan<float> posWeight, Reduction reduction, Span<float> dInput, Span<float> dTarget)
    {
        LossArguments.Logits(input, target, weight, posWeight);
        LossArguments.Length(dInput.Length, input.Length, nameof(dInput));
        LossArguments.Length(dTarget.Length, input.Length, nameof(dTarget));
        using var weights = LossArguments.Weights(input.Length, weight, LossArguments.Scale<float>(reduction, input.Length), default);
        using var positive = LossArguments.Weights(input.Length, posWeight, 1, default);
        return LogitBinaryCrossEntropyTermsGradient(input, target, positive.Span, weights.Span, dInput, dTarget);
    }

    /// <summary>Binary cross-entropy of logits: the vector-Jacobian product dInputᵢ = gradOutputᵢ·wᵢ·((1 + (pwᵢ − 1)·tᵢ)·σ(xᵢ) − pwᵢ·tᵢ).</summary>
    /// <param name="input">The logits x.</param>
    /// <param name="target">The targets t, one per input.</param>
    /// <param name="weight">The weights w: empty (all 1), one per input, or a row of them repeated over the input.</param>
    /// <param name="posWeight">The weights pw of the positive term: empty (all 1), one per input, or a row of them (one per class) repeated over the input.</param>
    /// <param name="gradOutput">The gradient of the per-element losses, one per input.</param>
    /// <param name="dInput">Receives the product; must have the length of <paramref name="input"/>.</param>
    /// <exception cref="ArgumentException">The lengths do not fit.</exception>
    public static void BinaryCrossEntropyWithLogitsBackward(ReadOnlySpan<float> input, ReadOnlySpan<float> target, ReadOnlySpan<float> weight, ReadOnlySpan<float> posWeight, ReadOnlySpan<float> gradOutput, Span<float> dInput)
    {
        LossArguments.Length(dInput.Length, input.Length, nameof(dInput));
        using var dTarget = new PooledSpan<float>(input.Length);
        BinaryCrossEntropyWithLogitsBackward(input, target, weight, posWeight, gradOutput, dInput, dTarget.Span);
    }

    /// <summary>Binary cross-entropy of logits: the vector-Jacobian products with respect to the input and the target.</summary>
    /// <param name="input">The logits x.</param>
    /// <param name="target">The targets t, one per input.</param>
    /// <param name="weight">The weights w: empty (all 1), one per input, or a row of them repeated over the input.</param>
    /// <param name="posWeight">The weights pw of the positive term: empty (all 1), one per input, or a row of them (one per class) repeated over the input.</param>
    /// <param name="gradOutput">The gradient of the per-element losses, one per input.</param>
    /// <param name="dInput">Receives gradOutputᵢ·∂ℓᵢ/∂xᵢ; must have the length of <paramref name="input"/>.</param>
    /// <param name="dTarget">Receives gradOutputᵢ·∂ℓᵢ/∂tᵢ; must have the length of <paramref name="target"/>.</param>
    /// <exception cref="ArgumentException">The lengths do not fit.</exception>
    public static void BinaryCrossEntropyWithLogitsBackward(ReadOnlySpan<float> input, ReadOnlySpan<float> target, ReadOnlySpan<float> weight, ReadOnlySpan<float> posWeight, ReadOnlySpan<float> gradOutput, Span<float> dInput, Span<float> dTarget)
    {
        LossArguments.Logits(input, target, weight, posWeight);
        LossArguments.Length(gradOutput.Length, input.Length, nameof(gradOutput));
        LossArguments.Length(dInput.Length, input.Length, nameof(dInput));
        LossArguments.Length(dTarget.Length, input.Length, nameof(dTarget));
        using var weights = LossArguments.Weights(input.Length, weight, 1, gradOutput);
        using var positive = LossArguments.Weights(input.Length, posWeight, 1, default);
        LogitBinaryCrossEntropyTermsGradient(input, target, positive.Span, weights.Span, dInput, dTarget);
    }

    /// <summary>Cross-entropy of logits against class indices, as <c>torch.nn.functional.cross_entropy</c>: the mean or the sum.</summary>
    /// <remarks>
    /// <code>
    /// ℓ_b = (1 − ε)·w[y_b]·(lse_b − x[b, y_b]) + ε/C·Σ_c w[c]·(lse_b − x[b, c]),   lse_b = ln Σ_c e^x[b, c]
    /// ∂ℓ_b/∂x[b, c] = ((1 − ε)·w[y_b] + ε/C·Σ_k w[k])·softmax(x_b)[c] − (1 − ε)·w[y_b]·[c = y_b] − ε/C·w[c]
    /// </code>
    /// Without weights and smoothing the gradient is softmax(x_b) − onehot(y_b). A row whose target is
    /// <paramref name="ignoreIndex"/> adds nothing; the mean divides by Σ w[y_b] over the other rows (their count
    /// without weights), and is NaN when every row is ignored.
    /// </remarks>
    /// <param name="input">The logits x, N rows of C classes, row-major.</param>
    /// <param name="target">The class y_b of each row, in [0, C) or <paramref name="ignoreIndex"/>; N = its length.</param>
    /// <param name="weight">The class weights w: empty (all 1) or one per class.</param>
    /// <param name="ignoreIndex">The target value of rows that are left out.</param>
    /// <param name="labelSmoothing">ε in [0, 1]: the share of the target spread uniformly over the classes.</param>
    /// <param name="reduction"><see cref="Reduction.Mean"/> or <see cref="Reduction.Sum"/>.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">The lengths do not fit, a target is out of range, or <paramref name="reduction"/> is <see cref="Reduction.None"/>.</exception>
    public static float CrossEntropy(ReadOnlySpan<float> input, ReadOnlySpan<int> target, ReadOnlySpan<float> weight = default, int ignoreIndex = -100, float labelSmoothing = 0, Reduction reduction = Reduction.Mean)
    {
        using var rows = new IndexTargets<float>(input, target, weight, ignoreIndex, labelSmoothing);
        rows.Fill(rows.Scale(reduction), default);
        return rows.Result(
            rows.Smoothed
                ? SmoothedCrossEntropyTerms(input, rows.Targets, rows.Classes, rows.ClassWeights, rows.Weights, rows.Smoothing)
                : CrossEntropyTerms(input, rows.Targets, rows.Classes, rows.Weights),
            reduction);
    }

    /// <summary>Cross-entropy of logits against class indices, one loss per row (<c>reduction='none'</c>); an ignored row's loss is 0.</summary>
    /// <param name="input">The logits x, N rows of C classes, row-major.</param>
    /// <param name="target">The class y_b of each row, in [0, C) or <paramref name="ignoreIndex"/>; N = its length.</param>
    /// <param name="weight">The class weights w: empty (all 1) or one per class.</param>
    /// <param name="ignoreIndex">The target value of rows that are left out.</param>
    /// <param name="labelSmoothing">ε in [0, 1]: the share of the target spread uniformly over the classes.</param>
    /// <param name="losses">Receives ℓ_b, one per row.</param>
    /// <exception cref="ArgumentException">The lengths do not fit, or a target is out of range.</exception>
    public static void CrossEntropy(ReadOnlySpan<float> input, ReadOnlySpan<int> target, ReadOnlySpan<float> weight, int ignoreIndex, float labelSmoothing, Span<float> losses)
    {
        using var rows = new IndexTargets<float>(input, target, weight, ignoreIndex, labelSmoothing);
        LossArguments.Length(losses.Length, target.Length, nameof(losses));
        rows.Fill(1, default);
        var c = rows.Classes;
        for (var b = 0; b < target.Length; b++)
        {
            losses[b] = rows.Smoothed
                ? SmoothedCrossEntropyTerms(input.Slice(b * c, c), rows.Targets.Slice(b, 1), c, rows.ClassWeights, rows.Weights.Slice(b, 1), rows.Smoothing.Slice(b, 1))
                : CrossEntropyTerms(input.Slice(b * c, c), rows.Targets.Slice(b, 1), c, rows.Weights.Slice(b, 1));
        }
    }

    /// <summary>Cross-entropy of logits against class indices, reduced, and its gradient with respect to the logits: s·(softmax(x_b) − onehot(y_b)) without weights and smoothing, s = 1/N (mean) or 1 (sum).</summary>
    /// <param name="input">The logits x, N rows of C classes, row-major.</param>
    /// <param name="target">The class y_b of each row, in [0, C) or <paramref name="ignoreIndex"/>; N = its length.</param>
    /// <param name="weight">The class weights w: empty (all 1) or one per class.</param>
    /// <param name="ignoreIndex">The target value of rows that are left out.</param>
    /// <param name="labelSmoothing">ε in [0, 1]: the share of the target spread uniformly over the classes.</param>
    /// <param name="reduction"><see cref="Reduction.Mean"/> or <see cref="Reduction.Sum"/>.</param>
    /// <param name="dInput">Receives ∂loss/∂input; must have the length of <paramref name="input"/>.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">The lengths do not fit, a target is out of range, or <paramref name="reduction"/> is <see cref="Reduction.None"/>.</exception>
    public static float CrossEntropyGradient(ReadOnlySpan<float> input, ReadOnlySpan<int> target, ReadOnlySpan<float> weight, int ignoreIndex, float labelSmoothing, Reduction reduction, Span<float> dInput)
    {
        using var rows = new IndexTargets<float>(input, target, weight, ignoreIndex, labelSmoothing);
        LossArguments.Length(dInput.Length, input.Length, nameof(dInput));
        rows.Fill(rows.Scale(reduction), default);
        return rows.Result(CrossEntropyRows(input, rows, dInput), reduction);
    }

    /// <summary>Cross-entropy of logits against class indices: the vector-Jacobian product of the per-row losses with <paramref name="gradOutput"/>.</summary>
    /// <param name="input">The logits x, N rows of C classes, row-major.</param>
    /// <param name="target">The class y_b of each row, in [0, C) or <paramref name="ignoreIndex"/>; N = its length.</param>
    /// <param name="weight">The class weights w: empty (all 1) or one per class.</param>
    /// <param name="ignoreIndex">The target value of rows that are left out.</param>
    /// <param name="labelSmoothing">ε in [0, 1]: the share of the target spread uniformly over the classes.</param>
    /// <param name="gradOutput">The gradient of the per-row losses, one per row.</param>
    /// <param name="dInput">Receives Σ_b gradOutput_b·∂ℓ_b/∂input; must have the length of <paramref name="input"/>.</param>
    /// <exception cref="ArgumentException">The lengths do not fit, or a target is out of range.</exception>
    public static void CrossEntropyBackward(ReadOnlySpan<float> input, ReadOnlySpan<int> target, ReadOnlySpan<float> weight, int ignoreIndex, float labelSmoothing, ReadOnlySpan<float> gradOutput, Span<float> dInput)
    {
        using var rows = new IndexTargets<float>(input, target, weight, ignoreIndex, labelSmoothing);
        LossArguments.Length(gradOutput.Length, target.Length, nameof(gradOutput));
        LossArguments.Length(dInput.Length, input.Length, nameof(dInput));
        rows.Fill(1, gradOutput);
        CrossEntropyRows(input, rows, dInput);
    }

    private static float CrossEntropyRows(ReadOnlySpan<float> input, IndexTargets<float> rows, Span<float> dInput) => rows.Smoothed
        ? SmoothedCrossEntropyTermsGradient(input, rows.Targets, rows.Classes, rows.ClassWeights, rows.Weights, rows.Smoothing, dInput)
        : CrossEntropyTermsGradient(input, rows.Targets, rows.Classes, rows.Weights, dInput);

    /// <summary>Cross-entropy of logits against class probabilities, as <c>torch.nn.functional.cross_entropy</c> with a float target: the mean over the N rows or the sum.</summary>
    /// <remarks>
    /// <code>
    /// ℓ_b = Σ_c w[c]·q[b, c]·(lse_b − x[b, c]),   q = (1 − ε)·t + ε/C,   lse_b = ln Σ_c e^x[b, c]
    /// ∂ℓ_b/∂x[b, c] = (Σ_k w[k]·q[b, k])·softmax(x_b)[c] − w[c]·q[b, c]      ∂ℓ_b/∂t[b, c] = (1 − ε)·w[c]·(lse_b − x[b, c])
    /// </code>
    /// </remarks>
    /// <param name="input">The logits x, N rows of <paramref name="classes"/>, row-major.</param>
    /// <param name="target">The probabilities t, one per logit.</param>
    /// <param name="classes">C, the length of a row.</param>
    /// <param name="weight">The class weights w: empty (all 1) or one per class.</param>
    /// <param name="labelSmoothing">ε in [0, 1].</param>
    /// <param name="reduction"><see cref="Reduction.Mean"/> (divides by N, whatever the weights) or <see cref="Reduction.Sum"/>.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">The lengths do not fit, or <paramref name="reduction"/> is <see cref="Reduction.None"/>.</exception>
    public static float CrossEntropy(ReadOnlySpan<float> input, ReadOnlySpan<float> target, int classes, ReadOnlySpan<float> weight = default, float labelSmoothing = 0, Reduction reduction = Reduction.Mean)
    {
        using var dInput = new PooledSpan<float>(input.Length);
        using var dTarget = new PooledSpan<float>(input.Length);
        return CrossEntropyGradient(input, target, classes, weight, labelSmoothing, reduction, dInput.Span, dTarget.Span);
    }

    /// <summary>Cross-entropy of logits against class probabilities, one loss per row (<c>reduction='none'</c>).</summary>
    /// <param name="input">The logits x, N rows of <paramref name="classes"/>, row-major.</param>
    /// <param name="target">The probabilities t, one per logit.</param>
    /// <param name="classes">C, the length of a row.</param>
    /// <param name="weight">The class weights w: empty (all 1) or one per class.</param>
    /// <param name="labelSmoothing">ε in [0, 1].</param>
    /// <param name="losses">Receives ℓ_b, one per row.</param>
    /// <exception cref="ArgumentException">The lengths do not fit.</exception>
    public static void CrossEntropy(ReadOnlySpan<float> input, ReadOnlySpan<float> target, int classes, ReadOnlySpan<float> weight, float labelSmoothing, Span<float> losses)
    {
        using var classWeights = LossArguments.SoftTargets(input, target, classes, weight, labelSmoothing);
        LossArguments.Length(losses.Length, input.Length / classes, nameof(losses));
        for (var b = 0; b < losses.Length; b++)
        {
            losses[b] = SoftCrossEntropyTerms(input.Slice(b * classes, classes), target.Slice(b * classes, classes), classes, classWeights.Span, 1 - labelSmoothing, labelSmoothing / classes, [1]);
        }
    }

    /// <summary>Cross-entropy of logits against class probabilities, reduced, and its gradient with respect to the logits.</summary>
    /// <param name="input">The logits x, N rows of <paramref name="classes"/>, row-major.</param>
    /// <param name="target">The probabilities t, one per logit.</param>
    /// <param name="classes">C, the length of a row.</param>
    /// <param name="weight">The class weights w: empty (all 1) or one per class.</param>
    /// <param name="labelSmoothing">ε in [0, 1].</param>
    /// <param name="reduction"><see cref="Reduction.Mean"/> (divides by N) or <see cref="Reduction.Sum"/>.</param>
    /// <param name="dInput">Receives ∂loss/∂input; must have the length of <paramref name="input"/>.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">The lengths do not fit, or <paramref name="reduction"/> is <see cref="Reduction.None"/>.</exception>
    public static float CrossEntropyGradient(ReadOnlySpan<float> input, ReadOnlySpan<float> target, int classes, ReadOnlySpan<float> weight, float labelSmoothing, Reduction reduction, Span<float> dInput)
    {
        LossArguments.Length(dInput.Length, input.Length, nameof(dInput));
        using var dTarget = new PooledSpan<float>(input.Length);
        return CrossEntropyGradient(input, target, classes, weight, labelSmoothing, reduction, dInput, dTarget.Span);
    }

    /// <summary>Cross-entropy of logits against class probabilities, reduced, and its gradient with respect to the logits and the probabilities.</summary>
    /// <param name="input">The logits x, N rows of <paramref name="classes"/>, row-major.</param>
    /// <param name="target">The probabilities t, one per logit.</param>
    /// <param name="classes">C, the length of a row.</param>
    /// <param name="weight">The class weights w: empty (all 1) or one per class.</param>
    /// <param name="labelSmoothing">ε in [0, 1].</param>
    /// <param name="reduction"><see cref="Reduction.Mean"/> (divides by N) or <see cref="Reduction.Sum"/>.</param>
    /// <param name="dInput">Receives ∂loss/∂input; must have the length of <paramref name="input"/>.</param>
    /// <param name="dTarget">Receives ∂loss/∂target; must have the length of <paramref name="target"/>.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">The lengths do not fit, or <paramref name="reduction"/> is <see cref="Reduction.None"/>.</exception>
    public static float CrossEntropyGradient(ReadOnlySpan<float> input, ReadOnlySpan<float> target, int classes, ReadOnlySpan<float> weight, float labelSmoothing, Reduction reduction, Span<float> dInput, Span<float> dTarget)
    {
        using var classWeights = LossArguments.SoftTargets(input, target, classes, weight, labelSmoothing);
        LossArguments.Length(dInput.Length, input.Length, nameof(dInput));
        LossArguments.Length(dTarget.Length, input.Length, nameof(dTarget));
        var rows = input.Length / classes;
        using var weights = new PooledSpan<float>(rows, LossArguments.Scale<float>(reduction, rows));
        return SoftCrossEntropyTermsGradient(input, target, classes, classWeights.Span, 1 - labelSmoothing, labelSmoothing / classes, weights.Span, dInput, dTarget);
    }

    /// <summary>Cross-entropy of logits against class probabilities: the vector-Jacobian product of the per-row losses with <paramref name="gradOutput"/>.</summary>
    /// <param name="input">The logits x, N rows of <paramref name="classes"/>, row-major.</param>
    /// <param name="target">The probabilities t, one per logit.</param>
    /// <param name="classes">C, the length of a row.</param>
    /// <param name="weight">The class weights w: empty (all 1) or one per class.</param>
    /// <param name="labelSmoothing">ε in [0, 1].</param>
    /// <param name="gradOutput">The gradient of the per-row losses, one per row.</param>
    /// <param name="dInput">Receives Σ_b gradOutput_b·∂ℓ_b/∂input; must have the length of <paramref name="input"/>.</param>
    /// <exception cref="ArgumentException">The lengths do not fit.</exception>
    public static void CrossEntropyBackward(ReadOnlySpan<float> input, ReadOnlySpan<float> target, int classes, ReadOnlySpan<float> weight, float labelSmoothing, ReadOnlySpan<float> gradOutput, Span<float> dInput)
    {
        LossArguments.Length(dInput.Length, input.Length, nameof(dInput));
        using var dTarget = new PooledSpan<float>(input.Length);
        CrossEntropyBackward(input, target, classes, weight, labelSmoothing, gradOutput, dInput, dTarget.Span);
    }

    /// <summary>Cross-entropy of logits against class probabilities: the vector-Jacobian products with respect to the logits and the probabilities.</summary>
    /// <param name="input">The logits x, N rows of <paramref name="classes"/>, row-major.</param>
    /// <param name="target">The probabilities t, one per logit.</param>
    /// <param name="classes">C, the length of a row.</param>
    /// <param name="weight">The class weights w: empty (all 1) or one per class.</param>
    /// <param name="labelSmoothing">ε in [0, 1].</param>
    /// <param name="gradOutput">The gradient of the per-row losses, one per row.</param>
    /// <param name="dInput">Receives Σ_b gradOutput_b·∂ℓ_b/∂input; must have the length of <paramref name="input"/>.</param>
    /// <param name="dTarget">Receives Σ_b gradOutput_b·∂ℓ_b/∂target; must have the length of <paramref name="target"/>.</param>
    /// <exception cref="ArgumentException">The lengths do not fit.</exception>
    public static void CrossEntropyBackward(ReadOnlySpan<float> input, ReadOnlySpan<float> target, int classes, ReadOnlySpan<float> weight, float labelSmoothing, ReadOnlySpan<float> gradOutput, Span<float> dInput, Span<float> dTarget)
    {
        using var classWeights = LossArguments.SoftTargets(input, target, classes, weight, labelSmoothing);
        LossArguments.Length(gradOutput.Length, input.Length / classes, nameof(gradOutput));
        LossArguments.Length(dInput.Length, input.Length, nameof(dInput));
        LossArguments.Length(dTarget.Length, input.Length, nameof(dTarget));
        SoftCrossEntropyTermsGradient(input, target, classes, classWeights.Span, 1 - labelSmoothing, labelSmoothing / classes, gradOutput, dInput, dTarget);
    }

    /// <summary>Negative log-likelihood of log-probabilities against class indices, as <c>torch.nn.functional.nll_loss</c>: the mean or the sum.</summary>
    /// <remarks>
    /// <code>
    /// ℓ_b = −w[y_b]·x[b, y_b]      ∂ℓ_b/∂x[b, c] = −w[y_b]·[c = y_b]
    /// </code>
    /// A row whose target is <paramref name="ignoreIndex"/> adds nothing; the mean divides by Σ w[y_b] over the other
    /// rows, and is NaN when every row is ignored.
    /// </remarks>
    /// <param name="input">The log-probabilities x, N rows of C classes, row-major.</param>
    /// <param name="target">The class y_b of each row, in [0, C) or <paramref name="ignoreIndex"/>; N = its length.</param>
    /// <param name="weight">The class weights w: empty (all 1) or one per class.</param>
    /// <param name="ignoreIndex">The target value of rows that are left out.</param>
    /// <param name="reduction"><see cref="Reduction.Mean"/> or <see cref="Reduction.Sum"/>.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">The lengths do not fit, a target is out of range, or <paramref name="reduction"/> is <see cref="Reduction.None"/>.</exception>
    public static float NllLoss(ReadOnlySpan<float> input, ReadOnlySpan<int> target, ReadOnlySpan<float> weight = default, int ignoreIndex = -100, Reduction reduction = Reduction.Mean)
    {
        using var rows = new IndexTargets<float>(input, target, weight, ignoreIndex, 0);
        rows.Fill(rows.Scale(reduction), default);
        return rows.Result(NllTerms(input, rows.Targets, rows.Classes, rows.Weights), reduction);
    }

    /// <summary>Negative log-likelihood, one loss per row (<c>reduction='none'</c>): ℓ_b = −w[y_b]·x[b, y_b], 0 for an ignored row.</summary>
    /// <param name="input">The log-probabilities x, N rows of C classes, row-major.</param>
    /// <param name="target">The class y_b of each row, in [0, C) or <paramref name="ignoreIndex"/>; N = its length.</param>
    /// <param name="weight">The class weights w: empty (all 1) or one per class.</param>
    /// <param name="ignoreIndex">The target value of rows that are left out.</param>
    /// <param name="losses">Receives ℓ_b, one per row.</param>
    /// <exception cref="ArgumentException">The lengths do not fit, or a target is out of range.</exception>
    public static void NllLoss(ReadOnlySpan<float> input, ReadOnlySpan<int> target, ReadOnlySpan<float> weight, int ignoreIndex, Span<float> losses)
    {
        using var rows = new IndexTargets<float>(input, target, weight, ignoreIndex, 0);
        LossArguments.Length(losses.Length, target.Length, nameof(losses));
        rows.Fill(1, default);
        var c = rows.Classes;
        for (var b = 0; b < target.Length; b++)
        {
            losses[b] = NllTerms(input.Slice(b * c, c), rows.Targets.Slice(b, 1), c, rows.Weights.Slice(b, 1));
        }
    }

    /// <summary>Negative log-likelihood, reduced, and its gradient: −s·w[y_b] at each row's target, 0 elsewhere; s = 1/Σ w[y_b] (mean) or 1 (sum).</summary>
    /// <param name="input">The log-probabilities x, N rows of C classes, row-major.</param>
    /// <param name="target">The class y_b of each row, in [0, C) or <paramref name="ignoreIndex"/>; N = its length.</param>
    /// <param name="weight">The class weights w: empty (all 1) or one per class.</param>
    /// <param name="ignoreIndex">The target value of rows that are left out.</param>
    /// <param name="reduction"><see cref="Reduction.Mean"/> or <see cref="Reduction.Sum"/>.</param>
    /// <param name="dInput">Receives ∂loss/∂input; must have the length of <paramref name="input"/>.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">The lengths do not fit, a target is out of range, or <paramref name="reduction"/> is <see cref="Reduction.None"/>.</exception>
    public static float NllLossGradient(ReadOnlySpan<float> input, ReadOnlySpan<int> target, ReadOnlySpan<float> weight, int ignoreIndex, Reduction reduction, Span<float> dInput)
    {
        using var rows = new IndexTargets<float>(input, target, weight, ignoreIndex, 0);
        LossArguments.Length(dInput.Length, input.Length, nameof(dInput));
        rows.Fill(rows.Scale(reduction), default);
        return rows.Result(NllTermsGradient(input, rows.Targets, rows.Classes, rows.Weights, dInput), reduction);
    }

    /// <summary>Negative log-likelihood: the vector-Jacobian product of the per-row losses with <paramref name="gradOutput"/>.</summary>
    /// <param name="input">The log-probabilities x, N rows of C classes, row-major.</param>
    /// <param name="target">The class y_b of each row, in [0, C) or <paramref name="ignoreIndex"/>; N = its length.</param>
    /// <param name="weight">The class weights w: empty (all 1) or one per class.</param>
    /// <param name="ignoreIndex">The target value of rows that are left out.</param>
    /// <param name="gradOutput">The gradient of the per-row losses, one per row.</param>
    /// <param name="dInput">Receives −gradOutput_b·w[y_b] at each row's target, 0 elsewhere; must have the length of <paramref name="input"/>.</param>
    /// <exception cref="ArgumentException">The lengths do not fit, or a target is out of range.</exception>
    public static void NllLossBackward(ReadOnlySpan<float> input, ReadOnlySpan<int> target, ReadOnlySpan<float> weight, int ignoreIndex, ReadOnlySpan<float> gradOutput, Span<float> dInput)
    {
        using var rows = new IndexTargets<float>(input, target, weight, ignoreIndex, 0);
        LossArguments.Length(gradOutput.Length, target.Length, nameof(gradOutput));
        LossArguments.Length(dInput.Length, input.Length, nameof(dInput));
        rows.Fill(1, gradOutput);
        NllTermsGradient(input, rows.Targets, rows.Classes, rows.Weights, dInput);
    }

    [Differentiable]
    private static double BinaryCrossEntropyTerms(ReadOnlySpan<double> input, ReadOnlySpan<double> target, [NoDerivative] ReadOnlySpan<double> weights)
    {
        double total = 0;
        for (int i = 0; i < input.Length; i++)
        {
            total += weights[i] * BinaryCrossEntropyTerm(input[i], target[i]);
        }

        return total;
    }

    /// <summary>PyTorch's binary cross-entropy of one probability: each log clamped at −100 so that p = 0 or 1 stays finite.</summary>
    private static double BinaryCrossEntropyTerm(double input, double target) =>
        (target - 1) * Math.Max(Math.Log(1 - input), -100) - target * Math.Max(Math.Log(input), -100);

    /// <summary>
    /// PyTorch's ∂/∂input of <see cref="BinaryCrossEntropyTerm(double, double)"/>: (p − t) / max(p·(1 − p), ε) with ε = the float 1e-12 widened, 9.999999960041972e-13,
    /// not the derivative of the clamped logs (which is 0 where a log is clamped): ±1e12 at p = 0 or 1.
    /// </summary>
    [DerivativeOf(nameof(BinaryCrossEntropyTerm), Wrt = "input")]
    private static double BinaryCrossEntropyTermDInput(double input, double target) =>
        (input - target) / Math.Max((1 - input) * input, 9.999999960041972e-13);

    /// <summary>PyTorch's ∂/∂target of <see cref="BinaryCrossEntropyTerm(double, double)"/>: ln(1 − p) − ln(p), without the clamp of the forward logs.</summary>
    [DerivativeOf(nameof(BinaryCrossEntropyTerm), Wrt = "target")]
    private static double BinaryCrossEntropyTermDTarget(double input, double target) =>
        Math.Log(1 - input) - Math.Log(input);

    [Differentiable]
    private static double LogitBinaryCrossEntropy(double input, double target, [NoDerivative] double posWeight) =>
        (1 - target) * input + ((posWeight - 1) * target + 1) * Math.Log(1 + Math.Exp(-input));

    [Differentiable]
    private static double LogitBinaryCrossEntropyTerms(ReadOnlySpan<double> input, ReadOnlySpan<double> target, [NoDerivative] ReadOnlySpan<double> posWeight, [NoDerivative] ReadOnlySpan<double> weights)
    {
        double total = 0;
        for (int i = 0; i < input.Length; i++)
        {
            total += weights[i] * LogitBinaryCrossEntropy(input[i], target[i], posWeight[i]);
        }

        return total;
    }

    [Differentiable]
    private static double CrossEntropyTerms(ReadOnlySpan<double> input, ReadOnlySpan<int> target, int classes, [NoDerivative] ReadOnlySpan<double> weights)
    {
        double total = 0;
        for (int b = 0; b < target.Length; b++)
        {
            double max = double.NegativeInfinity;
            for (int c = 0; c < classes; c++)
            {
                max = Math.Max(max, input[b * classes + c]);
            }

            double sum = 0;
            for (int c = 0; c < classes; c++)
            {
                sum += Math.Exp(input[b * classes + c] - max);
            }

            total += weights[b] * (Math.Log(sum) + max - input[b * classes + target[b]]);
        }

        return total;
    }

    [Differentiable]
    private static double SmoothedCrossEntropyTerms(ReadOnlySpan<double> input, ReadOnlySpan<int> target, int classes, [NoDerivative] ReadOnlySpan<double> classWeight, [NoDerivative] ReadOnlySpan<double> weights, [NoDerivative] ReadOnlySpan<double> smoothing)
    {
        double total = 0;
        for (int b = 0; b < target.Length; b++)
        {
            double max = double.NegativeInfinity;
            for (int c = 0; c < classes; c++)
            {
                max = Math.Max(max, input[b * classes + c]);
            }

            double sum = 0;
            for (int c = 0; c < classes; c++)
            {
                sum += Math.Exp(input[b * classes + c] - max);
            }

            double logSumExp = Math.Log(sum) + max;
            double uniform = 0;
            for (int c = 0; c < classes; c++)
            {
                uniform += classWeight[c] * (logSumExp - input[b * classes + c]);
            }

            total += weights[b] * (logSumExp - input[b * classes + target[b]]) + smoothing[b] * uniform;
        }

        return total;
    }

    [Differentiable]
    private static double SoftCrossEntropyTerms(ReadOnlySpan<double> input, ReadOnlySpan<double> target, int classes, [NoDerivative] ReadOnlySpan<double> classWeight, [NoDerivative] double keep, [NoDerivative] double uniform, [NoDerivative] ReadOnlySpan<double> weights)
    {
        double total = 0;
        for (int b = 0; b < weights.Length; b++)
        {
            double max = double.NegativeInfinity;
            for (int c = 0; c < classes; c++)
            {
                max = Math.Max(max, input[b * classes + c]);
            }

            double sum = 0;
            for (int c = 0; c < classes; c++)
            {
                sum += Math.Exp(input[b * classes + c] - max);
            }

            double logSumExp = Math.Log(sum) + max;
            for (int c = 0; c < classes; c++)
            {
                total += weights[b] * classWeight[c] * (keep * target[b * classes + c] + uniform) * (logSumExp - input[b * classes + c]);
            }
        }

        return total;
    }

    [Differentiable]
    private static double NllTerms(ReadOnlySpan<double> input, ReadOnlySpan<int> target, int classes, [NoDerivative] ReadOnlySpan<double> weights)
    {
        double total = 0;
        for (int b = 0; b < target.Length; b++)
        {
            total -= weights[b] * input[b * classes + target[b]];
        }

        return total;
    }

    [Differentiable]
    private static float BinaryCrossEntropyTerms(ReadOnlySpan<float> input, ReadOnlySpan<float> target, [NoDerivative] ReadOnlySpan<float> weights)
    {
        float total = 0;
        for (int i = 0; i < input.Length; i++)
        {
            total += weights[i] * BinaryCrossEntropyTerm(input[i], target[i]);
        }

        return total;
    }

    /// <summary>PyTorch's binary cross-entropy of one probability: each log clamped at −100 so that p = 0 or 1 stays finite.</summary>
    private static float BinaryCrossEntropyTerm(float input, float target) =>
        (target - 1) * MathF.Max(MathF.Log(1 - input), -100) - target * MathF.Max(MathF.Log(input), -100);

    /// <summary>
    /// PyTorch's ∂/∂input of <see cref="BinaryCrossEntropyTerm(float, float)"/>: (p − t) / max(p·(1 − p), ε) with ε = 1e-12f,
    /// not the derivative of the clamped logs (which is 0 where a log is clamped): ±1e12 at p = 0 or 1.
    /// </summary>
    [DerivativeOf(nameof(BinaryCrossEntropyTerm), Wrt = "input")]
    private static float BinaryCrossEntropyTermDInput(float input, float target) =>
        (input - target) / MathF.Max((1 - input) * input, 1e-12f);

    /// <summary>PyTorch's ∂/∂target of <see cref="BinaryCrossEntropyTerm(float, float)"/>: ln(1 − p) − ln(p), without the clamp of the forward logs.</summary>
    [DerivativeOf(nameof(BinaryCrossEntropyTerm), Wrt = "target")]
    private static float BinaryCrossEntropyTermDTarget(float input, float target) =>
        MathF.Log(1 - input) - MathF.Log(input);

    [Differentiable]
    private static float LogitBinaryCrossEntropy(float input, float target, [NoDerivative] float posWeight) =>
        (1 - target) * input + ((posWeight - 1) * target + 1) * MathF.Log(1 + MathF.Exp(-input));

    [Differentiable]
    private static float LogitBinaryCrossEntropyTerms(ReadOnlySpan<float> input, ReadOnlySpan<float> target, [NoDerivative] ReadOnlySpan<float> posWeight, [NoDerivative] ReadOnlySpan<float> weights)
    {
        float total = 0;
        for (int i = 0; i < input.Length; i++)
        {
            total += weights[i] * LogitBinaryCrossEntropy(input[i], target[i], posWeight[i]);
        }

        return total;
    }

    [Differentiable]
    private static float CrossEntropyTerms(ReadOnlySpan<float> input, ReadOnlySpan<int> target, int classes, [NoDerivative] ReadOnlySpan<float> weights)
    {
        float total = 0;
        for (int b = 0; b < target.Length; b++)
        {
            float max = float.NegativeInfinity;
            for (int c = 0; c < classes; c++)
            {
                max = MathF.Max(max, input[b * classes + c]);
            }

            float sum = 0;
            for (int c = 0; c < classes; c++)
            {
                sum += MathF.Exp(input[b * classes + c] - max);
            }

            total += weights[b] * (MathF.Log(sum) + max - input[b * classes + target[b]]);
        }

        return total;
    }

    [Differentiable]
    private static float SmoothedCrossEntropyTerms(ReadOnlySpan<float> input, ReadOnlySpan<int> target, int classes, [NoDerivative] ReadOnlySpan<float> classWeight, [NoDerivative] ReadOnlySpan<float> weights, [NoDerivative] ReadOnlySpan<float> smoothing)
    {
        float total = 0;
        for (int b = 0; b < target.Length; b++)
        {
            float max = float.NegativeInfinity;
            for (int c = 0; c < classes; c++)
            {
                max = MathF.Max(max, input[b * classes + c]);
            }

            float sum = 0;
            for (int c = 0; c < classes; c++)
            {
                sum += MathF.Exp(input[b * classes + c] - max);
            }

            float logSumExp = MathF.Log(sum) + max;
            float uniform = 0;
            for (int c = 0; c < classes; c++)
            {
                uniform += classWeight[c] * (logSumExp - input[b * classes + c]);
            }

            total += weights[b] * (logSumExp - input[b * classes + target[b]]) + smoothing[b] * uniform;
        }

        return total;
    }

    [Differentiable]
    private static float SoftCrossEntropyTerms(ReadOnlySpan<float> input, ReadOnlySpan<float> target, int classes, [NoDerivative] ReadOnlySpan<float> classWeight, [NoDerivative] float keep, [NoDerivative] float uniform, [NoDerivative] ReadOnlySpan<float> weights)
    {
        float total = 0;
        for (int b = 0; b < weights.Length; b++)
        {
            float max = float.NegativeInfinity;
            for (int c = 0; c < classes; c++)
            {
                max = MathF.Max(max, input[b * classes + c]);
            }

            float sum = 0;
            for (int c = 0; c < classes; c++)
            {
                sum += MathF.Exp(input[b * classes + c] - max);
            }

            float logSumExp = MathF.Log(sum) + max;
            for (int c = 0; c < classes; c++)
            {
                total += weights[b] * classWeight[c] * (keep * target[b * classes + c] + uniform) * (logSumExp - input[b * classes + c]);
            }
        }

        return total;
    }

    [Differentiable]
    private static float NllTerms(ReadOnlySpan<float> input, ReadOnlySpan<int> target, int classes, [NoDerivative] ReadOnlySpan<float> weights)
    {
        float total = 0;
        for (int b = 0; b < target.Length; b++)
        {
            total -= weights[b] * input[b * classes + target[b]];
        }

        return total;
    }
}
