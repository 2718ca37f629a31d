using System;
using System.IO;
using LinearRegression;
using Xunit;

namespace SymGrad.Samples.Tests;

/// <summary>samples/LinearRegression: SGD on the mean squared error recovers the coefficients the data were drawn with.</summary>
public sealed class LinearRegressionSampleTests
{
    /// <summary>
    /// With standard normal features the least-squares estimate of each coefficient has a standard error of about
    /// σ/√n (σ = 0.1, n = 200: 0.0071); 4 standard errors (0.028) is missed with probability about 6e-5 per coefficient.
    /// The data are seeded, so the run is the same every time: measured, the worst is 0.0127 (w₀).
    /// </summary>
    [Fact]
    public void TheFitIsWithinFourStandardErrorsOfTheTrueCoefficients()
    {
        var output = new StringWriter();

        var result = LinearRegressionSample.Run(output);

        var tolerance = 4 * result.NoiseStdDev / Math.Sqrt(result.Examples);
        Assert.True(result.Fit.Converged, $"gradient norm {result.Fit.GradientNorm:R} after {result.Fit.Steps} steps");
        for (var j = 0; j < result.TrueWeights.Length; j++)
        {
            Assert.True(Math.Abs(result.Weights[j] - result.TrueWeights[j]) <= tolerance, $"w{j} = {result.Weights[j]:R}, true {result.TrueWeights[j]}");
        }

        Assert.True(Math.Abs(result.Bias - result.TrueBias) <= tolerance, $"b = {result.Bias:R}, true {result.TrueBias}");
    }

    /// <summary>The residual variance of a least-squares fit with 4 parameters is about σ²·(n − 4)/n; ±30 % is about 4 standard deviations of it for n = 200.</summary>
    [Fact]
    public void TheRemainingErrorIsTheNoise()
    {
        var result = LinearRegressionSample.Run(new StringWriter());

        var variance = result.NoiseStdDev * result.NoiseStdDev;
        Assert.InRange(result.Fit.Value, 0.7 * variance, 1.3 * variance);
    }

    [Fact]
    public void ItPrintsTheFittedBesideTheTrueCoefficients()
    {
        var output = new StringWriter();

        var result = LinearRegressionSample.Run(output);

        var text = output.ToString();
        Assert.Contains("true", text, StringComparison.Ordinal);
        Assert.Contains("fitted", text, StringComparison.Ordinal);
        Assert.Contains(FormattableString.Invariant($"    w1   -3.0000 {result.Weights[1],9:F4}"), text, StringComparison.Ordinal);
        Assert.Contains(FormattableString.Invariant($"     b    1.0000 {result.Bias,9:F4}"), text, StringComparison.Ordinal);
    }
}
