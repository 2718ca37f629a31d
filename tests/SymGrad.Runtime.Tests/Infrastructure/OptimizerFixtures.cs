using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace SymGrad.Runtime.Tests.Infrastructure;

/// <summary>The least-squares problem of optimizers.json: f = ½‖A·x + B·y − b‖² + ½‖D·z − c‖² (z once added).</summary>
public sealed record LeastSquares(double[][] A, double[][] B, double[] b, double[][] D, double[] c, double[] X0, double[] Y0, double[] Z0)
{
    /// <summary>∇f, in the order make_optimizer_fixtures.py computes it (sums left to right), so both sides see the same gradient.</summary>
    public (double[] Gx, double[] Gy, double[] Gz) Gradients(double[] x, double[] y, double[]? z)
    {
        var r = new double[b.Length];
        for (var i = 0; i < r.Length; i++)
        {
            var s = 0.0;
            for (var j = 0; j < x.Length; j++)
            {
                s += A[i][j] * x[j];
            }

            for (var j = 0; j < y.Length; j++)
            {
                s += B[i][j] * y[j];
            }

            r[i] = s - b[i];
        }

        var gz = Array.Empty<double>();
        if (z is not null)
        {
            var t = new double[c.Length];
            for (var i = 0; i < t.Length; i++)
            {
                var s = 0.0;
                for (var j = 0; j < z.Length; j++)
                {
                    s += D[i][j] * z[j];
                }

                t[i] = s - c[i];
            }

            gz = Transposed(D, t, z.Length);
        }

        return (Transposed(A, r, x.Length), Transposed(B, r, y.Length), gz);
    }

    private static double[] Transposed(double[][] m, double[] r, int columns)
    {
        var g = new double[columns];
        for (var j = 0; j < columns; j++)
        {
            var s = 0.0;
            for (var i = 0; i < r.Length; i++)
            {
                s += m[i][j] * r[i];
            }

            g[j] = s;
        }

        return g;
    }
}

/// <summary>One optimizer and options (torch names), and x, y, z after each of the 30 steps.</summary>
public sealed record OptimizerCase(string Id, string Optimizer, string Dtype, JsonElement Options, double Group1Lr, double AddedGroupLr, double[][][] Steps)
{
    public double Option(string name, double fallback) => Options.TryGetProperty(name, out var v) ? v.GetDouble() : fallback;

    public bool Flag(string name) => Options.TryGetProperty(name, out var v) && v.GetBoolean();

    public double Beta(int index, double fallback) => Options.TryGetProperty("betas", out var v) ? v[index].GetDouble() : fallback;

    public override string ToString() => Id;
}

/// <summary>A scheduler, its options (torch names) and both groups' learning rates after construction and each step.</summary>
public sealed record SchedulerCase(string Id, string Scheduler, JsonElement Options, double[][] Lrs)
{
    public override string ToString() => Id;
}

/// <summary>optimizers.json and schedulers.json (pytorch/make_optimizer_fixtures.py), read once.</summary>
public static class OptimizerFixtures
{
    private static readonly Lazy<JsonDocument> OptimizersDocument = new(() => Load("optimizers.json"));
    private static readonly Lazy<JsonDocument> SchedulersDocument = new(() => Load("schedulers.json"));

    public static int AddGroupAfter => OptimizersDocument.Value.RootElement.GetProperty("add_group_after").GetInt32();

    public static LeastSquares Problem
    {
        get
        {
            var p = OptimizersDocument.Value.RootElement.GetProperty("problem");
            double[][] Matrix(string name) => [.. p.GetProperty(name).EnumerateArray().Select(Fixtures.Numbers)];
            double[] Vector(string name) => Fixtures.Numbers(p.GetProperty(name));
            return new LeastSquares(Matrix("A"), Matrix("B"), Vector("b"), Matrix("D"), Vector("c"), Vector("x0"), Vector("y0"), Vector("z0"));
        }
    }

    public static IEnumerable<OptimizerCase> Optimizers => OptimizersDocument.Value.RootElement.GetProperty("cases").EnumerateArray().Select(e => new OptimizerCase(
        e.GetProperty("id").GetString()!,
        e.GetProperty("optimizer").GetString()!,
        e.GetProperty("dtype").GetString()!,
        e.GetProperty("options"),
        e.GetProperty("group1_lr").GetDouble(),
        e.GetProperty("added_group_lr").GetDouble(),
        [.. e.GetProperty("steps").EnumerateArray().Select(s => new[] { Fixtures.Numbers(s.GetProperty("x")), Fixtures.Numbers(s.GetProperty("y")), Fixtures.Numbers(s.GetProperty("z")) })]));

    public static double[] Metrics => Fixtures.Numbers(SchedulersDocument.Value.RootElement.GetProperty("metrics"));

    public static double[] InitialLrs => Fixtures.Numbers(SchedulersDocument.Value.RootElement.GetProperty("initial_lrs"));

    public static IEnumerable<SchedulerCase> Schedulers => SchedulersDocument.Value.RootElement.GetProperty("cases").EnumerateArray().Select(e => new SchedulerCase(
        e.GetProperty("id").GetString()!,
        e.GetProperty("scheduler").GetString()!,
        e.GetProperty("options"),
        [.. e.GetProperty("lrs").EnumerateArray().Select(Fixtures.Numbers)]));

    private static JsonDocument Load(string name) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name)));
}
