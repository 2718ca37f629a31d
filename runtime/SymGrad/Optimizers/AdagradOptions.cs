using System;

namespace SymGrad;

/// <summary>The options of <see cref="Adagrad{T}"/>, PyTorch's <c>torch.optim.Adagrad</c> options and defaults.</summary>
public sealed record AdagradOptions : OptimizerOptions
{
    /// <summary>Checks and sets the options.</summary>
    /// <param name="lr">The learning rate, at least 0.</param>
    /// <param name="lrDecay">The learning-rate decay, at least 0: step t uses lr / (1 + (t − 1)·lrDecay).</param>
    /// <param name="weightDecay">The L2 penalty, at least 0, added to the gradient as weightDecay·param.</param>
    /// <param name="initialAccumulatorValue">The starting value of the sum of squared gradients, at least 0.</param>
    /// <param name="eps">Added to the denominator, at least 0.</param>
    /// <param name="maximize">Maximize the objective.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range (the exception names it).</exception>
    public AdagradOptions(double lr = 1e-2, double lrDecay = 0, double weightDecay = 0, double initialAccumulatorValue = 0, double eps = 1e-10, bool maximize = false)
        : base(lr)
    {
        LrDecay = OptionChecks.NonNegative(lrDecay, nameof(lrDecay));
        WeightDecay = OptionChecks.NonNegative(weightDecay, nameof(weightDecay));
        InitialAccumulatorValue = OptionChecks.NonNegative(initialAccumulatorValue, nameof(initialAccumulatorValue));
        Eps = OptionChecks.NonNegative(eps, nameof(eps));
        Maximize = maximize;
    }

    /// <summary>The learning-rate decay (PyTorch's <c>lr_decay</c>).</summary>
    public double LrDecay { get; }

    /// <summary>The L2 penalty (PyTorch's <c>weight_decay</c>).</summary>
    public double WeightDecay { get; }

    /// <summary>The starting value of the accumulator (PyTorch's <c>initial_accumulator_value</c>).</summary>
    public double InitialAccumulatorValue { get; }

    /// <summary>The term added to the denominator (PyTorch's <c>eps</c>).</summary>
    public double Eps { get; }

    /// <summary>Whether the objective is maximized (PyTorch's <c>maximize</c>).</summary>
    public bool Maximize { get; }

    /// <inheritdoc/>
    internal override double[] ToValues() => [Lr, LrDecay, WeightDecay, InitialAccumulatorValue, Eps, Maximize ? 1 : 0];

    /// <summary>The options from <see cref="ToValues"/>.</summary>
    internal static AdagradOptions FromValues(ReadOnlySpan<double> v) =>
        new(v[0], v[1], v[2], v[3], v[4], OptionChecks.Flag(v[5], "maximize"));
}
