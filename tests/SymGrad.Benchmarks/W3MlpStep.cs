using BenchmarkDotNet.Attributes;
using SymGrad.Benchmarks.HandWritten;

namespace SymGrad.Benchmarks;

/// <summary>
/// W3: one plain-SGD training step of a one-hidden-layer perceptron on one batch, float32: 64-32-10 tanh with batch 32,
/// and 784-128-10 relu with batch 64 (<see cref="MlpProblem"/>). Every call trains on the same batch again, from the
/// weights the previous call left, as a training loop does.
/// </summary>
[MemoryDiagnoser, MinColumn, MedianColumn]
public class W3MlpStep
{
    private float[] images = [];
    private int[] labels = [];
    private MlpSgdStep handWritten = null!;
    private GeneratedMlpStep generated = null!;

    [ParamsSource(nameof(Problems))]
    public MlpProblem Problem { get; set; } = MlpProblem.Small;

    public static MlpProblem[] Problems => [MlpProblem.Small, MlpProblem.Large];

    [GlobalSetup]
    public void Setup()
    {
        images = Problem.Images();
        labels = Problem.Labels();
        handWritten = new MlpSgdStep(Problem, Problem.InitialWeights());
        generated = new GeneratedMlpStep(Problem, Problem.InitialWeights());
    }

    /// <summary>The whole batch as blocked SIMD matrix products, the SGD update fused into the weight-gradient products.</summary>
    [Benchmark(Baseline = true)]
    public float HandWritten() => handWritten.Step(images, labels);

    /// <summary>The generated per-example gradient summed over the batch, and the runtime's SGD.</summary>
    [Benchmark]
    public float Generated() => generated.Step(images, labels);
}
