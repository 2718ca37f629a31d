using System;
using BenchmarkDotNet.Attributes;
using SymGrad.Benchmarks.Context;
using SymGrad.Benchmarks.HandWritten;

namespace SymGrad.Benchmarks;

/// <summary>
/// W1: y = f(x) and dx = g·f′(x) over 2²⁰ floats for sigmoid, tanh and softplus. Every benchmark
/// declares the element count as its operations per invoke, so the reported time is ns per element.
/// </summary>
[MemoryDiagnoser, MinColumn, MedianColumn]
public class W1Elementwise
{
    private const int N = Inputs.ElementCount;
    private readonly float[] _y = new float[N];
    private readonly float[] _dx = new float[N];
    private readonly float[] _scratch = new float[N];
    private float[] _x = [];
    private float[] _g = [];

    /// <summary>The activation under test.</summary>
    [Params(Activation.Sigmoid, Activation.Tanh, Activation.Softplus)]
    public Activation Function { get; set; }

    /// <summary>x uniform in [−8, 8) (both branches of every kernel), g uniform in [−1, 1).</summary>
    [GlobalSetup]
    public void Setup()
    {
        _x = Inputs.Uniform(N, -8, 8, seed: 0);
        _g = Inputs.Uniform(N, -1, 1, seed: 1);
    }

    /// <summary>One fused pass per activation (HandWritten/Elementwise.cs).</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = N)]
    public void HandWrittenFused()
    {
        switch (Function)
        {
            case Activation.Sigmoid: Elementwise.SigmoidForwardBackward(_x, _g, _y, _dx); break;
            case Activation.Tanh: Elementwise.TanhForwardBackward(_x, _g, _y, _dx); break;
            default: Elementwise.SoftplusForwardBackward(_x, _g, _y, _dx); break;
        }
    }

    /// <summary>TensorPrimitives, one pass per operation, for context.</summary>
    [Benchmark(OperationsPerInvoke = N)]
    public void TensorPrimitivesMultiPass()
    {
        switch (Function)
        {
            case Activation.Sigmoid: TensorPrimitivesElementwise.Sigmoid(_x, _g, _y, _dx, _scratch); break;
            case Activation.Tanh: TensorPrimitivesElementwise.Tanh(_x, _g, _y, _dx, _scratch); break;
            default: TensorPrimitivesElementwise.Softplus(_x, _g, _y, _dx, _scratch); break;
        }
    }

    /// <summary>The generator's fused span form, <c>MForwardBackward</c>.</summary>
    [Benchmark(OperationsPerInvoke = N)]
    public void Generated() => SymGrad.Benchmarks.Generated.ForwardBackward(Function, _x, _g, _y, _dx);
}
