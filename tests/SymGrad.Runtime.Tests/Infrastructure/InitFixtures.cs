using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace SymGrad.Runtime.Tests.Infrastructure;

/// <summary>torch.nn.init.calculate_gain for one nonlinearity and parameter (null: torch's default).</summary>
public sealed record GainCase(Nonlinearity Nonlinearity, string TorchName, double? Param, double Gain)
{
    public override string ToString() => $"{TorchName}({Param?.ToString("R") ?? "None"})";
}

/// <summary>torch's fan-in and fan-out of a shape.</summary>
public sealed record FanCase(int[] Shape, int FanIn, int FanOut)
{
    public override string ToString() => $"({string.Join(", ", Shape)})";
}

/// <summary>The bound torch passes to uniform_ and the std it passes to normal_ for xavier_* with a gain.</summary>
public sealed record XavierCase(int[] Shape, double Gain, double UniformBound, double NormalStd)
{
    public override string ToString() => $"({string.Join(", ", Shape)}) gain {Gain:R}";
}

/// <summary>The same for kaiming_*; null where torch leaves a zero-element tensor alone.</summary>
public sealed record KaimingCase(int[] Shape, double A, FanMode Mode, Nonlinearity Nonlinearity, double? UniformBound, double? NormalStd)
{
    public override string ToString() => $"({string.Join(", ", Shape)}) a {A:R} {Mode} {Nonlinearity}";
}

/// <summary>A shape torch's initializers reject, with its message.</summary>
public sealed record InitRejectCase(string Init, int[] Shape, string Error)
{
    public override string ToString() => $"{Init}({string.Join(", ", Shape)})";
}

/// <summary>The committed PyTorch fixture of the initializers (pytorch/make_init_fixtures.py), read once.</summary>
public static class InitFixtures
{
    private static readonly Lazy<JsonElement> Root = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "init.json"))).RootElement);

    public static IEnumerable<GainCase> Gains => Section("gains").Select(e => new GainCase(
        Parse<Nonlinearity>(e.GetProperty("nonlinearity").GetString()!),
        e.GetProperty("nonlinearity").GetString()!,
        NullableNumber(e.GetProperty("param")),
        e.GetProperty("gain").GetDouble()));

    public static IEnumerable<FanCase> Fans => Section("fans").Select(e => new FanCase(
        Shape(e), e.GetProperty("fan_in").GetInt32(), e.GetProperty("fan_out").GetInt32()));

    public static IEnumerable<XavierCase> Xavier => Section("xavier").Select(e => new XavierCase(
        Shape(e),
        e.GetProperty("gain").GetDouble(),
        e.GetProperty("uniform_bound").GetDouble(),
        e.GetProperty("normal_std").GetDouble()));

    public static IEnumerable<KaimingCase> Kaiming => Section("kaiming").Select(e => new KaimingCase(
        Shape(e),
        e.GetProperty("a").GetDouble(),
        Parse<FanMode>(e.GetProperty("mode").GetString()!),
        Parse<Nonlinearity>(e.GetProperty("nonlinearity").GetString()!),
        NullableNumber(e.GetProperty("uniform_bound")),
        NullableNumber(e.GetProperty("normal_std"))));

    public static IEnumerable<InitRejectCase> Rejects => Section("rejects").Select(e => new InitRejectCase(
        e.GetProperty("init").GetString()!, Shape(e), e.GetProperty("error").GetString()!));

    /// <summary>torch's snake_case name ('conv_transpose2d', 'fan_in') as the PascalCase enum member.</summary>
    private static T Parse<T>(string torchName)
        where T : struct, Enum => Enum.Parse<T>(torchName.Replace("_", string.Empty, StringComparison.Ordinal), ignoreCase: true);

    private static IEnumerable<JsonElement> Section(string name) => Root.Value.GetProperty(name).EnumerateArray();

    private static int[] Shape(JsonElement e) => [.. e.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32())];

    private static double? NullableNumber(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : e.GetDouble();
}
