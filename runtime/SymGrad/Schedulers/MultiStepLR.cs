using System;
using System.Collections.Generic;
using System.Linq;

namespace SymGrad;

/// <summary>Multiplies each learning rate by <see cref="Gamma"/> at each milestone epoch (PyTorch's <c>MultiStepLR</c>).</summary>
public sealed class MultiStepLR : EpochLRScheduler
{
    private readonly Dictionary<int, int> counts;

    /// <summary>Attaches to <paramref name="optimizer"/>.</summary>
    /// <param name="optimizer">The optimizer whose groups' learning rates are scheduled.</param>
    /// <param name="milestones">The epochs at which to decay, each at least 1; a milestone given k times decays by γᵏ, as in PyTorch.</param>
    /// <param name="gamma">The factor, finite.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (the exception names it).</exception>
    public MultiStepLR(Optimizer optimizer, IEnumerable<int> milestones, double gamma = 0.1)
        : base(optimizer)
    {
        ArgumentNullException.ThrowIfNull(milestones);
        Milestones = [.. milestones.Order()];
        if (Milestones.Any(m => m < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(milestones), "Every milestone must be at least 1.");
        }

        counts = Milestones.CountBy(m => m).ToDictionary();
        Gamma = double.IsFinite(gamma) ? gamma : throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "Must be finite.");
    }

    /// <summary>The milestones, sorted (PyTorch's <c>milestones</c>).</summary>
    public IReadOnlyList<int> Milestones { get; }

    /// <summary>The factor (PyTorch's <c>gamma</c>).</summary>
    public double Gamma { get; }

    /// <inheritdoc/>
    internal override string Name => "MultiStepLR";

    /// <inheritdoc/>
    private protected override double NextLr(double lr, double baseLr) =>
        counts.TryGetValue(LastEpoch, out var k) ? lr * Math.Pow(Gamma, k) : lr;
}
