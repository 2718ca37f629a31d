using System;

namespace SymGrad.Benchmarks;

/// <summary>
/// W3's two networks written the way a user writes them today: the softmax cross-entropy of one example through one
/// hidden layer, each layer's weights row-major (outputs × inputs) like PyTorch's <c>nn.Linear</c>. The generator adds
/// <c>TanhMlpLossGradient</c> and <c>ReluMlpLossGradient</c>, which return the loss and write every weight's gradient.
/// </summary>
public static partial class MlpLoss
{
    /// <summary>ℓ = log Σ_k exp(z_k) − z_label with z = W2·tanh(W1·x + b1) + b2.</summary>
    [Differentiable]
    public static float TanhMlpLoss(
        ReadOnlySpan<float> w1, ReadOnlySpan<float> b1, ReadOnlySpan<float> w2, ReadOnlySpan<float> b2,
        [NoDerivative] ReadOnlySpan<float> image, int label)
    {
        int inputs = image.Length;
        int hiddenCount = b1.Length;
        Span<float> hidden = stackalloc float[hiddenCount];
        for (int j = 0; j < hiddenCount; j++)
        {
            float sum = b1[j];
            for (int i = 0; i < inputs; i++)
            {
                sum += w1[j * inputs + i] * image[i];
            }

            hidden[j] = MathF.Tanh(sum);
        }

        Span<float> logits = stackalloc float[b2.Length];
        for (int k = 0; k < logits.Length; k++)
        {
            float logit = b2[k];
            for (int j = 0; j < hiddenCount; j++)
            {
                logit += w2[k * hiddenCount + j] * hidden[j];
            }

            logits[k] = logit;
        }

        float max = float.NegativeInfinity;
        for (int k = 0; k < logits.Length; k++)
        {
            max = MathF.Max(max, logits[k]);
        }

        float exps = 0;
        for (int k = 0; k < logits.Length; k++)
        {
            exps += MathF.Exp(logits[k] - max);
        }

        return MathF.Log(exps) + max - logits[label];
    }

    /// <summary>ℓ = log Σ_k exp(z_k) − z_label with z = W2·max(W1·x + b1, 0) + b2.</summary>
    [Differentiable]
    public static float ReluMlpLoss(
        ReadOnlySpan<float> w1, ReadOnlySpan<float> b1, ReadOnlySpan<float> w2, ReadOnlySpan<float> b2,
        [NoDerivative] ReadOnlySpan<float> image, int label)
    {
        int inputs = image.Length;
        int hiddenCount = b1.Length;
        Span<float> hidden = stackalloc float[hiddenCount];
        for (int j = 0; j < hiddenCount; j++)
        {
            float sum = b1[j];
            for (int i = 0; i < inputs; i++)
            {
                sum += w1[j * inputs + i] * image[i];
            }

            hidden[j] = MathF.Max(sum, 0);
        }

        Span<float> logits = stackalloc float[b2.Length];
        for (int k = 0; k < logits.Length; k++)
        {
            float logit = b2[k];
            for (int j = 0; j < hiddenCount; j++)
            {
                logit += w2[k * hiddenCount + j] * hidden[j];
            }

            logits[k] = logit;
        }

        float max = float.NegativeInfinity;
        for (int k = 0; k < logits.Length; k++)
        {
            max = MathF.Max(max, logits[k]);
        }

        float exps = 0;
        for (int k = 0; k < logits.Length; k++)
        {
            exps += MathF.Exp(logits[k] - max);
        }

        return MathF.Log(exps) + max - logits[label];
    }
}
