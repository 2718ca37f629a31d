using System;
using Data = SymGrad.Benchmarks.Inputs;

namespace SymGrad.Benchmarks;

/// <summary>W3's hidden-layer activation.</summary>
public enum HiddenLayer
{
    Tanh,
    Relu,
}

/// <summary>
/// One W3 network and batch: a Inputs-Hidden-Classes perceptron with PyTorch's <c>nn.Linear</c> layout (W1 is
/// Hidden × Inputs row-major, then b1, W2 is Classes × Hidden, then b2), trained by plain SGD on the mean softmax
/// cross-entropy of one batch (images Batch × Inputs row-major, one label per image).
/// </summary>
public sealed record MlpProblem(int Inputs, int Hidden, int Classes, int Batch, HiddenLayer Activation)
{
    /// <summary>The SGD learning rate of every step.</summary>
    public const float LearningRate = 0.05f;

    /// <summary>64-32-10, tanh, batch 32.</summary>
    public static MlpProblem Small { get; } = new(64, 32, 10, 32, HiddenLayer.Tanh);

    /// <summary>784-128-10, relu, batch 64.</summary>
    public static MlpProblem Large { get; } = new(784, 128, 10, 64, HiddenLayer.Relu);

    /// <summary>A fresh copy of the initial weights: PyTorch's <c>nn.Linear</c> default, uniform in ±1/√fan-in.</summary>
    public MlpWeights InitialWeights()
    {
        float bound1 = 1 / MathF.Sqrt(Inputs);
        float bound2 = 1 / MathF.Sqrt(Hidden);
        return new MlpWeights(
            Data.Uniform(Hidden * Inputs, -bound1, bound1, seed: 30),
            Data.Uniform(Hidden, -bound1, bound1, seed: 31),
            Data.Uniform(Classes * Hidden, -bound2, bound2, seed: 32),
            Data.Uniform(Classes, -bound2, bound2, seed: 33));
    }

    /// <summary>The batch's images, uniform in [0, 1).</summary>
    public float[] Images() => Data.Uniform(Batch * Inputs, 0, 1, seed: 34);

    /// <summary>The batch's labels, uniform over the classes.</summary>
    public int[] Labels() => Data.Targets(Batch, Classes, seed: 35);

    /// <inheritdoc/>
    public override string ToString() => $"{Inputs}-{Hidden}-{Classes} {Activation.ToString().ToLowerInvariant()}, batch {Batch}";
}

/// <summary>The four weight arrays of an <see cref="MlpProblem"/> network, in <c>nn.Linear</c> layout.</summary>
public sealed record MlpWeights(float[] W1, float[] B1, float[] W2, float[] B2);
