using BenchmarkDotNet.Attributes;
using SymGrad.Benchmarks.HandWritten;

namespace SymGrad.Benchmarks;

/// <summary>
/// W2: softmax cross-entropy loss and its gradient with respect to the logits, batch 256, integer
/// targets, mean reduction, float32. µs per call.
/// </summary>
[MemoryDiagnoser, MinColumn, MedianColumn]
public class W2CrossEntropy
{
    private float[] _logits = [];
    private int[] _targets = [];
    private float[] _dLogits = [];

    /// <summary>The number of classes.</summary>
    [Params(10, 1000)]
    public int Classes { get; set; }

    /// <summary>Logits uniform in [−5, 5), targets uniform over the classes.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _logits = Inputs.Uniform(Inputs.Batch * Classes, -5, 5, seed: 2);
        _targets = Inputs.Targets(Inputs.Batch, Classes, seed: 3);
        _dLogits = new float[_logits.Length];
    }

    /// <summary>The fused per-row kernel.</summary>
    [Benchmark(Baseline = true)]
    public float HandWrittenFused() => CrossEntropy.Fused(_logits, _targets, _dLogits);

    /// <summary>Plain scalar loops, for context.</summary>
    [Benchmark]
    public float NaiveScalar() => CrossEntropy.NaiveScalar(_logits, _targets, _dLogits);

    /// <summary>The generated gradient of the [Differentiable] loss in Workloads/Generated.cs.</summary>
    [Benchmark]
    public float Generated() => SymGrad.Benchmarks.Generated.CrossEntropyGradient(_logits, _targets, Classes, _dLogits);
}
