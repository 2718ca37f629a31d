using System;
using SymGrad;

namespace Digits;

/// <summary>
/// A 64-32-10 multilayer perceptron, tanh hidden layer, softmax cross-entropy, its weights in one flat vector
/// (the layout <see cref="MinibatchTrainer"/> trains): W1 (Hidden × Inputs, row-major), b1, W2 (Classes × Hidden), b2.
/// </summary>
public static partial class Mlp
{
    public const int Inputs = 64;
    public const int Hidden = 32;
    public const int Classes = 10;

    // Where each layer starts in the parameter vector.
    public const int W1 = 0;
    public const int B1 = W1 + (Hidden * Inputs);
    public const int W2 = B1 + Hidden;
    public const int B2 = W2 + (Classes * Hidden);
    public const int ParameterCount = B2 + Classes;

    /// <summary>
    /// The loss of one example: the forward pass (tanh hidden layer, then the logits) and the cross-entropy of the
    /// logits against the label. The generator adds <c>LossGradient</c>, which also writes dW1, dB1, dW2 and dB2.
    /// </summary>
    [Differentiable]
    public static double Loss(ReadOnlySpan<double> w1, ReadOnlySpan<double> b1, ReadOnlySpan<double> w2, ReadOnlySpan<double> b2, [NoDerivative] ReadOnlySpan<double> image, int label)
    {
        int inputs = image.Length;
        int hiddenCount = b1.Length;
        Span<double> hidden = stackalloc double[hiddenCount];
        for (int j = 0; j < hiddenCount; j++)
        {
            double sum = b1[j];
            for (int i = 0; i < inputs; i++)
            {
                sum += w1[(j * inputs) + i] * image[i];
            }

            hidden[j] = Math.Tanh(sum);
        }

        double[] logits = new double[b2.Length];
        for (int k = 0; k < b2.Length; k++)
        {
            logits[k] = b2[k];
            for (int j = 0; j < hiddenCount; j++)
            {
                logits[k] += w2[(k * hiddenCount) + j] * hidden[j];
            }
        }

        double max = double.NegativeInfinity;
        for (int k = 0; k < logits.Length; k++)
        {
            max = Math.Max(max, logits[k]);
        }

        double total = 0;
        for (int k = 0; k < logits.Length; k++)
        {
            total += Math.Exp(logits[k] - max);
        }

        return Math.Log(total) + max - logits[label];
    }

    /// <summary>The loss of one example and its gradient with respect to the flat parameter vector.</summary>
    public static double LossGradient(ReadOnlySpan<double> parameters, ReadOnlySpan<double> image, int label, Span<double> gradient) =>
        LossGradient(
            parameters[W1..B1], parameters[B1..W2], parameters[W2..B2], parameters[B2..ParameterCount], image, label,
            gradient[W1..B1], gradient[B1..W2], gradient[W2..B2], gradient[B2..ParameterCount]);

    /// <summary>The most likely digit of one image: the largest logit of the same forward pass as <see cref="Loss"/>.</summary>
    public static int Predict(ReadOnlySpan<double> parameters, ReadOnlySpan<double> image)
    {
        Span<double> hidden = stackalloc double[Hidden];
        for (int j = 0; j < Hidden; j++)
        {
            double sum = parameters[B1 + j];
            for (int i = 0; i < Inputs; i++)
            {
                sum += parameters[W1 + (j * Inputs) + i] * image[i];
            }

            hidden[j] = Math.Tanh(sum);
        }

        int best = 0;
        double bestLogit = double.NegativeInfinity;
        for (int k = 0; k < Classes; k++)
        {
            double logit = parameters[B2 + k];
            for (int j = 0; j < Hidden; j++)
            {
                logit += parameters[W2 + (k * Hidden) + j] * hidden[j];
            }

            if (logit > bestLogit)
            {
                (best, bestLogit) = (k, logit);
            }
        }

        return best;
    }
}
