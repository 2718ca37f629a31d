namespace SymGrad;

/// <summary>
/// A parameter group seen without its element type or its optimizer's options type: what learning-rate schedulers
/// need. <see cref="ParameterGroup{T, TOptions}"/> is the full group.
/// </summary>
public abstract class ParameterGroup
{
    /// <summary>Only <see cref="ParameterGroup{T, TOptions}"/> derives from this.</summary>
    private protected ParameterGroup()
    {
    }

    /// <summary>The group's learning rate (PyTorch's <c>param_group['lr']</c>); setting it replaces the options with a copy.</summary>
    public abstract double Lr { get; set; }

    /// <summary>The group's options.</summary>
    public abstract OptimizerOptions BaseOptions { get; }
}
