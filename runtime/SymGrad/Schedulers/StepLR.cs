using System;

namespace SymGrad;

/// <summary>Multiplies each learning rate by <see cref="Gamma"/> every <see cref="StepSize"/> epochs (PyTorch's <c>StepLR</c>).</summary>
public sealed class StepLR : EpochLRScheduler
{
    /// <summary>Attaches to <paramref name="optimizer"/>.</summary>
    /// <param name="optimizer">The optimizer whose groups' learning rates are scheduled.</param>
    /// <param name="stepSize">The period of the decay, at least 1.</param>
    /// <param name="gamma">The factor, finite.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (the exception names it).</exception>
    public StepLR(Optimizer optimizer, int stepSize, double gamma = 0.1)
        : base(optimizer)
    {
        StepSize = OptionChecks.Positive(stepSize, nameof(stepSize));
        Gamma = double.IsFinite(gamma) ? gamma : throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "Must be finite.");
    }

    /// <summary>The period of the decay (PyTorch's <c>step_size</c>).</summary>
    public int StepSize { get; }

    /// <summary>The factor (PyTorch's <c>gamma</c>).</summary>
    public double Gamma { get; }

    /// <inheritdoc/>
    internal override string Name => "StepLR";

    /// <inheritdoc/>
    private protected override double NextLr(double lr, double baseLr) =>
        LastEpoch == 0 || LastEpoch % StepSize != 0 ? lr : lr * Gamma;
}
