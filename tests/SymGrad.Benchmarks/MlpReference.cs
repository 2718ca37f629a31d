using System;

namespace SymGrad.Benchmarks;

/// <summary>
/// W3's step in plain scalar double arithmetic, straight from the chain rule, for <c>--verify</c>: the gradient of the
/// batch's mean softmax cross-entropy with respect to W1, b1, W2 and b2, in <c>nn.Linear</c> layout.
/// </summary>
internal static class MlpReference
{
    /// <summary>The mean loss and its gradient (dW1, db1, dW2, db2) at <paramref name="weights"/>.</summary>
    public static (double Loss, double[][] Gradient) Gradient(MlpProblem problem, MlpWeights weights, float[] images, int[] labels)
    {
        var (inputs, hidden, classes, batch) = (problem.Inputs, problem.Hidden, problem.Classes, problem.Batch);
        double[][] gradient = [new double[hidden * inputs], new double[hidden], new double[classes * hidden], new double[classes]];
        double loss = 0;
        var activation = new double[hidden];
        var slope = new double[hidden];
        var logits = new double[classes];
        for (int b = 0; b < batch; b++)
        {
            for (int j = 0; j < hidden; j++)
            {
                double pre = weights.B1[j];
                for (int i = 0; i < inputs; i++) pre += (double)weights.W1[j * inputs + i] * images[b * inputs + i];
                (activation[j], slope[j]) = problem.Activation == HiddenLayer.Tanh
                    ? (Math.Tanh(pre), 1 - Math.Tanh(pre) * Math.Tanh(pre))
                    : (Math.Max(pre, 0), pre > 0 ? 1 : 0);
            }

            for (int k = 0; k < classes; k++)
            {
                logits[k] = weights.B2[k];
                for (int j = 0; j < hidden; j++) logits[k] += weights.W2[k * hidden + j] * activation[j];
            }

            double max = double.NegativeInfinity;
            foreach (var z in logits) max = Math.Max(max, z);
            double partition = 0;
            foreach (var z in logits) partition += Math.Exp(z - max);
            loss += (Math.Log(partition) + max - logits[labels[b]]) / batch;

            for (int k = 0; k < classes; k++)
            {
                // ∂ℓ/∂z_k = softmax_k − [k = label], over the batch mean.
                double dz = (Math.Exp(logits[k] - max) / partition - (k == labels[b] ? 1 : 0)) / batch;
                gradient[3][k] += dz;
                for (int j = 0; j < hidden; j++) gradient[2][k * hidden + j] += dz * activation[j];
            }

            for (int j = 0; j < hidden; j++)
            {
                double dh = 0;
                for (int k = 0; k < classes; k++)
                {
                    dh += (Math.Exp(logits[k] - max) / partition - (k == labels[b] ? 1 : 0)) / batch * weights.W2[k * hidden + j];
                }

                double dPre = dh * slope[j];
                gradient[1][j] += dPre;
                for (int i = 0; i < inputs; i++) gradient[0][j * inputs + i] += dPre * images[b * inputs + i];
            }
        }

        return (loss, gradient);
    }
}
