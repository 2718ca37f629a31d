using System;
using System.Globalization;
using System.IO;
using Himmelblau;
using Xunit;

namespace SymGrad.Samples.Tests;

/// <summary>samples/Himmelblau: each of the four starts ends within 1e-3 of its minimum (SPEC §7), and the output says so.</summary>
public sealed class HimmelblauSampleTests
{
    [Fact]
    public void EachStartReachesItsMinimum()
    {
        var output = new StringWriter(CultureInfo.InvariantCulture);

        var runs = HimmelblauSample.Run(output);

        Assert.Equal(4, runs.Count);
        for (var i = 0; i < runs.Count; i++)
        {
            var run = runs[i];
            var (x, y) = HimmelblauSample.Minima[i];
            Assert.Equal(HimmelblauSample.Starts[i], (run.StartX, run.StartY));
            Assert.True(Math.Abs(run.X - x) <= 1e-3 && Math.Abs(run.Y - y) <= 1e-3, $"from ({run.StartX}, {run.StartY}) ended at ({run.X:R}, {run.Y:R}), expected ({x}, {y})");
            Assert.True(run.Value < 1e-6, $"f = {run.Value:R}");
        }
    }

    [Fact]
    public void ItPrintsTheFourMinimaOfSpec7()
    {
        var output = new StringWriter(CultureInfo.InvariantCulture);

        HimmelblauSample.Run(output);

        var text = output.ToString();
        Assert.Contains("f(3, 2) = 0", text, StringComparison.Ordinal);
        Assert.Contains("f(-2.805118, 3.131312) = 0", text, StringComparison.Ordinal);
        Assert.Contains("f(-3.779310, -3.283186) = 0", text, StringComparison.Ordinal);
        Assert.Contains("f(3.584428, -1.848126) = 0", text, StringComparison.Ordinal);
    }
}
