using System;

namespace SymGrad;

/// <summary>The options of <see cref="RmsProp{T}"/>, PyTorch's <c>torch.optim.RMSprop</c> options and defaults.</summary>
public sealed record RmsPropOptions : OptimizerOptions
{
    /// <summary>Checks and sets the options.</summary>
    /// <param name="lr">The learning rate, at least 0.</param>
    /// <param name="alpha">The smoothing constant of the running mean of the squared gradient, at least 0.</param>
    /// <param name="eps">Added to the denominator, at least 0.</param>
    /// <param name="weightDecay">The L2 penalty, at least 0, added to the gradient as weightDecay·param.</param>
    /// <param name="momentum">The momentum factor, at least 0.</param>
    /// <param name="centered">Normalize by the estimated variance of the gradient rather than its second moment.</param>
    /// <param name="maximize">Maximize the objective.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range (the exception names it).</exception>
    public RmsPropOptions(double lr = 1e-2, double alpha = 0.99, double eps = 1e-8, double weightDecay = 0, double momentum = 0, bool centered = false, bool maximize = false)
        : base(lr)
    {
        Alpha = OptionChecks.NonNegative(alpha, nameof(alpha));
        Eps = OptionChecks.NonNegative(eps, nameof(eps));
        WeightDecay = OptionChecks.NonNegative(weightDecay, nameof(weightDecay));
        Momentum = OptionChecks.NonNegative(momentum, nameof(momentum));
        Centered = centered;
        Maximize = maximize;
    }

    /// <summary>The smoothing constant (PyTorch's <c>alpha</c>).</summary>
    public double Alpha { get; }

    /// <summary>The term added to the denominator (PyTorch's <c>eps</c>).</summary>
    public double Eps { get; }

    /// <summary>The L2 penalty (PyTorch's <c>weight_decay</c>).</summary>
    public double WeightDecay { get; }

    /// <summary>The momentum factor (PyTorch's <c>momentum</c>).</summary>
    public double Momentum { get; }

    /// <summary>Whether the denominator is centered (PyTorch's <c>centered</c>).</summary>
    public bool Centered { get; }

    /// <summary>Whether the objective is maximized (PyTorch's <c>maximize</c>).</summary>
    public bool Maximize { get; }

    /// <inheritdoc/>
    internal override double[] ToValues() => [Lr, Alpha, Eps, WeightDecay, Momentum, Centered ? 1 : 0, Maximize ? 1 : 0];

    /// <summary>The options from <see cref="ToValues"/>.</summary>
    internal static RmsPropOptions FromValues(ReadOnlySpan<double> v) =>
        new(v[0], v[1], v[2], v[3], v[4], OptionChecks.Flag(v[5], "centered"), OptionChecks.Flag(v[6], "maximize"));
}
