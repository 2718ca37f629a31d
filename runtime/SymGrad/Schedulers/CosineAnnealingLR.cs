using System;

namespace SymGrad;

/// <summary>
/// Anneals each learning rate from its base value to <see cref="EtaMin"/> along a cosine over <see cref="TMax"/> epochs,
/// and back up over the next <see cref="TMax"/> (PyTorch's <c>CosineAnnealingLR</c>, in its recursive form).
/// </summary>
public sealed class CosineAnnealingLR : EpochLRScheduler
{
    /// <summary>Attaches to <paramref name="optimizer"/>.</summary>
    /// <param name="optimizer">The optimizer whose groups' learning rates are scheduled.</param>
    /// <param name="tMax">The half period in epochs, at least 1 (PyTorch's <c>T_max</c>).</param>
    /// <param name="etaMin">The smallest learning rate, at least 0 (PyTorch's <c>eta_min</c>).</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (the exception names it).</exception>
    public CosineAnnealingLR(Optimizer optimizer, int tMax, double etaMin = 0)
        : base(optimizer)
    {
        TMax = OptionChecks.Positive(tMax, nameof(tMax));
        EtaMin = OptionChecks.NonNegative(etaMin, nameof(etaMin));
    }

    /// <summary>The half period (PyTorch's <c>T_max</c>).</summary>
    public int TMax { get; }

    /// <summary>The smallest learning rate (PyTorch's <c>eta_min</c>).</summary>
    public double EtaMin { get; }

    /// <inheritdoc/>
    internal override string Name => "CosineAnnealingLR";

    /// <inheritdoc/>
    private protected override double NextLr(double lr, double baseLr)
    {
        var epoch = LastEpoch;
        if (epoch == 0)
        {
            return lr;
        }

        if ((epoch - 1 - TMax) % (2 * TMax) == 0)
        {
            return lr + ((baseLr - EtaMin) * (1 - Math.Cos(Math.PI / TMax)) / 2);
        }

        return ((1 + Math.Cos(Math.PI * epoch / TMax)) / (1 + Math.Cos(Math.PI * (epoch - 1) / TMax)) * (lr - EtaMin)) + EtaMin;
    }
}
