using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using SymGrad;
using static System.FormattableString;

namespace Himmelblau;

/// <summary>Where one run started, where it ended, and the function's value there.</summary>
public sealed record HimmelblauRun(double StartX, double StartY, double X, double Y, double Value);

/// <summary>
/// Himmelblau's function has four minima, all with value 0. Adam (lr 1e-3, 20 000 steps) walks from four starting
/// points into each of them, driven by the gradient the generator wrote for <see cref="Function"/>.
/// </summary>
public static partial class HimmelblauSample
{
    /// <summary>The learning rate of SPEC §7.</summary>
    public const double LearningRate = 1e-3;

    /// <summary>The number of Adam steps of SPEC §7.</summary>
    public const int Steps = 20_000;

    /// <summary>The four minima, as SPEC §7 writes them (truncated to six decimals), in the order of <see cref="Starts"/>.</summary>
    public static IReadOnlyList<(double X, double Y)> Minima { get; } = [(3, 2), (-3.779310, -3.283186), (3.584428, -1.848126), (-2.805118, 3.131312)];

    /// <summary>One start per minimum: [1, 0] → (3, 2), [−4, 0] → (−3.78, −3.28), [4, 0] → (3.58, −1.85), [−2, 4] → (−2.81, 3.13).</summary>
    public static IReadOnlyList<(double X, double Y)> Starts { get; } = [(1, 0), (-4, 0), (4, 0), (-2, 4)];

    /// <summary>f(x, y) = (x² + y − 11)² + (x + y² − 7)². The generator adds <c>FunctionGradient(p, dP)</c>.</summary>
    [Differentiable]
    public static double Function(ReadOnlySpan<double> p)
    {
        var a = (p[0] * p[0]) + p[1] - 11;
        var b = p[0] + (p[1] * p[1]) - 7;
        return (a * a) + (b * b);
    }

    /// <summary>Minimizes from each of <see cref="Starts"/> and prints each minimum found.</summary>
    /// <param name="output">Where the minima are printed.</param>
    /// <returns>One run per start, in the order of <see cref="Starts"/>.</returns>
    public static IReadOnlyList<HimmelblauRun> Run(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine(Invariant($"Himmelblau's function, Adam (lr {LearningRate:G}), {Steps:N0} steps from each start"));
        var runs = new List<HimmelblauRun>();
        for (var i = 0; i < Starts.Count; i++)
        {
            var (startX, startY) = Starts[i];
            var (minimumX, minimumY) = Minima[i];
            double[] point = [startX, startY];
            var result = Minimizer.Minimize(point, FunctionGradient, new AdamOptions(lr: LearningRate), Steps);
            runs.Add(new HimmelblauRun(startX, startY, point[0], point[1], result.Value));
            output.WriteLine(Invariant($"  from [{startX,2}, {startY,2}]: reached ({point[0],9:F6}, {point[1],9:F6}), f = {result.Value:0.0e+00}   the minimum f({Format(minimumX)}, {Format(minimumY)}) = 0"));
        }

        return runs;
    }

    /// <summary>3 as "3", −3.77931 as "-3.779310": the minima as SPEC §7 prints them.</summary>
    private static string Format(double value) => value.ToString(value == Math.Round(value) ? "0" : "F6", CultureInfo.InvariantCulture);
}
