namespace SymGrad;

/// <summary>How a loss combines the losses of the elements (or rows) of a batch, as torch.nn.functional's <c>reduction</c>.</summary>
public enum Reduction
{
    /// <summary>No reduction: one loss per element (or row), written to a span.</summary>
    None,

    /// <summary>The mean of the losses (for losses with weights, the weighted mean PyTorch defines for that loss).</summary>
    Mean,

    /// <summary>The sum of the losses.</summary>
    Sum,
}
