using System;
using System.Numerics.Tensors;

namespace SymGrad.Benchmarks;

/// <summary>
/// W3 the way a SymGrad user writes it: the runtime's <see cref="Sgd{T}"/> over the four layers, with their gradient
/// from the generated <c>TanhMlpBatchLossGradient</c> or <c>ReluMlpBatchLossGradient</c> (the batch form), or, for
/// comparison, the generated per-example gradient summed over the batch and scaled to the mean.
/// </summary>
public sealed class GeneratedMlpStep
{
    private readonly MlpProblem problem;
    private readonly bool perExample;
    private readonly Parameter<float>[] layers;
    private readonly float[][] exampleGradient;
    private readonly Sgd<float> sgd;

    public GeneratedMlpStep(MlpProblem problem, MlpWeights weights, bool perExample = false)
    {
        this.problem = problem;
        this.perExample = perExample;
        layers = [new(weights.W1), new(weights.B1), new(weights.W2), new(weights.B2)];
        exampleGradient = perExample ? Array.ConvertAll(layers, layer => new float[layer.Length]) : [];
        sgd = new Sgd<float>(layers, new SgdOptions(lr: MlpProblem.LearningRate));
    }

    /// <summary>One SGD step on the batch's mean loss; returns that loss (before the step).</summary>
    public float Step(ReadOnlySpan<float> images, ReadOnlySpan<int> labels)
    {
        float loss = perExample ? PerExampleGradient(images, labels)
            : problem.Activation == HiddenLayer.Tanh
                ? MlpLoss.TanhMlpBatchLossGradient(layers[0].Value, layers[1].Value, layers[2].Value, layers[3].Value, images, labels,
                    layers[0].Grad, layers[1].Grad, layers[2].Grad, layers[3].Grad)
                : MlpLoss.ReluMlpBatchLossGradient(layers[0].Value, layers[1].Value, layers[2].Value, layers[3].Value, images, labels,
                    layers[0].Grad, layers[1].Grad, layers[2].Grad, layers[3].Grad);
        sgd.Step();
        return loss;
    }

    private float PerExampleGradient(ReadOnlySpan<float> images, ReadOnlySpan<int> labels)
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
        return total * mean;
    }
}
