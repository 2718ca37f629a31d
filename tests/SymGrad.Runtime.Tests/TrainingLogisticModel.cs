using System;
using System.Linq;

namespace SymGrad.Runtime.Tests;

/// <summary>
/// A seeded synthetic logistic-regression problem for the trainer tests: 3 features, labels from a known linear rule
/// with label noise, the loss written as a <see cref="DifferentiableAttribute"/> method and trained through its generated gradient.
/// </summary>
internal sealed partial class TrainingLogisticModel
{
    public const int Features = 3;

    private readonly double[] x;
    private readonly double[] y;

    public TrainingLogisticModel(int examples, int seed, double labelNoise = 0.05)
    {
        var random = new Random(seed);
        x = [.. Enumerable.Range(0, examples * Features).Select(_ => (random.NextDouble() * 4) - 2)];
        y = new double[examples];
        for (var i = 0; i < examples; i++)
        {
            var z = (1.5 * x[i * Features]) - (2 * x[(i * Features) + 1]) + (0.5 * x[(i * Features) + 2]) + 0.3;
            var label = z > 0;
            y[i] = label ^ (random.NextDouble() < labelNoise) ? 1 : 0;
        }
    }

    /// <summary>Weights and bias.</summary>
    public static int ParameterCount => Features + 1;

    public int Count => y.Length;

    /// <summary>log(1 + e^z) − y·z with z = w·x + b: binary cross-entropy from the logit.</summary>
    [Differentiable]
    public static double LogisticLoss(ReadOnlySpan<double> w, [NoDerivative] ReadOnlySpan<double> features, [NoDerivative] double label)
    {
        var z = w[3];
        for (var i = 0; i < 3; i++)
        {
            z += w[i] * features[i];
        }

        return Math.Log(1 + Math.Exp(z)) - (label * z);
    }

    public double Loss(ReadOnlySpan<double> w, int example, Span<double> gradient) =>
        LogisticLossGradient(w, x.AsSpan(example * Features, Features), y[example], gradient);

    public bool Correct(ReadOnlySpan<double> w, int example)
    {
        var z = w[3];
        for (var i = 0; i < Features; i++)
        {
            z += w[i] * x[(example * Features) + i];
        }

        return z > 0 == (y[example] == 1);
    }

    /// <summary>The same examples with every label flipped: a validation set the training makes worse.</summary>
    public double FlippedLoss(ReadOnlySpan<double> w, int example, Span<double> gradient) =>
        LogisticLossGradient(w, x.AsSpan(example * Features, Features), 1 - y[example], gradient);
}
