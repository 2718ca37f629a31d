using System;
using System.IO;
using System.Linq;
using Digits;
using Xunit;

namespace SymGrad.Samples.Tests;

public sealed class DigitsSampleTests
{
    [Fact]
    public void MlpReachesNinetyFivePercentOnTheHeldOutDigitsAndSavesItsCurves()
    {
        var directory = Path.Combine(Path.GetTempPath(), "symgrad-digits-" + Guid.NewGuid().ToString("N"));
        var plot = Path.Combine(directory, "curves.png");
        var output = new StringWriter();
        try
        {
            var result = DigitsSample.Run(output, plot);

            var text = output.ToString();
            Assert.True(result.TestAccuracy >= 0.95, text);
            Assert.Equal(DigitsSample.Epochs, result.Epochs.Count);
            Assert.True(result.Epochs[^1].TrainLoss < result.Epochs[0].TrainLoss / 10, text);
            Assert.Equal(plot, result.PlotPath);
            Assert.True(File.Exists(plot));
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(plot).Take(4).ToArray());
            Assert.Contains(plot, text.Replace("\n", "", StringComparison.Ordinal));
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    [Fact]
    public void DataFileHoldsTheDigits()
    {
        var (images, labels) = DigitsSample.LoadDigits(Path.Combine(AppContext.BaseDirectory, "Data", "digits.csv"));

        Assert.Equal(1797, labels.Length);
        Assert.All(images, image => Assert.Equal(64, image.Length));
        Assert.All(images.SelectMany(image => image), pixel => Assert.InRange(pixel, 0, 1));
        Assert.Equal(Enumerable.Range(0, 10), labels.Distinct().Order());
    }

    [Fact]
    public void GeneratedGradientMatchesFiniteDifferences()
    {
        var (images, labels) = DigitsSample.LoadDigits(Path.Combine(AppContext.BaseDirectory, "Data", "digits.csv"));
        var random = new Random(7);
        var point = Enumerable.Range(0, Mlp.ParameterCount).Select(_ => random.NextDouble() - 0.5).ToArray();

        GradCheck.Assert(
            p => Mlp.Loss(p[Mlp.W1..Mlp.B1], p[Mlp.B1..Mlp.W2], p[Mlp.W2..Mlp.B2], p[Mlp.B2..], images[5], labels[5]),
            (p, gradient) => Mlp.LossGradient(p, images[5], labels[5], gradient),
            point);
    }
}
