using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace SymGrad.Runtime.Tests.Infrastructure;

/// <summary>The point of PyTorch's Himmelblau run after <paramref name="Step"/> Adam steps.</summary>
public sealed record HimmelblauCheckpoint(int Step, double[] Point);

/// <summary>The committed PyTorch run of the Himmelblau sample (pytorch/make_training_fixtures.py), read once.</summary>
public static class HimmelblauFixture
{
    private static readonly Lazy<JsonElement> Root = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "himmelblau.json"))).RootElement);

    public static double Lr => Root.Value.GetProperty("lr").GetDouble();

    public static int Steps => Root.Value.GetProperty("steps").GetInt32();

    public static double[] Start => Vector(Root.Value.GetProperty("start"));

    public static double[] FinalPoint => Vector(Root.Value.GetProperty("final_point"));

    public static double FinalValue => Root.Value.GetProperty("final_value").GetDouble();

    public static IReadOnlyList<HimmelblauCheckpoint> Checkpoints => [.. Root.Value.GetProperty("checkpoints").EnumerateArray()
        .Select(e => new HimmelblauCheckpoint(e.GetProperty("step").GetInt32(), Vector(e.GetProperty("point"))))];

    private static double[] Vector(JsonElement e) => [.. e.EnumerateArray().Select(v => v.GetDouble())];
}
