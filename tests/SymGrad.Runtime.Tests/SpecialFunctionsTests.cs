using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Xunit;

namespace SymGrad.Runtime.Tests;

/// <summary>
/// <see cref="SpecialFunctions.Erf(double)"/> and its registered derivative against 60-digit references (Data/erf.py):
/// within 1 ulp of the correctly rounded value in double, and in float.
/// </summary>
public sealed class SpecialFunctionsTests
{
    private static readonly Lazy<(double X, double Erf, double Derivative)[]> Reference = new(() => [.. File
        .ReadLines(Path.Combine(AppContext.BaseDirectory, "Data", "erf-reference.txt"))
        .Where(line => !line.StartsWith('#'))
        .Select(line => line.Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray())
        .Select(v => (v[0], v[1], v[2]))]);

    [Fact]
    public void DoubleErfIsWithinOneUlpOfTheCorrectlyRoundedValue()
    {
        Assert.True(Reference.Value.Length > 1600);
        Assert.All(Reference.Value, r => Assert.True(Ulps(r.Erf, SpecialFunctions.Erf(r.X)) <= 1, $"erf({r.X:R}) = {SpecialFunctions.Erf(r.X):R}, exact {r.Erf:R}"));
    }

    [Fact]
    public void FloatErfIsWithinOneUlpOfTheCorrectlyRoundedValue()
    {
        var floats = Reference.Value.Where(r => (float)r.X == r.X).ToList();
        Assert.True(floats.Count > 400);
        Assert.All(floats, r => Assert.True(Ulps((float)r.Erf, SpecialFunctions.Erf((float)r.X)) <= 1, $"erf({r.X:R}f) = {SpecialFunctions.Erf((float)r.X):R}, exact {r.Erf:R}"));
    }

    [Theory]
    [InlineData(double.PositiveInfinity, 1)]
    [InlineData(double.NegativeInfinity, -1)]
    [InlineData(1e300, 1)]
    [InlineData(-6, -1)]
    public void ErfSaturatesAtPlusOrMinusOne(double x, double expected)
    {
        Assert.Equal(expected, SpecialFunctions.Erf(x));
        Assert.Equal((float)expected, SpecialFunctions.Erf((float)x));
    }

    [Fact]
    public void ErfKeepsTheSignOfZeroAndPropagatesNaN()
    {
        Assert.True(double.IsNegative(SpecialFunctions.Erf(-0.0)));
        Assert.True(float.IsNegative(SpecialFunctions.Erf(-0.0f)));
        Assert.True(double.IsNaN(SpecialFunctions.Erf(double.NaN)));
        Assert.True(float.IsNaN(SpecialFunctions.Erf(float.NaN)));
    }

    [Fact]
    public void ErfIsOdd()
    {
        Assert.All(Reference.Value, r => Assert.Equal(-SpecialFunctions.Erf(r.X), SpecialFunctions.Erf(-r.X)));
    }

    [Fact]
    public void RegisteredDerivativeIsTwoOverRootPiTimesExpMinusXSquared()
    {
        // e^(−x²) is evaluated at x² rounded to double, whose relative error 2⁻⁵³ becomes an error of x²·2⁻⁵³ in the
        // exponential; add an ulp each for exp, the product and the constant.
        foreach (var (x, _, derivative) in Reference.Value.Where(r => Math.Abs(r.X) < 27))
        {
            var tolerance = ((x * x) + 3) * Math.Pow(2, -53) * derivative;
            Assert.True(Math.Abs(SpecialFunctions.ErfDerivative(x) - derivative) <= tolerance, $"erf'({x:R}) = {SpecialFunctions.ErfDerivative(x):R}, exact {derivative:R}");
            if (Math.Abs(x) < 9)
            {
                var single = SpecialFunctions.ErfDerivative((float)x);
                var exact = 2 / Math.Sqrt(Math.PI) * Math.Exp(-((double)(float)x * (float)x));
                Assert.True(Math.Abs(single - exact) <= (((float)x * (float)x) + 3) * Math.Pow(2, -24) * exact, $"erf'({x:R}f) = {single:R}, exact {exact:R}");
            }
        }
    }

    private static double Ulps(double expected, double actual) =>
        expected == actual ? 0 : Math.Abs(expected - actual) / Math.Max(double.Epsilon, Math.BitIncrement(Math.Abs(expected)) - Math.Abs(expected));

    private static double Ulps(float expected, float actual) =>
        expected == actual ? 0 : Math.Abs((double)expected - actual) / Math.Max(float.Epsilon, MathF.BitIncrement(Math.Abs(expected)) - Math.Abs(expected));
}
