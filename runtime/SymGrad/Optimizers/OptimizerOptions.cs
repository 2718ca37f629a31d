using System;

namespace SymGrad;

/// <summary>
/// The options of one parameter group (PyTorch's <c>param_group</c> dict without its params). Each optimizer has its
/// own record; every one has a learning rate, which schedulers change with <c>options with { Lr = … }</c>.
/// </summary>
public abstract record OptimizerOptions
{
    /// <summary>Sets and checks the learning rate.</summary>
    /// <param name="lr">The learning rate, at least 0.</param>
    protected OptimizerOptions(double lr)
    {
        Lr = lr;
    }

    /// <summary>The learning rate (PyTorch's <c>lr</c>), at least 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or NaN.</exception>
    public double Lr
    {
        get;
        init => field = OptionChecks.NonNegative(value, "lr");
    }

    /// <summary>The options as numbers, in the order docs/state-format.md lists them (flags as 0 and 1).</summary>
    internal abstract double[] ToValues();
}
