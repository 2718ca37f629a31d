namespace SymGrad;

/// <summary>Whether <see cref="ReduceLROnPlateau"/>'s metric should fall or rise (PyTorch's <c>mode</c>).</summary>
public enum PlateauMode
{
    /// <summary>A lower metric is better (a loss).</summary>
    Min,

    /// <summary>A higher metric is better (an accuracy).</summary>
    Max,
}
