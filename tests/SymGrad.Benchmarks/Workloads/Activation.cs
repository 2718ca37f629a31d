namespace SymGrad.Benchmarks;

/// <summary>The W1 activations.</summary>
public enum Activation
{
    /// <summary>σ(x) = 1/(1 + e⁻ˣ).</summary>
    Sigmoid,

    /// <summary>tanh(x).</summary>
    Tanh,

    /// <summary>log(1 + eˣ).</summary>
    Softplus,
}
