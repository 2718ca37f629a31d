using System;
using System.Linq;
using SymGrad.Runtime.Tests.Infrastructure;
using Xunit;

namespace SymGrad.Runtime.Tests;

/// <summary>
/// The gains, fans, bounds and standard deviations of the initializers against what torch.nn.init computes
/// (Fixtures/init.json). They are the same formulas in the same order of operations, so they must agree bit for bit.
/// </summary>
public sealed class InitializerFixtureTests
{
    [Fact]
    public void GainsAreTorchsForEveryNonlinearityAndParameter()
    {
        var cases = InitFixtures.Gains.ToList();
        Assert.Equal(Enum.GetValues<Nonlinearity>().OrderBy(n => n), cases.Select(c => c.Nonlinearity).Distinct().OrderBy(n => n));
        foreach (var c in cases)
        {
            Assert.True(c.Gain == Initializers.CalculateGain(c.Nonlinearity, c.Param), $"{c}: torch {c.Gain:R}, SymGrad {Initializers.CalculateGain(c.Nonlinearity, c.Param):R}");
        }
    }

    [Fact]
    public void FansAreTorchsForLinearAndConvolutionShapes()
    {
        var cases = InitFixtures.Fans.ToList();
        Assert.Contains(cases, c => c.Shape.Length == 2);
        Assert.Contains(cases, c => c.Shape.Length > 2);
        foreach (var c in cases)
        {
            Assert.Equal((c.FanIn, c.FanOut), Initializers.CalculateFanInAndFanOut(c.Shape));
        }
    }

    [Fact]
    public void XavierBoundAndStdAreTorchs()
    {
        var cases = InitFixtures.Xavier.ToList();
        Assert.NotEmpty(cases);
        foreach (var c in cases)
        {
            Assert.True(c.UniformBound == Initializers.XavierUniformBound(c.Shape, c.Gain), $"{c} bound: torch {c.UniformBound:R}, SymGrad {Initializers.XavierUniformBound(c.Shape, c.Gain):R}");
            Assert.True(c.NormalStd == Initializers.XavierNormalStd(c.Shape, c.Gain), $"{c} std: torch {c.NormalStd:R}, SymGrad {Initializers.XavierNormalStd(c.Shape, c.Gain):R}");
        }
    }

    [Fact]
    public void KaimingBoundAndStdAreTorchs()
    {
        var cases = InitFixtures.Kaiming.Where(c => c.UniformBound is not null).ToList();
        Assert.Contains(cases, c => c.Mode == FanMode.FanOut && c.Nonlinearity == Nonlinearity.LeakyRelu && c.A != 0);
        foreach (var c in cases)
        {
            double bound = Initializers.KaimingUniformBound(c.Shape, c.A, c.Mode, c.Nonlinearity);
            double std = Initializers.KaimingNormalStd(c.Shape, c.A, c.Mode, c.Nonlinearity);
            Assert.True(c.UniformBound == bound, $"{c} bound: torch {c.UniformBound:R}, SymGrad {bound:R}");
            Assert.True(c.NormalStd == std, $"{c} std: torch {c.NormalStd:R}, SymGrad {std:R}");
        }
    }

    [Fact]
    public void KaimingLeavesZeroElementTensorsAloneAsTorchDoes()
    {
        var cases = InitFixtures.Kaiming.Where(c => c.UniformBound is null).ToList();
        Assert.NotEmpty(cases);
        foreach (var c in cases)
        {
            Assert.Null(c.NormalStd);
            Assert.Equal(0, c.Shape.Aggregate(1, (p, d) => p * d));
            Initializers.KaimingUniform(Span<double>.Empty, c.Shape, new Random(1), c.A, c.Mode, c.Nonlinearity);
            Initializers.KaimingNormal(Span<float>.Empty, c.Shape, new Random(1), c.A, c.Mode, c.Nonlinearity);
            (int fanIn, int fanOut) = Initializers.CalculateFanInAndFanOut(c.Shape);
            if ((c.Mode == FanMode.FanIn ? fanIn : fanOut) == 0)
            {
                Assert.Equal("shape", Assert.Throws<ArgumentException>(() => Initializers.KaimingNormalStd(c.Shape, c.A, c.Mode, c.Nonlinearity)).ParamName);
            }
        }
    }

    [Fact]
    public void ShapesTorchRejectsAreRejectedWithTheParameterName()
    {
        var cases = InitFixtures.Rejects.ToList();
        Assert.NotEmpty(cases);
        foreach (var c in cases)
        {
            var tensor = new double[c.Shape.Aggregate(1, (p, d) => p * d)];
            Action fill = c.Init switch
            {
                "xavier_uniform" => () => Initializers.XavierUniform(tensor, c.Shape, new Random(1)),
                "xavier_normal" => () => Initializers.XavierNormal(tensor, c.Shape, new Random(1)),
                "kaiming_uniform" => () => Initializers.KaimingUniform(tensor, c.Shape, new Random(1)),
                "kaiming_normal" => () => Initializers.KaimingNormal(tensor, c.Shape, new Random(1)),
                _ => throw new InvalidOperationException($"Unknown initializer in the fixture: {c.Init}"),
            };
            var e = Assert.Throws<ArgumentException>(fill);
            Assert.Equal("shape", e.ParamName);
            Assert.Contains("fewer than 2 dimensions", e.Message, StringComparison.Ordinal);
            Assert.Contains("fewer than 2 dimensions", c.Error, StringComparison.Ordinal);
        }
    }
}
