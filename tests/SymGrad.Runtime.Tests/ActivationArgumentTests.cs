using System;
using Xunit;

namespace SymGrad.Runtime.Tests;

/// <summary>The generated span forms of the activations check their lengths and name the parameter (SPEC §3).</summary>
public sealed class ActivationArgumentTests
{
    [Fact]
    public void ElementwiseSpanFormsRejectOutputsOfAnotherLength()
    {
        var x = new double[5];
        var ok = new double[5];
        var bad = new double[4];
        Assert.Equal("result", Assert.Throws<ArgumentException>(() => Activations.Gelu(x, bad)).ParamName);
        Assert.Equal("derivative", Assert.Throws<ArgumentException>(() => Activations.LeakyReluDerivative(x, 0.1, bad)).ParamName);
        Assert.Equal("gradOutput", Assert.Throws<ArgumentException>(() => Activations.SoftplusBackward(x, 1, 20, bad, ok)).ParamName);
        Assert.Equal("gradInput", Assert.Throws<ArgumentException>(() => Activations.HardTanhBackward(x, -1, 1, ok, bad)).ParamName);
        Assert.Equal("result", Assert.Throws<ArgumentException>(() => Activations.EluForwardBackward(x, 1, ok, bad, ok)).ParamName);
        Assert.Equal("gradInput", Assert.Throws<ArgumentException>(() => Activations.MishForwardBackward(new float[5], new float[5], new float[5], new float[6])).ParamName);
    }
}
