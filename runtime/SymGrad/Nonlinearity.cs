namespace SymGrad;

/// <summary>
/// The layers and nonlinearities of PyTorch's <c>torch.nn.init.calculate_gain</c> table, for
/// <see cref="Initializers.CalculateGain(Nonlinearity, double?)"/> and the Kaiming initializers.
/// </summary>
public enum Nonlinearity
{
    /// <summary>A linear layer (<c>'linear'</c>), gain 1.</summary>
    Linear,

    /// <summary>A 1-D convolution (<c>'conv1d'</c>), gain 1.</summary>
    Conv1d,

    /// <summary>A 2-D convolution (<c>'conv2d'</c>), gain 1.</summary>
    Conv2d,

    /// <summary>A 3-D convolution (<c>'conv3d'</c>), gain 1.</summary>
    Conv3d,

    /// <summary>A 1-D transposed convolution (<c>'conv_transpose1d'</c>), gain 1.</summary>
    ConvTranspose1d,

    /// <summary>A 2-D transposed convolution (<c>'conv_transpose2d'</c>), gain 1.</summary>
    ConvTranspose2d,

    /// <summary>A 3-D transposed convolution (<c>'conv_transpose3d'</c>), gain 1.</summary>
    ConvTranspose3d,

    /// <summary>The logistic sigmoid (<c>'sigmoid'</c>), gain 1.</summary>
    Sigmoid,

    /// <summary>tanh (<c>'tanh'</c>), gain 5/3.</summary>
    Tanh,

    /// <summary>ReLU (<c>'relu'</c>), gain √2.</summary>
    Relu,

    /// <summary>Leaky ReLU (<c>'leaky_relu'</c>), gain √(2 / (1 + slope²)).</summary>
    LeakyRelu,

    /// <summary>SELU (<c>'selu'</c>), gain 3/4.</summary>
    Selu,
}
