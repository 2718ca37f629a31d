using System;

namespace SymGrad;

/// <summary>The options of <see cref="Sgd{T}"/>, PyTorch's <c>torch.optim.SGD</c> options and defaults.</summary>
public sealed record SgdOptions : OptimizerOptions
{
    /// <summary>Checks and sets the options.</summary>
    /// <param name="lr">The learning rate, at least 0 (PyTorch requires it; so does this).</param>
    /// <param name="momentum">The momentum factor, at least 0.</param>
    /// <param name="dampening">The dampening of the momentum: the new gradient enters the buffer with weight 1 − dampening.</param>
    /// <param name="weightDecay">The L2 penalty, at least 0, added to the gradient as weightDecay·param.</param>
    /// <param name="nesterov">Nesterov momentum; needs momentum &gt; 0 and dampening = 0.</param>
    /// <param name="maximize">Maximize the objective (step along the gradient).</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range (the exception names it).</exception>
    /// <exception cref="ArgumentException"><paramref name="nesterov"/> without momentum, or with dampening.</exception>
    public SgdOptions(double lr, double momentum = 0, double dampening = 0, double weightDecay = 0, bool nesterov = false, bool maximize = false)
        : base(lr)
    {
        Momentum = OptionChecks.NonNegative(momentum, nameof(momentum));
        Dampening = double.IsFinite(dampening) ? dampening : throw new ArgumentOutOfRangeException(nameof(dampening), dampening, "Must be finite.");
        WeightDecay = OptionChecks.NonNegative(weightDecay, nameof(weightDecay));
        if (nesterov && (momentum <= 0 || dampening != 0))
        {
            throw new ArgumentException("Nesterov momentum requires a momentum and zero dampening.", nameof(nesterov));
        }

        Nesterov = nesterov;
        Maximize = maximize;
    }

    /// <summary>The momentum factor (PyTorch's <c>momentum</c>).</summary>
    public double Momentum { get; }

    /// <summary>The dampening of the momentum (PyTorch's <c>dampening</c>).</summary>
    public double Dampening { get; }

    /// <summary>The L2 penalty (PyTorch's <c>weight_decay</c>).</summary>
    public double WeightDecay { get; }

    /// <summary>Whether the momentum is Nesterov's (PyTorch's <c>nesterov</c>).</summary>
    public bool Nesterov { get; }

    /// <summary>Whether the objective is maximized (PyTorch's <c>maximize</c>).</summary>
    public bool Maximize { get; }

    /// <inheritdoc/>
    internal override double[] ToValues() => [Lr, Momentum, Dampening, WeightDecay, Nesterov ? 1 : 0, Maximize ? 1 : 0];

    /// <summary>The options from <see cref="ToValues"/>.</summary>
    internal static SgdOptions FromValues(ReadOnlySpan<double> v) =>
        new(v[0], v[1], v[2], v[3], OptionChecks.Flag(v[4], "nesterov"), OptionChecks.Flag(v[5], "maximize"));
}
