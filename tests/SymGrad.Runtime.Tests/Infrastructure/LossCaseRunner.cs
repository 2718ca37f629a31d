using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace SymGrad.Runtime.Tests.Infrastructure;

/// <summary>
/// A loss under test, seen through double arrays (float members convert on the way in and out): the reduced value,
/// the per-element losses, the reduced gradient and the vector-Jacobian product, each with respect to <see cref="Inputs"/>.
/// </summary>
/// <param name="Inputs">The fixture names of the differentiated inputs, in the order of the gradient outputs.</param>
/// <param name="Value">The loss under a reduction (Mean or Sum).</param>
/// <param name="None">The per-element (or per-row) losses.</param>
/// <param name="Gradient">Writes the gradient of each input under a reduction and returns the loss.</param>
/// <param name="Backward">Writes the vector-Jacobian product of the per-element losses with a gradOutput.</param>
/// <param name="BatchMean">KlDivLoss's 'batchmean': writes the gradients and returns the loss.</param>
public sealed record LossMembers(
    string[] Inputs,
    Func<Reduction, double> Value,
    Func<double[]> None,
    Func<Reduction, double[][], double> Gradient,
    Action<double[], double[][]> Backward,
    Func<double[][], double>? BatchMean = null);

/// <summary>Runs a loss against every reduction of one PyTorch fixture case.</summary>
public static class LossCaseRunner
{
    /// <summary>
    /// Results are compared relatively (1e-10 in double, 1e-5 in float: torch's float kernels are not correctly
    /// rounded) with an absolute floor of a fraction of the largest magnitude in the expected tensor (1e-13 in double,
    /// 1e-6 in float). The floor is for values that cancel to near zero: a gradient that is zero in exact arithmetic
    /// (cosine embedding at cos = 1: 3e-15 in torch, 3e-15 here, differing in the second digit) or a sum of terms of
    /// opposite sign keeps an absolute error of a few ulps of the terms it came from, not of itself.
    /// </summary>
    private const double SingleRelative = 1e-5;
    private const double SingleFloor = 1e-6;
    private const double DoubleRelative = 1e-10;
    private const double DoubleFloor = 1e-13;

    /// <summary>The ids of every fixture case of the loss <paramref name="name"/>.</summary>
    public static TheoryData<string> Ids(string name)
    {
        var data = new TheoryData<string>();
        foreach (var c in Fixtures.Losses.Where(c => c.Name == name))
        {
            data.Add(c.Id);
        }

        return data;
    }

    public static LossCase Case(string id) => Fixtures.Losses.Single(c => c.Id == id);

    public static float[] Single(double[] values) => [.. values.Select(v => (float)v)];

    public static double[] Double(float[] values) => [.. values.Select(v => (double)v)];

    /// <summary>Runs a member that writes per-element losses into a fresh array.</summary>
    public static double[] Run(int length, Action<double[]> write)
    {
        var losses = new double[length];
        write(losses);
        return losses;
    }

    /// <summary>Runs a float member that writes per-element losses, and widens them.</summary>
    public static double[] Run(int length, Action<float[]> write)
    {
        var losses = new float[length];
        write(losses);
        return Double(losses);
    }

    /// <summary>Runs a float gradient member with float outputs and widens them into <paramref name="grads"/>.</summary>
    public static double Grad(double[][] grads, Func<float[][], float> run)
    {
        var singles = grads.Select(g => new float[g.Length]).ToArray();
        var value = run(singles);
        Copy(singles, grads);
        return value;
    }

    /// <summary>Runs a float backward member with float outputs and widens them into <paramref name="grads"/>.</summary>
    public static void Grad(double[][] grads, Action<float[][]> run)
    {
        var singles = grads.Select(g => new float[g.Length]).ToArray();
        run(singles);
        Copy(singles, grads);
    }

    private static void Copy(float[][] from, double[][] to)
    {
        for (var k = 0; k < from.Length; k++)
        {
            Double(from[k]).CopyTo(to[k], 0);
        }
    }

    /// <summary>Checks every result of <paramref name="c"/>: values, per-element losses, gradients and VJPs.</summary>
    public static void Verify(LossCase c, LossMembers loss)
    {
        Assert.NotEmpty(c.Results);
        foreach (var result in c.Results)
        {
            var grads = loss.Inputs.Select(name => new double[c.Inputs[name].Data.Length]).ToArray();
            switch (result.Reduction)
            {
                case "none":
                    Near(c, "none output", result.Output.Data, loss.None());
                    loss.Backward(result.GradOutput.Data, grads);
                    break;
                case "batchmean":
                    Assert.NotNull(loss.BatchMean);
                    Near(c, "batchmean output", result.Output.Data, [loss.BatchMean(grads)]);
                    break;
                default:
                    var reduction = result.Reduction == "mean" ? Reduction.Mean : Reduction.Sum;
                    Near(c, result.Reduction + " output", result.Output.Data, [loss.Value(reduction)]);
                    Near(c, result.Reduction + " output of the gradient member", result.Output.Data, [loss.Gradient(reduction, grads)]);
                    break;
            }

            for (var k = 0; k < loss.Inputs.Length; k++)
            {
                Near(c, $"{result.Reduction} gradient of {loss.Inputs[k]}", result.Grads[loss.Inputs[k]].Data, grads[k]);
            }
        }
    }

    private static void Near(LossCase c, string what, IReadOnlyList<double> expected, IReadOnlyList<double> actual)
    {
        Assert.True(expected.Count == actual.Count, $"{c.Id} {what}: {actual.Count} values, expected {expected.Count}");
        var single = c.Dtype == "float32";
        var floor = (single ? SingleFloor : DoubleFloor) * expected.Where(double.IsFinite).Select(Math.Abs).DefaultIfEmpty(0).Max();
        for (var i = 0; i < expected.Count; i++)
        {
            var (e, a) = (expected[i], actual[i]);
            var ok = double.IsNaN(e) ? double.IsNaN(a)
                : double.IsInfinity(e) ? e == a
                : Math.Abs(a - e) <= Math.Max((single ? SingleRelative : DoubleRelative) * Math.Abs(e), floor);
            Assert.True(ok, $"{c.Id} {what} [{i}]: {a:R}, expected {e:R}");
        }
    }
}
