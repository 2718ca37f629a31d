using System;

namespace SymGrad;

/// <summary>Loss functions with torch.nn.functional semantics, and their gradients.</summary>
public static partial class Losses
{
    /// <summary>
    /// The Kullback-Leibler divergence loss of log-probabilities <paramref name="input"/> from <paramref name="target"/>,
    /// as torch's <c>kl_div</c>: ℓᵢ = tᵢ·(ln tᵢ − xᵢ) (0 where tᵢ = 0), or with <paramref name="logTarget"/>
    /// ℓᵢ = e^tᵢ·(tᵢ − xᵢ). The mean divides by the number of elements; see <see cref="KlDivLossBatchMean(ReadOnlySpan{double}, ReadOnlySpan{double}, int, bool)"/>
    /// for PyTorch's 'batchmean'.
    /// </summary>
    /// <param name="input">Log-probabilities x.</param>
    /// <param name="target">Probabilities t (log-probabilities with <paramref name="logTarget"/>), one per input.</param>
    /// <param name="logTarget">Whether <paramref name="target"/> holds log-probabilities.</param>
    /// <param name="reduction">Mean (Σℓᵢ / n) or Sum (Σℓᵢ).</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">The lengths differ, or <paramref name="reduction"/> is <see cref="Reduction.None"/>.</exception>
    public static double KlDivLoss(ReadOnlySpan<double> input, ReadOnlySpan<double> target, bool logTarget = false, Reduction reduction = Reduction.Mean)
    {
        LossArguments.Length(target.Length, input.Length, nameof(target));
        using var losses = new PooledSpan<double>(input.Length);
        KlDivTerms(input, target, logTarget, losses.Span);
        return LossRows.Reduce(losses.Span, reduction);
    }

    /// <summary>The Kullback-Leibler divergence loss of every element (reduction 'none'): ℓᵢ = tᵢ·(ln tᵢ − xᵢ), or e^tᵢ·(tᵢ − xᵢ) with <paramref name="logTarget"/>.</summary>
    /// <param name="input">Log-probabilities x.</param>
    /// <param name="target">Probabilities t (log-probabilities with <paramref name="logTarget"/>), one per input.</param>
    /// <param name="logTarget">Whether <paramref name="target"/> holds log-probabilities.</param>
    /// <param name="losses">Receives ℓᵢ, one per input.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static void KlDivLoss(ReadOnlySpan<double> input, ReadOnlySpan<double> target, bool logTarget, Span<double> losses)
    {
        LossArguments.Length(target.Length, input.Length, nameof(target));
        LossArguments.Length(losses.Length, input.Length, nameof(losses));
        KlDivTerms(input, target, logTarget, losses);
    }

    /// <summary>The reduced Kullback-Leibler divergence loss and its gradient: ∂ℓᵢ/∂xᵢ = −tᵢ (−e^tᵢ with <paramref name="logTarget"/>), scaled by the reduction.</summary>
    /// <param name="input">Log-probabilities x.</param>
    /// <param name="target">Probabilities t (log-probabilities with <paramref name="logTarget"/>), one per input.</param>
    /// <param name="logTarget">Whether <paramref name="target"/> holds log-probabilities.</param>
    /// <param name="reduction">Mean or Sum.</param>
    /// <param name="dInput">Receives the gradient with respect to <paramref name="input"/>.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">A length differs, or <paramref name="reduction"/> is <see cref="Reduction.None"/>.</exception>
    public static double KlDivLossGradient(ReadOnlySpan<double> input, ReadOnlySpan<double> target, bool logTarget, Reduction reduction, Span<double> dInput)
    {
        var loss = KlDivLoss(input, target, logTarget, reduction);
        LossArguments.Length(dInput.Length, input.Length, nameof(dInput));
        using var gradOutput = new PooledSpan<double>(input.Length, LossRows.Factor(reduction, input.Length));
        KlDivTermsBackward(input, target, logTarget, gradOutput.Span, dInput);
        return loss;
    }

    /// <summary>The vector-Jacobian product of the per-element Kullback-Leibler losses with <paramref name="gradOutput"/>: dxᵢ = −gᵢ·tᵢ (−gᵢ·e^tᵢ with <paramref name="logTarget"/>).</summary>
    /// <param name="input">Log-probabilities x.</param>
    /// <param name="target">Probabilities t (log-probabilities with <paramref name="logTarget"/>), one per input.</param>
    /// <param name="logTarget">Whether <paramref name="target"/> holds log-probabilities.</param>
    /// <param name="gradOutput">g, the gradient with respect to each ℓᵢ.</param>
    /// <param name="dInput">Receives the gradient with respect to <paramref name="input"/>.</param>
    /// <exception cref="ArgumentException">A length differs.</exception>
    public static void KlDivLossBackward(ReadOnlySpan<double> input, ReadOnlySpan<double> target, bool logTarget, ReadOnlySpan<double> gradOutput, Span<double> dInput)
    {
        LossArguments.Length(target.Length, input.Length, nameof(target));
        KlDivTermsBackward(input, target, logTarget, gradOutput, dInput);
    }

    /// <summary>
    /// The Kullback-Leibler divergence loss with PyTorch's reduction 'batchmean': Σℓᵢ / <paramref name="batchSize"/>, the
    /// divergence per sample of a batch of distributions (the mathematically correct KL divergence).
    /// </summary>
    /// <param name="input">Log-probabilities x, <paramref name="batchSize"/> rows.</param>
    /// <param name="target">Probabilities t (log-probabilities with <paramref name="logTarget"/>), one per input.</param>
    /// <param name="batchSize">The number of rows N of <paramref name="input"/> (torch's <c>input.size(0)</c>).</param>
    /// <param name="logTarget">Whether <paramref name="target"/> holds log-probabilities.</param>
    /// <returns>Σℓᵢ / N.</returns>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> is not positive or does not divide the input into rows.</exception>
    public static double KlDivLossBatchMean(ReadOnlySpan<double> input, ReadOnlySpan<double> target, int batchSize, bool logTarget = false)
    {
        LossRows.Rows(input.Length, batchSize, nameof(batchSize));
        return KlDivLoss(input, target, logTarget, Reduction.Sum) / batchSize;
    }

    /// <summary>The 'batchmean' Kullback-Leibler divergence loss and its gradient: ∂/∂xᵢ = −tᵢ / N (−e^tᵢ / N with <paramref name="logTarget"/>).</summary>
    /// <param name="input">Log-probabilities x, <paramref name="batchSize"/> rows.</param>
    /// <param name="target">Probabilities t (log-probabilities with <paramref name="logTarget"/>), one per input.</param>
    /// <param name="batchSize">The number of rows N of <paramref name="input"/>.</param>
    /// <param name="logTarget">Whether <paramref name="target"/> holds log-probabilities.</param>
    /// <param name="dInput">Receives the gradient with respect to <paramref name="input"/>.</param>
    /// <returns>Σℓᵢ / N.</returns>
    /// <exception cref="ArgumentException">A length differs.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> is not positive or does not divide the input into rows.</exception>
    public static double KlDivLossBatchMeanGradient(ReadOnlySpan<double> input, ReadOnlySpan<double> target, int batchSize, bool logTarget, Span<double> dInput)
    {
        var loss = KlDivLossBatchMean(input, target, batchSize, logTarget);
        LossArguments.Length(dInput.Length, input.Length, nameof(dInput));
        using var gradOutput = new PooledSpan<double>(input.Length, 1.0 / batchSize);
        KlDivTermsBackward(input, target, logTarget, gradOutput.Span, dInput);
        return loss;
    }

    /// <summary>
    /// The Poisson negative log-likelihood loss, as torch's <c>poisson_nll_loss</c>: ℓᵢ = e^xᵢ − tᵢ·xᵢ with
    /// <paramref name="logInput"/> (x is the log-rate), else ℓᵢ = xᵢ − tᵢ·ln(xᵢ + ε). With <paramref name="full"/>
    /// the Stirling term tᵢ·ln tᵢ − tᵢ + ½·ln(2π·tᵢ) is added where tᵢ &gt; 1.
    /// </summary>
    /// <param name="input">The predicted rate x (its logarithm with <paramref name="logInput"/>).</param>
    /// <param name="target">The observed counts t, one per input.</param>
    /// <param name="logInput">Whether <paramref name="input"/> is the log of the rate.</param>
    /// <param name="full">Whether to add the Stirling approximation of ln(t!).</param>
    /// <param name="eps">ε, which keeps ln(x + ε) finite at x = 0 when <paramref name="logInput"/> is false.</param>
    /// <param name="reduction">Mean (Σℓᵢ / n) or Sum (Σℓᵢ).</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">The lengths differ, or <paramref name="reduction"/> is <see cref="Reduction.None"/>.</exception>
    public static double PoissonNllLoss(ReadOnlySpan<double> input, ReadOnlySpan<double> target, bool logInput = true, bool full = false, double eps = 1e-8, Reduction reduction = Reduction.Mean)
    {
        LossArguments.Length(target.Length, input.Length, nameof(target));
        using var losses = new PooledSpan<double>(input.Length);
        PoissonNllTerms(input, target, logInput, full, eps, losses.Span);
        return LossRows.Reduce(losses.Span, reduction);
    }

    /// <summary>The Poisson negative log-likelihood of every element (reduction 'none'): ℓᵢ = e^xᵢ − tᵢ·xᵢ, or xᵢ − tᵢ·ln(xᵢ + ε), plus the Stirling term with <paramref name="full"/>.</summary>
    /// <param name="input">The predicted rate x (its logarithm with <paramref name="logInput"/>).</param>
    /// <param name="target">The observed counts t, one per input.</param>
    /// <param name="logInput">Whether <paramref name="input"/> is the log of the rate.</param>
    /// <param name="full">Whether to add the Stirling approximation of ln(t!) where t &gt; 1.</param>
    /// <param name="eps">ε in ln(x + ε).</param>
    /// <param name="losses">Receives ℓᵢ, one per input.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static void PoissonNllLoss(ReadOnlySpan<double> input, ReadOnlySpan<double> target, bool logInput, bool full, double eps, Span<double> losses)
    {
        LossArguments.Length(target.Length, input.Length, nameof(target));
        LossArguments.Length(losses.Length, input.Length, nameof(losses));
        PoissonNllTerms(input, target, logInput, full, eps, losses);
    }

    /// <summary>The reduced Poisson negative log-likelihood and its gradient: ∂ℓᵢ/∂xᵢ = e^xᵢ − tᵢ, or 1 − tᵢ / (xᵢ + ε), scaled by the reduction.</summary>
    /// <param name="input">The predicted rate x (its logarithm with <paramref name="logInput"/>).</param>
    /// <param name="target">The observed counts t, one per input.</param>
    /// <param name="logInput">Whether <paramref name="input"/> is the log of the rate.</param>
    /// <param name="full">Whether to add the Stirling approximation of ln(t!) where t &gt; 1.</param>
    /// <param name="eps">ε in ln(x + ε).</param>
    /// <param name="reduction">Mean or Sum.</param>
    /// <param name="dInput">Receives the gradient with respect to <paramref name="input"/>.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">A length differs, or <paramref name="reduction"/> is <see cref="Reduction.None"/>.</exception>
    public static double PoissonNllLossGradient(ReadOnlySpan<double> input, ReadOnlySpan<double> target, bool logInput, bool full, double eps, Reduction reduction, Span<double> dInput)
    {
        var loss = PoissonNllLoss(input, target, logInput, full, eps, reduction);
        LossArguments.Length(dInput.Length, input.Length, nameof(dInput));
        using var gradOutput = new PooledSpan<double>(input.Length, LossRows.Factor(reduction, input.Length));
        PoissonNllTermsBackward(input, target, logInput, full, eps, gradOutput.Span, dInput);
        return loss;
    }

    /// <summary>The vector-Jacobian product of the per-element Poisson losses with <paramref name="gradOutput"/>: dxᵢ = gᵢ·(e^xᵢ − tᵢ), or gᵢ·(1 − tᵢ / (xᵢ + ε)).</summary>
    /// <param name="input">The predicted rate x (its logarithm with <paramref name="logInput"/>).</param>
    /// <param name="target">The observed counts t, one per input.</param>
    /// <param name="logInput">Whether <paramref name="input"/> is the log of the rate.</param>
    /// <param name="full">Whether the loss adds the Stirling term (a function of t alone).</param>
    /// <param name="eps">ε in ln(x + ε).</param>
    /// <param name="gradOutput">g, the gradient with respect to each ℓᵢ.</param>
    /// <param name="dInput">Receives the gradient with respect to <paramref name="input"/>.</param>
    /// <exception cref="ArgumentException">A length differs.</exception>
    public static void PoissonNllLossBackward(ReadOnlySpan<double> input, ReadOnlySpan<double> target, bool logInput, bool full, double eps, ReadOnlySpan<double> gradOutput, Span<double> dInput)
    {
        LossArguments.Length(target.Length, input.Length, nameof(target));
        PoissonNllTermsBackward(input, target, logInput, full, eps, gradOutput, dInput);
    }

    /// <summary>
    /// The Gaussian negative log-likelihood loss, as torch's <c>gaussian_nll_loss</c>:
    /// ℓᵢ = ½·(ln vᵢ + (xᵢ − tᵢ)² / vᵢ), plus ½·ln(2π) with <paramref name="full"/>, where vᵢ = max(varᵢ, ε).
    /// The clamp is not differentiated (PyTorch clamps under <c>no_grad</c>): at a clamped variance the gradient is the
    /// formula's at v = ε.
    /// </summary>
    /// <param name="input">The predicted means x.</param>
    /// <param name="target">The observations t, one per input.</param>
    /// <param name="var">
    /// The predicted variances: one per input, or one per row (torch's shapes N and N×1), a row then being
    /// <c>input.Length / var.Length</c> consecutive inputs. No variance may be negative.
    /// </param>
    /// <param name="full">Whether to add the constant ½·ln(2π).</param>
    /// <param name="eps">ε, the smallest variance used.</param>
    /// <param name="reduction">Mean (Σℓᵢ / n) or Sum (Σℓᵢ).</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">A length differs, a variance is negative, or <paramref name="reduction"/> is <see cref="Reduction.None"/>.</exception>
    public static double GaussianNllLoss(ReadOnlySpan<double> input, ReadOnlySpan<double> target, ReadOnlySpan<double> var, bool full = false, double eps = 1e-6, Reduction reduction = Reduction.Mean)
    {
        using var losses = new PooledSpan<double>(input.Length);
        GaussianNllLoss(input, target, var, full, eps, losses.Span);
        return LossRows.Reduce(losses.Span, reduction);
    }

    /// <summary>The Gaussian negative log-likelihood of every element (reduction 'none'): ℓᵢ = ½·(ln vᵢ + (xᵢ − tᵢ)² / vᵢ) (+ ½·ln(2π)), vᵢ = max(varᵢ, ε).</summary>
    /// <param name="input">The predicted means x.</param>
    /// <param name="target">The observations t, one per input.</param>
    /// <param name="var">The predicted variances: one per input, or one per row.</param>
    /// <param name="full">Whether to add the constant ½·ln(2π).</param>
    /// <param name="eps">ε, the smallest variance used.</param>
    /// <param name="losses">Receives ℓᵢ, one per input.</param>
    /// <exception cref="ArgumentException">A length differs, or a variance is negative.</exception>
    public static void GaussianNllLoss(ReadOnlySpan<double> input, ReadOnlySpan<double> target, ReadOnlySpan<double> var, bool full, double eps, Span<double> losses)
    {
        LossArguments.Length(losses.Length, input.Length, nameof(losses));
        using var clamped = new PooledSpan<double>(var.Length);
        using var varIndex = new PooledSpan<int>(input.Length);
        GaussianVariances(input.Length, target.Length, var, eps, clamped.Span, varIndex.Span);
        GaussianNllTerms(input, target, clamped.Span, varIndex.Span, full ? 1 : 0, losses);
    }

    /// <summary>
    /// The reduced Gaussian negative log-likelihood and its gradients, scaled by the reduction:
    /// ∂ℓᵢ/∂xᵢ = (xᵢ − tᵢ) / vᵢ and ∂ℓᵢ/∂vᵢ = ½·(1/vᵢ − (xᵢ − tᵢ)² / vᵢ²), summed over the row for a variance per row.
    /// </summary>
    /// <param name="input">The predicted means x.</param>
    /// <param name="target">The observations t, one per input.</param>
    /// <param name="var">The predicted variances: one per input, or one per row.</param>
    /// <param name="full">Whether to add the constant ½·ln(2π).</param>
    /// <param name="eps">ε, the smallest variance used.</param>
    /// <param name="reduction">Mean or Sum.</param>
    /// <param name="dInput">Receives the gradient with respect to <paramref name="input"/>.</param>
    /// <param name="dVar">Receives the gradient with respect to <paramref name="var"/>.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">A length differs, a variance is negative, or <paramref name="reduction"/> is <see cref="Reduction.None"/>.</exception>
    public static double GaussianNllLossGradient(ReadOnlySpan<double> input, ReadOnlySpan<double> target, ReadOnlySpan<double> var, bool full, double eps, Reduction reduction, Span<double> dInput, Span<double> dVar)
    {
        var loss = GaussianNllLoss(input, target, var, full, eps, reduction);
        using var gradOutput = new PooledSpan<double>(input.Length, LossRows.Factor(reduction, input.Length));
        GaussianNllLossBackward(input, target, var, full, eps, gradOutput.Span, dInput, dVar);
        return loss;
    }

    /// <summary>
    /// The vector-Jacobian product of the per-element Gaussian losses with <paramref name="gradOutput"/>:
    /// dxᵢ = gᵢ·(xᵢ − tᵢ) / vᵢ, dvarᵢ = gᵢ·½·(1/vᵢ − (xᵢ − tᵢ)² / vᵢ²) (summed over the row for a variance per row).
    /// </summary>
    /// <param name="input">The predicted means x.</param>
    /// <param name="target">The observations t, one per input.</param>
    /// <param name="var">The predicted variances: one per input, or one per row.</param>
    /// <param name="full">Whether the loss adds the constant ½·ln(2π).</param>
    /// <param name="eps">ε, the smallest variance used.</param>
    /// <param name="gradOutput">g, the gradient with respect to each ℓᵢ.</param>
    /// <param name="dInput">Receives the gradient with respect to <paramref name="input"/>.</param>
    /// <param name="dVar">Receives the gradient with respect to <paramref name="var"/>.</param>
    /// <exception cref="ArgumentException">A length differs, or a variance is negative.</exception>
    public static void GaussianNllLossBackward(ReadOnlySpan<double> input, ReadOnlySpan<double> target, ReadOnlySpan<double> var, bool full, double eps, ReadOnlySpan<double> gradOutput, Span<double> dInput, Span<double> dVar)
    {
        using var clamped = new PooledSpan<double>(var.Length);
        using var varIndex = new PooledSpan<int>(input.Length);
        GaussianVariances(input.Length, target.Length, var, eps, clamped.Span, varIndex.Span);
        GaussianNllTermsBackward(input, target, clamped.Span, varIndex.Span, full ? 1 : 0, gradOutput, dInput, dVar);
    }

    private static void KlDivTerms(ReadOnlySpan<double> input, ReadOnlySpan<double> target, bool logTarget, Span<double> losses)
    {
        if (logTarget)
        {
            KlDivLogTargetTerms(input, target, losses);
        }
        else
        {
            KlDivProbabilityTerms(input, target, losses);
        }
    }

    private static void KlDivTermsBackward(ReadOnlySpan<double> input, ReadOnlySpan<double> target, bool logTarget, ReadOnlySpan<double> gradOutput, Span<double> dInput)
    {
        if (logTarget)
        {
            KlDivLogTargetTermsBackward(input, target, gradOutput, dInput);
        }
        else
        {
            KlDivProbabilityTermsBackward(input, target, gradOutput, dInput);
        }
    }

    [Differentiable]
    private static void KlDivProbabilityTerms(ReadOnlySpan<double> input, [NoDerivative] ReadOnlySpan<double> target, Span<double> losses)
    {
        for (int i = 0; i < input.Length; i++)
        {
            double t = target[i];
            losses[i] = (t == 0 ? 0 : t * Math.Log(t)) - t * input[i];
        }
    }

    [Differentiable]
    private static void KlDivLogTargetTerms(ReadOnlySpan<double> input, [NoDerivative] ReadOnlySpan<double> target, Span<double> losses)
    {
        for (int i = 0; i < input.Length; i++)
        {
            losses[i] = Math.Exp(target[i]) * (target[i] - input[i]);
        }
    }

    private static void PoissonNllTerms(ReadOnlySpan<double> input, ReadOnlySpan<double> target, bool logInput, bool full, double eps, Span<double> losses)
    {
        if (logInput)
        {
            PoissonNllLogInputTerms(input, target, full ? 1 : 0, losses);
        }
        else
        {
            PoissonNllRateTerms(input, target, full ? 1 : 0, eps, losses);
        }
    }

    private static void PoissonNllTermsBackward(ReadOnlySpan<double> input, ReadOnlySpan<double> target, bool logInput, bool full, double eps, ReadOnlySpan<double> gradOutput, Span<double> dInput)
    {
        if (logInput)
        {
            PoissonNllLogInputTermsBackward(input, target, full ? 1 : 0, gradOutput, dInput);
        }
        else
        {
            PoissonNllRateTermsBackward(input, target, full ? 1 : 0, eps, gradOutput, dInput);
        }
    }

    [Differentiable]
    private static void PoissonNllLogInputTerms(ReadOnlySpan<double> input, [NoDerivative] ReadOnlySpan<double> target, int full, Span<double> losses)
    {
        for (int i = 0; i < input.Length; i++)
        {
            double t = target[i];
            losses[i] = Math.Exp(input[i]) - t * input[i] + (full != 0 && t > 1 ? Stirling(t) : 0);
        }
    }

    [Differentiable]
    private static void PoissonNllRateTerms(ReadOnlySpan<double> input, [NoDerivative] ReadOnlySpan<double> target, int full, [NoDerivative] double eps, Span<double> losses)
    {
        for (int i = 0; i < input.Length; i++)
        {
            double t = target[i];
            losses[i] = input[i] - t * Math.Log(input[i] + eps) + (full != 0 && t > 1 ? Stirling(t) : 0);
        }
    }

    /// <summary>Stirling's approximation of ln(t!): t·ln t − t + ½·ln(2π·t).</summary>
    private static double Stirling(double t) => t * Math.Log(t) - t + 0.5 * Math.Log(2 * Math.PI * t);

    [Differentiable]
    private static void GaussianNllTerms(ReadOnlySpan<double> input, [NoDerivative] ReadOnlySpan<double> target, ReadOnlySpan<double> var, ReadOnlySpan<int> varIndex, int full, Span<double> losses)
    {
        for (int i = 0; i < input.Length; i++)
        {
            double v = var[varIndex[i]];
            double d = input[i] - target[i];
            losses[i] = 0.5 * (Math.Log(v) + d * d / v) + (full != 0 ? 0.5 * Math.Log(2 * Math.PI) : 0);
        }
    }

    /// <summary>
    /// Checks the variances of <see cref="GaussianNllLoss(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, bool, double, Reduction)"/>,
    /// writes them clamped at <paramref name="eps"/> (the clamp PyTorch applies under <c>no_grad</c>) and, per input, the index of its variance.
    /// </summary>
    private static void GaussianVariances(int count, int targets, ReadOnlySpan<double> var, double eps, Span<double> clamped, Span<int> varIndex)
    {
        LossArguments.Length(targets, count, "target");
        var perRow = LossRows.VarianceLayout(count, var.Length);
        for (var i = 0; i < var.Length; i++)
        {
            if (var[i] < 0)
            {
                throw new ArgumentException("var has a negative entry.", nameof(var));
            }

            clamped[i] = Math.Max(var[i], eps);
        }

        for (var i = 0; i < count; i++)
        {
            varIndex[i] = i / perRow;
        }
    }

    /// <inheritdoc cref="KlDivLoss(ReadOnlySpan{double}, ReadOnlySpan{double}, bool, Reduction)"/>
    public static float KlDivLoss(ReadOnlySpan<float> input, ReadOnlySpan<float> target, bool logTarget = false, Reduction reduction = Reduction.Mean)
    {
        LossArguments.Length(target.Length, input.Length, nameof(target));
        using var losses = new PooledSpan<float>(input.Length);
        KlDivTerms(input, target, logTarget, losses.Span);
        return LossRows.Reduce(losses.Span, reduction);
    }

    /// <inheritdoc cref="KlDivLoss(ReadOnlySpan{double}, ReadOnlySpan{double}, bool, Span{double})"/>
    public static void KlDivLoss(ReadOnlySpan<float> input, ReadOnlySpan<float> target, bool logTarget, Span<float> losses)
    {
        LossArguments.Length(target.Length, input.Length, nameof(target));
        LossArguments.Length(losses.Length, input.Length, nameof(losses));
        KlDivTerms(input, target, logTarget, losses);
    }

    /// <inheritdoc cref="KlDivLossGradient(ReadOnlySpan{double}, ReadOnlySpan{double}, bool, Reduction, Span{double})"/>
    public static float KlDivLossGradient(ReadOnlySpan<float> input, ReadOnlySpan<float> target, bool logTarget, Reduction reduction, Span<float> dInput)
    {
        var loss = KlDivLoss(input, target, logTarget, reduction);
        LossArguments.Length(dInput.Length, input.Length, nameof(dInput));
        using var gradOutput = new PooledSpan<float>(input.Length, (float)LossRows.Factor(reduction, input.Length));
        KlDivTermsBackward(input, target, logTarget, gradOutput.Span, dInput);
        return loss;
    }

    /// <inheritdoc cref="KlDivLossBackward(ReadOnlySpan{double}, ReadOnlySpan{double}, bool, ReadOnlySpan{double}, Span{double})"/>
    public static void KlDivLossBackward(ReadOnlySpan<float> input, ReadOnlySpan<float> target, bool logTarget, ReadOnlySpan<float> gradOutput, Span<float> dInput)
    {
        LossArguments.Length(target.Length, input.Length, nameof(target));
        KlDivTermsBackward(input, target, logTarget, gradOutput, dInput);
    }

    /// <inheritdoc cref="KlDivLossBatchMean(ReadOnlySpan{double}, ReadOnlySpan{double}, int, bool)"/>
    public static float KlDivLossBatchMean(ReadOnlySpan<float> input, ReadOnlySpan<float> target, int batchSize, bool logTarget = false)
    {
        LossRows.Rows(input.Length, batchSize, nameof(batchSize));
        return KlDivLoss(input, target, logTarget, Reduction.Sum) / batchSize;
    }

    /// <inheritdoc cref="KlDivLossBatchMeanGradient(ReadOnlySpan{double}, ReadOnlySpan{double}, int, bool, Span{double})"/>
    public static float KlDivLossBatchMeanGradient(ReadOnlySpan<float> input, ReadOnlySpan<float> target, int batchSize, bool logTarget, Span<float> dInput)
    {
        var loss = KlDivLossBatchMean(input, target, batchSize, logTarget);
        LossArguments.Length(dInput.Length, input.Length, nameof(dInput));
        using var gradOutput = new PooledSpan<float>(input.Length, 1f / batchSize);
        KlDivTermsBackward(input, target, logTarget, gradOutput.Span, dInput);
        return loss;
    }

    /// <inheritdoc cref="PoissonNllLoss(ReadOnlySpan{double}, ReadOnlySpan{double}, bool, bool, double, Reduction)"/>
    public static float PoissonNllLoss(ReadOnlySpan<float> input, ReadOnlySpan<float> target, bool logInput = true, bool full = false, float eps = 1e-8f, Reduction reduction = Reduction.Mean)
    {
        LossArguments.Length(target.Length, input.Length, nameof(target));
        using var losses = new PooledSpan<float>(input.Length);
        PoissonNllTerms(input, target, logInput, full, eps, losses.Span);
        return LossRows.Reduce(losses.Span, reduction);
    }

    /// <inheritdoc cref="PoissonNllLoss(ReadOnlySpan{double}, ReadOnlySpan{double}, bool, bool, double, Span{double})"/>
    public static void PoissonNllLoss(ReadOnlySpan<float> input, ReadOnlySpan<float> target, bool logInput, bool full, float eps, Span<float> losses)
    {
        LossArguments.Length(target.Length, input.Length, nameof(target));
        LossArguments.Length(losses.Length, input.Length, nameof(losses));
        PoissonNllTerms(input, target, logInput, full, eps, losses);
    }

    /// <inheritdoc cref="PoissonNllLossGradient(ReadOnlySpan{double}, ReadOnlySpan{double}, bool, bool, double, Reduction, Span{double})"/>
    public static float PoissonNllLossGradient(ReadOnlySpan<float> input, ReadOnlySpan<float> target, bool logInput, bool full, float eps, Reduction reduction, Span<float> dInput)
    {
        var loss = PoissonNllLoss(input, target, logInput, full, eps, reduction);
        LossArguments.Length(dInput.Length, input.Length, nameof(dInput));
        using var gradOutput = new PooledSpan<float>(input.Length, (float)LossRows.Factor(reduction, input.Length));
        PoissonNllTermsBackward(input, target, logInput, full, eps, gradOutput.Span, dInput);
        return loss;
    }

    /// <inheritdoc cref="PoissonNllLossBackward(ReadOnlySpan{double}, ReadOnlySpan{double}, bool, bool, double, ReadOnlySpan{double}, Span{double})"/>
    public static void PoissonNllLossBackward(ReadOnlySpan<float> input, ReadOnlySpan<float> target, bool logInput, bool full, float eps, ReadOnlySpan<float> gradOutput, Span<float> dInput)
    {
        LossArguments.Length(target.Length, input.Length, nameof(target));
        PoissonNllTermsBackward(input, target, logInput, full, eps, gradOutput, dInput);
    }

    /// <inheritdoc cref="GaussianNllLoss(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, bool, double, Reduction)"/>
    public static float GaussianNllLoss(ReadOnlySpan<float> input, ReadOnlySpan<float> target, ReadOnlySpan<float> var, bool full = false, float eps = 1e-6f, Reduction reduction = Reduction.Mean)
    {
        using var losses = new PooledSpan<float>(input.Length);
        GaussianNllLoss(input, target, var, full, eps, losses.Span);
        return LossRows.Reduce(losses.Span, reduction);
    }

    /// <inheritdoc cref="GaussianNllLoss(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, bool, double, Span{double})"/>
    public static void GaussianNllLoss(ReadOnlySpan<float> input, ReadOnlySpan<float> target, ReadOnlySpan<float> var, bool full, float eps, Span<float> losses)
    {
        LossArguments.Length(losses.Length, input.Length, nameof(losses));
        using var clamped = new PooledSpan<float>(var.Length);
        using var varIndex = new PooledSpan<int>(input.Length);
        GaussianVariances(input.Length, target.Length, var, eps, clamped.Span, varIndex.Span);
        GaussianNllTerms(input, target, clamped.Span, varIndex.Span, full ? 1 : 0, losses);
    }

    /// <inheritdoc cref="GaussianNllLossGradient(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, bool, double, Reduction, Span{double}, Span{double})"/>
    public static float GaussianNllLossGradient(ReadOnlySpan<float> input, ReadOnlySpan<float> target, ReadOnlySpan<float> var, bool full, float eps, Reduction reduction, Span<float> dInput, Span<float> dVar)
    {
        var loss = GaussianNllLoss(input, target, var, full, eps, reduction);
        using var gradOutput = new PooledSpan<float>(input.Length, (float)LossRows.Factor(reduction, input.Length));
        GaussianNllLossBackward(input, target, var, full, eps, gradOutput.Span, dInput, dVar);
        return loss;
    }

    /// <inheritdoc cref="GaussianNllLossBackward(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, bool, double, ReadOnlySpan{double}, Span{double}, Span{double})"/>
    public static void GaussianNllLossBackward(ReadOnlySpan<float> input, ReadOnlySpan<float> target, ReadOnlySpan<float> var, bool full, float eps, ReadOnlySpan<float> gradOutput, Span<float> dInput, Span<float> dVar)
    {
        using var clamped = new PooledSpan<float>(var.Length);
        using var varIndex = new PooledSpan<int>(input.Length);
        GaussianVariances(input.Length, target.Length, var, eps, clamped.Span, varIndex.Span);
        GaussianNllTermsBackward(input, target, clamped.Span, varIndex.Span, full ? 1 : 0, gradOutput, dInput, dVar);
    }

    private static void KlDivTerms(ReadOnlySpan<float> input, ReadOnlySpan<float> target, bool logTarget, Span<float> losses)
    {
        if (logTarget)
        {
            KlDivLogTargetTerms(input, target, losses);
        }
        else
        {
            KlDivProbabilityTerms(input, target, losses);
        }
    }

    private static void KlDivTermsBackward(ReadOnlySpan<float> input, ReadOnlySpan<float> target, bool logTarget, ReadOnlySpan<float> gradOutput, Span<float> dInput)
    {
        if (logTarget)
        {
            KlDivLogTargetTermsBackward(input, target, gradOutput, dInput);
        }
        else
        {
            KlDivProbabilityTermsBackward(input, target, gradOutput, dInput);
        }
    }

    [Differentiable]
    private static void KlDivProbabilityTerms(ReadOnlySpan<float> input, [NoDerivative] ReadOnlySpan<float> target, Span<float> losses)
    {
        for (int i = 0; i < input.Length; i++)
        {
            float t = target[i];
            losses[i] = (t == 0 ? 0 : t * MathF.Log(t)) - t * input[i];
        }
    }

    [Differentiable]
    private static void KlDivLogTargetTerms(ReadOnlySpan<float> input, [NoDerivative] ReadOnlySpan<float> target, Span<float> losses)
    {
        for (int i = 0; i < input.Length; i++)
        {
            losses[i] = MathF.Exp(target[i]) * (target[i] - input[i]);
        }
    }

    private static void PoissonNllTerms(ReadOnlySpan<float> input, ReadOnlySpan<float> target, bool logInput, bool full, float eps, Span<float> losses)
    {
        if (logInput)
        {
            PoissonNllLogInputTerms(input, target, full ? 1 : 0, losses);
        }
        else
        {
            PoissonNllRateTerms(input, target, full ? 1 : 0, eps, losses);
        }
    }

    private static void PoissonNllTermsBackward(ReadOnlySpan<float> input, ReadOnlySpan<float> target, bool logInput, bool full, float eps, ReadOnlySpan<float> gradOutput, Span<float> dInput)
    {
        if (logInput)
        {
            PoissonNllLogInputTermsBackward(input, target, full ? 1 : 0, gradOutput, dInput);
        }
        else
        {
            PoissonNllRateTermsBackward(input, target, full ? 1 : 0, eps, gradOutput, dInput);
        }
    }

    [Differentiable]
    private static void PoissonNllLogInputTerms(ReadOnlySpan<float> input, [NoDerivative] ReadOnlySpan<float> target, int full, Span<float> losses)
    {
        for (int i = 0; i < input.Length; i++)
        {
            float t = target[i];
            losses[i] = MathF.Exp(input[i]) - t * input[i] + (full != 0 && t > 1 ? Stirling(t) : 0);
        }
    }

    [Differentiable]
    private static void PoissonNllRateTerms(ReadOnlySpan<float> input, [NoDerivative] ReadOnlySpan<float> target, int full, [NoDerivative] float eps, Span<float> losses)
    {
        for (int i = 0; i < input.Length; i++)
        {
            float t = target[i];
            losses[i] = input[i] - t * MathF.Log(input[i] + eps) + (full != 0 && t > 1 ? Stirling(t) : 0);
        }
    }

    /// <summary>Stirling's approximation of ln(t!): t·ln t − t + ½·ln(2π·t).</summary>
    private static float Stirling(float t) => t * MathF.Log(t) - t + 0.5f * MathF.Log(2 * MathF.PI * t);

    [Differentiable]
    private static void GaussianNllTerms(ReadOnlySpan<float> input, [NoDerivative] ReadOnlySpan<float> target, ReadOnlySpan<float> var, ReadOnlySpan<int> varIndex, int full, Span<float> losses)
    {
        for (int i = 0; i < input.Length; i++)
        {
            float v = var[varIndex[i]];
            float d = input[i] - target[i];
            losses[i] = 0.5f * (MathF.Log(v) + d * d / v) + (full != 0 ? 0.5f * MathF.Log(2 * MathF.PI) : 0);
        }
    }

    /// <summary>
    /// Checks the variances of <see cref="GaussianNllLoss(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, bool, double, Reduction)"/>,
    /// writes them clamped at <paramref name="eps"/> (the clamp PyTorch applies under <c>no_grad</c>) and, per input, the index of its variance.
    /// </summary>
    private static void GaussianVariances(int count, int targets, ReadOnlySpan<float> var, float eps, Span<float> clamped, Span<int> varIndex)
    {
        LossArguments.Length(targets, count, "target");
        var perRow = LossRows.VarianceLayout(count, var.Length);
        for (var i = 0; i < var.Length; i++)
        {
            if (var[i] < 0)
            {
                throw new ArgumentException("var has a negative entry.", nameof(var));
            }

            clamped[i] = MathF.Max(var[i], eps);
        }

        for (var i = 0; i < count; i++)
        {
            varIndex[i] = i / perRow;
        }
    }
}
