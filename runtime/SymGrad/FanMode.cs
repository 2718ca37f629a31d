namespace SymGrad;

/// <summary>Which fan the Kaiming initializers scale by (PyTorch's <c>mode</c>).</summary>
public enum FanMode
{
    /// <summary>The fan-in (<c>'fan_in'</c>): keeps the variance of the activations in the forward pass.</summary>
    FanIn,

    /// <summary>The fan-out (<c>'fan_out'</c>): keeps the variance of the gradients in the backward pass.</summary>
    FanOut,
}
