namespace SymGrad;

/// <summary>How <see cref="ReduceLROnPlateau"/> measures a significant improvement (PyTorch's <c>threshold_mode</c>).</summary>
public enum ThresholdMode
{
    /// <summary>Better than best·(1 ∓ threshold).</summary>
    Rel,

    /// <summary>Better than best ∓ threshold.</summary>
    Abs,
}
