using System;

namespace SymGrad.Benchmarks;

/// <summary>
/// W3's two networks written the way a user writes them: the softmax cross-entropy through one hidden layer, each
/// layer's weights row-major (outputs × inputs) like PyTorch's <c>nn.Linear</c>, of one example and (the batch form)
/// the mean over a batch. The generator adds <c>…Gradient</c> for each, which returns the loss and writes every weight's
/// gradient.
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

    /// <summary>The batch form: the mean of <see cref="TanhMlpLoss"/> over a batch of images (batch × inputs, row-major), each layer computed for the whole batch.</summary>
    [Differentiable]
    public static float TanhMlpBatchLoss(
        ReadOnlySpan<float> w1, ReadOnlySpan<float> b1, ReadOnlySpan<float> w2, ReadOnlySpan<float> b2,
        [NoDerivative] ReadOnlySpan<float> images, ReadOnlySpan<int> labels)
    {
        int batch = labels.Length;
        int inputs = images.Length / batch;
        int hiddenCount = b1.Length;
        int classes = b2.Length;
        float[] hidden = new float[batch * hiddenCount];
        for (int b = 0; b < batch; b++)
        {
            for (int j = 0; j < hiddenCount; j++)
            {
                float sum = b1[j];
                for (int i = 0; i < inputs; i++)
                {
                    sum += w1[j * inputs + i] * images[b * inputs + i];
                }

                hidden[b * hiddenCount + j] = MathF.Tanh(sum);
            }
        }

        float[] logits = new float[batch * classes];
        for (int b = 0; b < batch; b++)
        {
            for (int k = 0; k < classes; k++)
            {
                float logit = b2[k];
                for (int j = 0; j < hiddenCount; j++)
                {
                    logit += w2[k * hiddenCount + j] * hidden[b * hiddenCount + j];
                }

                logits[b * classes + k] = logit;
            }
        }

        float total = 0;
        for (int b = 0; b < batch; b++)
        {
            float max = float.NegativeInfinity;
            for (int k = 0; k < classes; k++)
            {
                max = MathF.Max(max, logits[b * classes + k]);
            }

            float exps = 0;
            for (int k = 0; k < classes; k++)
            {
                exps += MathF.Exp(logits[b * classes + k] - max);
            }

            total += MathF.Log(exps) + max - logits[b * classes + labels[b]];
        }

        return total / batch;
    }

    /// <summary>The batch form of <see cref="ReluMlpLoss"/>: the mean over a batch of images, each layer computed for the whole batch.</summary>
    [Differentiable]
    public static float ReluMlpBatchLoss(
        ReadOnlySpan<float> w1, ReadOnlySpan<float> b1, ReadOnlySpan<float> w2, ReadOnlySpan<float> b2,
        [NoDerivative] ReadOnlySpan<float> images, ReadOnlySpan<int> labels)
    {
        int batch = labels.Length;
        int inputs = images.Length / batch;
        int hiddenCount = b1.Length;
        int classes = b2.Length;
        float[] hidden = new float[batch * hiddenCount];
        for (int b = 0; b < batch; b++)
        {
            for (int j = 0; j < hiddenCount; j++)
            {
                float sum = b1[j];
                for (int i = 0; i < inputs; i++)
                {
                    sum += w1[j * inputs + i] * images[b * inputs + i];
                }

                hidden[b * hiddenCount + j] = MathF.Max(sum, 0);
            }
        }

        float[] logits = new float[batch * classes];
        for (int b = 0; b < batch; b++)
        {
            for (int k = 0; k < classes; k++)
            {
                float logit = b2[k];
                for (int j = 0; j < hiddenCount; j++)
                {
                    logit += w2[k * hiddenCount + j] * hidden[b * hiddenCount + j];
                }

                logits[b * classes + k] = logit;
            }
        }

        float total = 0;
        for (int b = 0; b < batch; b++)
        {
            float max = float.NegativeInfinity;
            for (int k = 0; k < classes; k++)
            {
                max = MathF.Max(max, logits[b * classes + k]);
            }

            float exps = 0;
            for (int k = 0; k < classes; k++)
            {
                exps += MathF.Exp(logits[b * classes + k] - max);
            }

            total += MathF.Log(exps) + max - logits[b * classes + labels[b]];
        }

        return total / batch;
    }
}
