using System;
using System.Globalization;
using System.IO;
using System.Linq;
using SymGrad;

namespace LogisticRegression;

/// <summary>The trained model and how well it classifies.</summary>
/// <param name="Weights">The two weights, then the bias.</param>
/// <param name="TrainAccuracy">The fraction of training examples classified correctly.</param>
/// <param name="TestAccuracy">The fraction of held-out examples classified correctly.</param>
/// <param name="Training">The trainer's per-epoch history.</param>
public sealed record LogisticRegressionResult(double[] Weights, double TrainAccuracy, double TestAccuracy, TrainingResult Training);

/// <summary>
/// Logistic regression on two seeded Gaussian blobs, trained with minibatch Adam by <see cref="MinibatchTrainer"/>. The
/// per-example loss is a <see cref="DifferentiableAttribute"/> method; its gradient is generated.
/// </summary>
public static partial class LogisticRegressionSample
{
    /// <summary>The class means are (−1, −1) and (1, 1), the noise is N(0, 1) in each coordinate.</summary>
    public const double ClassOffset = 1.0;

    /// <summary>
    /// Binary cross-entropy of the logit z = w₀x₀ + w₁x₁ + b against a 0/1 label: softplus(z) − y·z, which is
    /// −log σ(z) for y = 1 and −log(1 − σ(z)) for y = 0, without overflow. The generator adds <c>LogisticLossGradient</c>.
    /// </summary>
    [Differentiable]
    public static double LogisticLoss(ReadOnlySpan<double> w, [NoDerivative] ReadOnlySpan<double> x, [NoDerivative] double label)
    {
        double z = (w[0] * x[0]) + (w[1] * x[1]) + w[2];
        return Activations.Softplus(z) - (label * z);
    }

    /// <summary>Draws 1 000 examples, trains on 800, and prints the accuracy on both sets.</summary>
    /// <param name="output">Where the training log and accuracies are printed.</param>
    /// <param name="seed">The seed of the data and of the minibatch order.</param>
    /// <returns>The weights and accuracies.</returns>
    public static LogisticRegressionResult Run(TextWriter output, int seed = 7)
    {
        ArgumentNullException.ThrowIfNull(output);
        const int Examples = 1000;
        var random = new Random(seed);
        var features = new double[Examples * 2];
        var labels = new double[Examples];
        for (var i = 0; i < Examples; i++)
        {
            labels[i] = i % 2;
            var mean = labels[i] == 1 ? ClassOffset : -ClassOffset;
            features[2 * i] = mean + NextGaussian(random);
            features[(2 * i) + 1] = mean + NextGaussian(random);
        }

        int[] train = [.. Enumerable.Range(0, 800)];
        int[] test = [.. Enumerable.Range(800, Examples - 800)];

        double Loss(ReadOnlySpan<double> w, int example, Span<double> gradient) =>
            LogisticLossGradient(w, features.AsSpan(2 * example, 2), labels[example], gradient);

        bool Correct(ReadOnlySpan<double> w, int example) =>
            ((w[0] * features[2 * example]) + (w[1] * features[(2 * example) + 1]) + w[2] > 0) == (labels[example] == 1);

        var parameters = new Parameter<double>(new double[3]);
        var trainer = new MinibatchTrainer(parameters, new Adam<double>([parameters], new AdamOptions(lr: 0.05)), Loss, new TrainingOptions(epochs: 20, batchSize: 32, seed: seed), Correct);
        var c = CultureInfo.InvariantCulture;
        output.WriteLine("Logistic regression on two Gaussian blobs: 800 training, 200 test examples, Adam (lr 0.05), batches of 32");
        var training = trainer.Train(train, test);
        foreach (var epoch in training.Epochs.Where(e => e.Epoch % 5 == 0 || e.Epoch == 1))
        {
            output.WriteLine(string.Create(c, $"  epoch {epoch.Epoch,2}: train loss {epoch.TrainLoss:F4}, test loss {epoch.ValidationLoss:F4}, test accuracy {epoch.ValidationAccuracy:P1}"));
        }

        var w = parameters.Value;
        var trainAccuracy = train.Count(e => Correct(w, e)) / (double)train.Length;
        var testAccuracy = test.Count(e => Correct(w, e)) / (double)test.Length;
        output.WriteLine(string.Create(c, $"decision boundary {w[0]:F3}·x₀ + {w[1]:F3}·x₁ + {w[2]:F3} = 0"));
        output.WriteLine(string.Create(c, $"accuracy: train {trainAccuracy:P1}, test {testAccuracy:P1}"));
        return new LogisticRegressionResult([.. w], trainAccuracy, testAccuracy, training);
    }

    /// <summary>A standard normal value by the Box–Muller transform.</summary>
    private static double NextGaussian(Random random)
    {
        var u1 = 1.0 - random.NextDouble(); // in (0, 1], so the logarithm is finite
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
