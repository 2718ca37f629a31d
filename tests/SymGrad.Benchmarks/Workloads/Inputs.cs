using System;

namespace SymGrad.Benchmarks;

/// <summary>Deterministic inputs, so every run and the verification see the same data.</summary>
public static class Inputs
{
    /// <summary>The W1 length: 2²⁰ elements.</summary>
    public const int ElementCount = 1 << 20;

    /// <summary>The W2 batch size.</summary>
    public const int Batch = 256;

    /// <summary><paramref name="length"/> values uniform in [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public static float[] Uniform(int length, float low, float high, int seed)
    {
        var random = new Random(seed);
        var values = new float[length];
        for (int i = 0; i < values.Length; i++) values[i] = low + (high - low) * random.NextSingle();
        return values;
    }

    /// <summary><paramref name="length"/> class indices uniform in [0, <paramref name="classes"/>).</summary>
    public static int[] Targets(int length, int classes, int seed)
    {
        var random = new Random(seed);
        var targets = new int[length];
        for (int i = 0; i < targets.Length; i++) targets[i] = random.Next(classes);
        return targets;
    }
}
