using System;
using System.Globalization;
using System.IO;
using SymGrad;

namespace LinearRegression;

/// <summary>What the fit found beside what generated the data.</summary>
/// <param name="TrueWeights">The weights the data were drawn with.</param>
/// <param name="TrueBias">The bias the data were drawn with.</param>
/// <param name="Weights">The fitted weights.</param>
/// <param name="Bias">The fitted bias.</param>
/// <param name="Examples">The number of examples.</param>
/// <param name="NoiseStdDev">The standard deviation of the Gaussian noise added to each target.</param>
/// <param name="Fit">How the minimization ended (steps, final loss, gradient norm).</param>
public sealed record LinearRegressionResult(double[] TrueWeights, double TrueBias, double[] Weights, double Bias, int Examples, double NoiseStdDev, MinimizeResult Fit);

/// <summary>
/// Linear regression by gradient descent: y = X·w + b + noise with seeded synthetic data, fitted by minimizing the mean
/// squared error with SGD. The gradient of <see cref="SquaredError"/> is written by the generator.
/// </summary>
public static partial class LinearRegressionSample
{
    /// <summary>The number of features.</summary>
    public const int Features = 3;

    /// <summary>
    /// The squared error of the model w·x + b on one example, the parameters being [w₀, w₁, w₂, b].
    /// The generator adds <c>SquaredErrorGradient(parameters, features, target, dParameters)</c>.
    /// </summary>
    /// <param name="parameters">The weights, then the bias.</param>
    /// <param name="features">The example's <see cref="Features"/> features.</param>
    /// <param name="target">The example's target.</param>
    [Differentiable]
    public static double SquaredError(ReadOnlySpan<double> parameters, [NoDerivative] ReadOnlySpan<double> features, [NoDerivative] double target)
    {
        double prediction = parameters[Features];
        for (int j = 0; j < Features; j++)
        {
            prediction += parameters[j] * features[j];
        }

        double error = prediction - target;
        return error * error;
    }

    /// <summary>The mean of <see cref="SquaredError"/> over the examples, and its gradient: the mean of the generated ones.</summary>
    /// <param name="parameters">The weights, then the bias.</param>
    /// <param name="features">The examples' features, row-major, <see cref="Features"/> per example.</param>
    /// <param name="targets">One target per example.</param>
    /// <param name="gradient">Receives the gradient with respect to the parameters.</param>
    /// <returns>The mean squared error.</returns>
    public static double MeanSquaredErrorGradient(ReadOnlySpan<double> parameters, ReadOnlySpan<double> features, ReadOnlySpan<double> targets, Span<double> gradient)
    {
        Span<double> exampleGradient = stackalloc double[parameters.Length];
        gradient.Clear();
        double sum = 0;
        for (var i = 0; i < targets.Length; i++)
        {
            sum += SquaredErrorGradient(parameters, features.Slice(i * Features, Features), targets[i], exampleGradient);
            for (var k = 0; k < gradient.Length; k++)
            {
                gradient[k] += exampleGradient[k] / targets.Length;
            }
        }

        return sum / targets.Length;
    }

    /// <summary>Draws the data, fits w and b, and prints the fitted coefficients beside the true ones.</summary>
    /// <param name="output">Where the comparison is printed.</param>
    /// <param name="examples">How many examples to draw.</param>
    /// <param name="noiseStdDev">The standard deviation of the noise on the targets.</param>
    /// <param name="seed">The seed of the data.</param>
    /// <returns>The true and fitted coefficients.</returns>
    public static LinearRegressionResult Run(TextWriter output, int examples = 200, double noiseStdDev = 0.1, int seed = 42)
    {
        ArgumentNullException.ThrowIfNull(output);
        double[] trueWeights = [2.0, -3.0, 0.5];
        const double TrueBias = 1.0;

        // Standard normal features, so that each fitted weight has a standard error of about noise / √examples.
        var random = new Random(seed);
        var features = new double[examples * Features];
        var targets = new double[examples];
        for (var i = 0; i < examples; i++)
        {
            var y = TrueBias;
            for (var j = 0; j < Features; j++)
            {
                features[(i * 3) + j] = NextGaussian(random);
                y += trueWeights[j] * features[(i * 3) + j];
            }

            targets[i] = y + (noiseStdDev * NextGaussian(random));
        }

        // Start from zero; full-batch SGD until the gradient vanishes (the loss is a convex quadratic).
        var parameters = new double[Features + 1];
        var fit = Minimizer.Minimize(
            parameters,
            (p, gradient) => MeanSquaredErrorGradient(p, features, targets, gradient),
            new SgdOptions(lr: 0.1),
            maxSteps: 10_000,
            tolerance: 1e-10);

        var result = new LinearRegressionResult(trueWeights, TrueBias, parameters[..Features], parameters[Features], examples, noiseStdDev, fit);
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"Linear regression: {examples} examples, y = X·w + b + N(0, {noiseStdDev}²), SGD (lr 0.1) on the mean squared error"));
        output.WriteLine(string.Create(c, $"converged after {fit.Steps} steps: mean squared error {fit.Value:F6} (the noise variance is {noiseStdDev * noiseStdDev:F6})"));
        output.WriteLine($"{"",6} {"true",9} {"fitted",9}");
        for (var j = 0; j < Features; j++)
        {
            output.WriteLine(string.Create(c, $"{"w" + j,6} {trueWeights[j],9:F4} {result.Weights[j],9:F4}"));
        }

        output.WriteLine(string.Create(c, $"{"b",6} {TrueBias,9:F4} {result.Bias,9:F4}"));
        return result;
    }

    /// <summary>A standard normal value by the Box–Muller transform.</summary>
    private static double NextGaussian(Random random)
    {
        var u1 = 1.0 - random.NextDouble(); // in (0, 1], so the logarithm is finite
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
