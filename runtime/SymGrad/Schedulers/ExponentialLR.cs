using System;

namespace SymGrad;

/// <summary>Multiplies each learning rate by <see cref="Gamma"/> every epoch (PyTorch's <c>ExponentialLR</c>).</summary>
public sealed class ExponentialLR : EpochLRScheduler
{
    /// <summary>Attaches to <paramref name="optimizer"/>.</summary>
    /// <param name="optimizer">The optimizer whose groups' learning rates are scheduled.</param>
    /// <param name="gamma">The factor, finite.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="gamma"/> is not finite.</exception>
    public ExponentialLR(Optimizer optimizer, double gamma)
        : base(optimizer)
    {
        Gamma = double.IsFinite(gamma) ? gamma : throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "Must be finite.");
    }

    /// <summary>The factor (PyTorch's <c>gamma</c>).</summary>
    public double Gamma { get; }

    /// <inheritdoc/>
    internal override string Name => "ExponentialLR";

    /// <inheritdoc/>
    private protected override double NextLr(double lr, double baseLr) => LastEpoch == 0 ? lr : lr * Gamma;
}
