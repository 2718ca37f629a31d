using System;
using System.Numerics.Tensors;

namespace SymGrad.Benchmarks;

/// <summary>
/// W3 the way a SymGrad user writes it today: the generated per-example gradient (<c>TanhMlpLossGradient</c> or
/// <c>ReluMlpLossGradient</c>) summed over the batch, scaled to the mean, and the runtime's <see cref="Sgd{T}"/>.
/// </summary>
public sealed class GeneratedMlpStep
{
    private readonly MlpProblem problem;
    private readonly Parameter<float>[] layers;
    private readonly float[][] exampleGradient;
    private readonly Sgd<float> sgd;

    public GeneratedMlpStep(MlpProblem problem, MlpWeights weights)
    {
        this.problem = problem;
        layers = [new(weights.W1), new(weights.B1), new(weights.W2), new(weights.B2)];
        exampleGradient = Array.ConvertAll(layers, layer => new float[layer.Length]);
        sgd = new Sgd<float>(layers, new SgdOptions(lr: MlpProblem.LearningRate));
    }

    /// <summary>The weights as they are now.</summary>
    public MlpWeights Weights => new(layers[0].Value, layers[1].Value, layers[2].Value, layers[3].Value);

    /// <summary>One SGD step on the batch's mean loss; returns that loss (before the step).</summary>
    public float Step(ReadOnlySpan<float> images, ReadOnlySpan<int> labels)
    {
        foreach (var layer in layers) Array.Clear(layer.Grad);
        float total = 0;
        for (int b = 0; b < labels.Length; b++)
        {
            var image = images.Slice(b * problem.Inputs, problem.Inputs);
            total += problem.Activation == HiddenLayer.Tanh
                ? MlpLoss.TanhMlpLossGradient(layers[0].Value, layers[1].Value, layers[2].Value, layers[3].Value, image, labels[b],
                    exampleGradient[0], exampleGradient[1], exampleGradient[2], exampleGradient[3])
                : MlpLoss.ReluMlpLossGradient(layers[0].Value, layers[1].Value, layers[2].Value, layers[3].Value, image, labels[b],
                    exampleGradient[0], exampleGradient[1], exampleGradient[2], exampleGradient[3]);
            for (int l = 0; l < layers.Length; l++) TensorPrimitives.Add(layers[l].Grad, exampleGradient[l], layers[l].Grad);
        }

        float mean = 1f / labels.Length;
        foreach (var layer in layers) TensorPrimitives.Multiply(layer.Grad, mean, layer.Grad);
        sgd.Step();
        return total * mean;
    }
}
