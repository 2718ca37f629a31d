using System;

namespace SymGrad.Benchmarks;

/// <summary>
/// The W1 activations and the W2 loss written the way a user would write them; the generator adds
/// the span forms (<c>Sigmoid(x, result)</c>, <c>SigmoidForwardBackward(x, gradOutput, result, gradInput)</c>, …) and
/// <c>CrossEntropyGradient</c>.
/// </summary>
public static partial class Generated
{
    [Differentiable]
    public static float Sigmoid(float x) => 1 / (1 + MathF.Exp(-x));

    [Differentiable]
    public static float Tanh(float x) => MathF.Tanh(x);

    [Differentiable]
    public static float Softplus(float x) => MathF.Log(1 + MathF.Exp(x));

    /// <summary>Mean softmax cross-entropy of a batch of logit rows against class indices.</summary>
    [Differentiable]
    public static float CrossEntropy(ReadOnlySpan<float> logits, ReadOnlySpan<int> targets, int classes)
    {
        float total = 0;
        for (int b = 0; b < targets.Length; b++)
        {
            float max = float.NegativeInfinity;
            for (int c = 0; c < classes; c++)
            {
                max = MathF.Max(max, logits[b * classes + c]);
            }

            float sum = 0;
            for (int c = 0; c < classes; c++)
            {
                sum += MathF.Exp(logits[b * classes + c] - max);
            }

            total += MathF.Log(sum) + max - logits[b * classes + targets[b]];
        }

        return total / targets.Length;
    }

    /// <summary>W1's job with the generated fused span form: y = f(x) and dx = g·f′(x) in one pass.</summary>
    public static void ForwardBackward(Activation function, float[] x, float[] g, float[] y, float[] dx)
    {
        switch (function)
        {
            case Activation.Sigmoid:
                SigmoidForwardBackward(x, g, y, dx);
                break;
            case Activation.Tanh:
                TanhForwardBackward(x, g, y, dx);
                break;
            default:
                SoftplusForwardBackward(x, g, y, dx);
                break;
        }
    }
}
