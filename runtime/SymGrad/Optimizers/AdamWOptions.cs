using System;

namespace SymGrad;

/// <summary>The options of <see cref="AdamW{T}"/>, PyTorch's <c>torch.optim.AdamW</c> options and defaults.</summary>
public sealed record AdamWOptions : OptimizerOptions
{
    /// <summary>Checks and sets the options.</summary>
    /// <param name="lr">The learning rate, at least 0.</param>
    /// <param name="beta1">The decay of the running mean of the gradient (PyTorch's <c>betas[0]</c>), in [0, 1).</param>
    /// <param name="beta2">The decay of the running mean of its square (PyTorch's <c>betas[1]</c>), in [0, 1).</param>
    /// <param name="eps">Added to the denominator, at least 0.</param>
    /// <param name="weightDecay">The decoupled weight decay, at least 0: each step first multiplies the parameter by 1 − lr·weightDecay.</param>
    /// <param name="amsgrad">Use the maximum of the past second moments (AMSGrad).</param>
    /// <param name="maximize">Maximize the objective.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range (the exception names it).</exception>
    public AdamWOptions(double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 1e-2, bool amsgrad = false, bool maximize = false)
        : base(lr)
    {
        Beta1 = OptionChecks.Beta(beta1, nameof(beta1));
        Beta2 = OptionChecks.Beta(beta2, nameof(beta2));
        Eps = OptionChecks.NonNegative(eps, nameof(eps));
        WeightDecay = OptionChecks.NonNegative(weightDecay, nameof(weightDecay));
        Amsgrad = amsgrad;
        Maximize = maximize;
    }

    /// <summary>The decay of the first moment (PyTorch's <c>betas[0]</c>).</summary>
    public double Beta1 { get; }

    /// <summary>The decay of the second moment (PyTorch's <c>betas[1]</c>).</summary>
    public double Beta2 { get; }

    /// <summary>The term added to the denominator (PyTorch's <c>eps</c>).</summary>
    public double Eps { get; }

    /// <summary>The decoupled weight decay (PyTorch's <c>weight_decay</c>).</summary>
    public double WeightDecay { get; }

    /// <summary>Whether AMSGrad is used (PyTorch's <c>amsgrad</c>).</summary>
    public bool Amsgrad { get; }

    /// <summary>Whether the objective is maximized (PyTorch's <c>maximize</c>).</summary>
    public bool Maximize { get; }

    /// <inheritdoc/>
    internal override double[] ToValues() => [Lr, Beta1, Beta2, Eps, WeightDecay, Amsgrad ? 1 : 0, Maximize ? 1 : 0];

    /// <summary>The options from <see cref="ToValues"/>.</summary>
    internal static AdamWOptions FromValues(ReadOnlySpan<double> v) =>
        new(v[0], v[1], v[2], v[3], v[4], OptionChecks.Flag(v[5], "amsgrad"), OptionChecks.Flag(v[6], "maximize"));
}
