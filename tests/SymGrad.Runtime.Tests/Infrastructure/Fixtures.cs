using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace SymGrad.Runtime.Tests.Infrastructure;

/// <summary>A tensor of a fixture: its dtype, its shape and its elements row-major (NaN and ±∞ written as strings).</summary>
public sealed record Tensor(string Dtype, int[] Shape, double[] Data)
{
    public static Tensor Parse(JsonElement e) => new(
        e.GetProperty("dtype").GetString()!,
        [.. e.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32())],
        Fixtures.Numbers(e.GetProperty("data")));

    /// <summary>The elements as class indices (int64 targets).</summary>
    public int[] Indices => [.. Data.Select(v => checked((int)v))];

    public float[] Single => [.. Data.Select(v => (float)v)];
}

/// <summary>An activation on a grid: y = f(x) and dy/dx as PyTorch's autograd gives them.</summary>
public sealed record ActivationCase(string Id, string Name, JsonElement Params, string Dtype, bool Finite, double[] X, double[] Y, double[] Dydx)
{
    public double Param(string name) => Params.GetProperty(name).GetDouble();

    public string Text(string name) => Params.GetProperty(name).GetString()!;

    public override string ToString() => Id;
}

/// <summary>Softmax or LogSoftmax of one vector: values, the Jacobian (row i = ∂yᵢ/∂x) and a vector-Jacobian product.</summary>
public sealed record VectorCase(string Id, string Name, string Dtype, bool Finite, double[] X, double[] Y, double[][] Jacobian, double[] G, double[] Vjp)
{
    public override string ToString() => Id;
}

/// <summary>One reduction of a loss case: the output, the output gradient and the gradient of every input.</summary>
public sealed record LossResult(string Reduction, Tensor Output, Tensor GradOutput, IReadOnlyDictionary<string, Tensor> Grads);

/// <summary>A loss, its options (torch names) and inputs, and its results under each reduction.</summary>
public sealed record LossCase(string Id, string Name, string Dtype, JsonElement Options, IReadOnlyDictionary<string, Tensor> Inputs, IReadOnlyList<LossResult> Results)
{
    public double Option(string name) => Options.GetProperty(name).GetDouble();

    public bool Flag(string name) => Options.GetProperty(name).GetBoolean();

    public Tensor? Input(string name) => Inputs.TryGetValue(name, out var t) ? t : null;

    public override string ToString() => Id;
}

/// <summary>An input PyTorch rejects, with its error.</summary>
public sealed record RejectCase(string Name, JsonElement Options, IReadOnlyDictionary<string, Tensor> Inputs, string Error)
{
    public override string ToString() => $"{Name}: {Error}";
}

/// <summary>The committed PyTorch fixtures, read once.</summary>
public static class Fixtures
{
    private static readonly Lazy<JsonDocument> ActivationsDocument = new(() => Load("activations.json"));
    private static readonly Lazy<JsonDocument> LossesDocument = new(() => Load("losses.json"));

    public static IEnumerable<ActivationCase> Activations => ActivationsDocument.Value.RootElement.GetProperty("activations").EnumerateArray().Select(e => new ActivationCase(
        e.GetProperty("id").GetString()!,
        e.GetProperty("name").GetString()!,
        e.GetProperty("params"),
        e.GetProperty("dtype").GetString()!,
        e.GetProperty("finite").GetBoolean(),
        Numbers(e.GetProperty("x")),
        Numbers(e.GetProperty("y")),
        Numbers(e.GetProperty("dydx"))));

    public static IEnumerable<VectorCase> Vectors => ActivationsDocument.Value.RootElement.GetProperty("vector").EnumerateArray().Select(e => new VectorCase(
        e.GetProperty("id").GetString()!,
        e.GetProperty("name").GetString()!,
        e.GetProperty("dtype").GetString()!,
        e.GetProperty("finite").GetBoolean(),
        Numbers(e.GetProperty("x")),
        Numbers(e.GetProperty("y")),
        [.. e.GetProperty("jacobian").EnumerateArray().Select(Numbers)],
        Numbers(e.GetProperty("g")),
        Numbers(e.GetProperty("vjp"))));

    public static IEnumerable<LossCase> Losses => LossesDocument.Value.RootElement.GetProperty("cases").EnumerateArray().Select(e => new LossCase(
        e.GetProperty("id").GetString()!,
        e.GetProperty("name").GetString()!,
        e.GetProperty("dtype").GetString()!,
        e.GetProperty("options"),
        Tensors(e.GetProperty("inputs")),
        [.. e.GetProperty("results").EnumerateArray().Select(r => new LossResult(
            r.GetProperty("reduction").GetString()!,
            Tensor.Parse(r.GetProperty("output")),
            Tensor.Parse(r.GetProperty("grad_output")),
            Tensors(r.GetProperty("grads"))))]));

    public static IEnumerable<RejectCase> Rejects => LossesDocument.Value.RootElement.GetProperty("rejects").EnumerateArray().Select(e => new RejectCase(
        e.GetProperty("name").GetString()!,
        e.GetProperty("options"),
        Tensors(e.GetProperty("inputs")),
        e.GetProperty("error").GetString()!));

    internal static double[] Numbers(JsonElement array) => [.. array.EnumerateArray().Select(Number)];

    private static double Number(JsonElement e) => e.ValueKind == JsonValueKind.String
        ? e.GetString() switch
        {
            "NaN" => double.NaN,
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            var other => throw new FormatException($"Not a number: {other}"),
        }
        : e.GetDouble();

    private static Dictionary<string, Tensor> Tensors(JsonElement e) =>
        e.EnumerateObject().ToDictionary(p => p.Name, p => Tensor.Parse(p.Value), StringComparer.Ordinal);

    private static JsonDocument Load(string name) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name)));
}
