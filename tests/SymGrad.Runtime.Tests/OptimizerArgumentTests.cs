using System;
using Xunit;

namespace SymGrad.Runtime.Tests;

/// <summary>Options, optimizers and schedulers reject what PyTorch rejects, with an <see cref="ArgumentException"/> naming the parameter.</summary>
public sealed class OptimizerArgumentTests
{
    [Fact]
    public void OptionsOutOfRangeNameTheOption()
    {
        Assert.Equal("lr", Assert.Throws<ArgumentOutOfRangeException>(() => new SgdOptions(-0.1)).ParamName);
        Assert.Equal("lr", Assert.Throws<ArgumentOutOfRangeException>(() => new AdamOptions(lr: double.NaN)).ParamName);
        Assert.Equal("lr", Assert.Throws<ArgumentOutOfRangeException>(() => new AdamOptions() with { Lr = -1 }).ParamName);
        Assert.Equal("momentum", Assert.Throws<ArgumentOutOfRangeException>(() => new SgdOptions(0.1, momentum: -0.5)).ParamName);
        Assert.Equal("weightDecay", Assert.Throws<ArgumentOutOfRangeException>(() => new SgdOptions(0.1, weightDecay: -1)).ParamName);
        Assert.Equal("nesterov", Assert.Throws<ArgumentException>(() => new SgdOptions(0.1, nesterov: true)).ParamName);
        Assert.Equal("nesterov", Assert.Throws<ArgumentException>(() => new SgdOptions(0.1, momentum: 0.9, dampening: 0.1, nesterov: true)).ParamName);
        Assert.Equal("beta1", Assert.Throws<ArgumentOutOfRangeException>(() => new AdamOptions(beta1: 1)).ParamName);
        Assert.Equal("beta2", Assert.Throws<ArgumentOutOfRangeException>(() => new AdamWOptions(beta2: -0.1)).ParamName);
        Assert.Equal("eps", Assert.Throws<ArgumentOutOfRangeException>(() => new AdamWOptions(eps: -1e-8)).ParamName);
        Assert.Equal("alpha", Assert.Throws<ArgumentOutOfRangeException>(() => new RmsPropOptions(alpha: -0.9)).ParamName);
        Assert.Equal("momentum", Assert.Throws<ArgumentOutOfRangeException>(() => new RmsPropOptions(momentum: -0.9)).ParamName);
        Assert.Equal("lrDecay", Assert.Throws<ArgumentOutOfRangeException>(() => new AdagradOptions(lrDecay: -1)).ParamName);
        Assert.Equal("initialAccumulatorValue", Assert.Throws<ArgumentOutOfRangeException>(() => new AdagradOptions(initialAccumulatorValue: -1)).ParamName);
    }

    [Fact]
    public void ParametersAreChecked()
    {
        var x = new Parameter<double>([1.0, 2.0]);
        Assert.Equal("grad", Assert.Throws<ArgumentException>(() => new Parameter<double>([1.0], [1.0, 2.0])).ParamName);
        Assert.Equal("parameters", Assert.Throws<ArgumentException>(() => new Adam<double>([])).ParamName);
        Assert.Equal("parameters", Assert.Throws<ArgumentException>(() => new Adam<double>([x, x])).ParamName);
        var sgd = new Sgd<double>([x], new SgdOptions(0.1));
        Assert.Equal("parameters", Assert.Throws<ArgumentException>(() => sgd.AddParamGroup([x])).ParamName);
        Assert.Single(sgd.Groups);
        Assert.Throws<NotSupportedException>(() => new Sgd<Half>([new Parameter<Half>([Half.One])], new SgdOptions(0.1)));
    }

    [Fact]
    public void SchedulerOptionsAreChecked()
    {
        var sgd = new Sgd<double>([new Parameter<double>([1.0])], new SgdOptions(0.1));
        Assert.Equal("stepSize", Assert.Throws<ArgumentOutOfRangeException>(() => new StepLR(sgd, 0)).ParamName);
        Assert.Equal("gamma", Assert.Throws<ArgumentOutOfRangeException>(() => new ExponentialLR(sgd, double.NaN)).ParamName);
        Assert.Equal("milestones", Assert.Throws<ArgumentOutOfRangeException>(() => new MultiStepLR(sgd, [3, 0])).ParamName);
        Assert.Equal("tMax", Assert.Throws<ArgumentOutOfRangeException>(() => new CosineAnnealingLR(sgd, 0)).ParamName);
        Assert.Equal("etaMin", Assert.Throws<ArgumentOutOfRangeException>(() => new CosineAnnealingLR(sgd, 5, -1)).ParamName);
        Assert.Equal("factor", Assert.Throws<ArgumentOutOfRangeException>(() => new ReduceLROnPlateau(sgd, factor: 1)).ParamName);
        Assert.Equal("patience", Assert.Throws<ArgumentOutOfRangeException>(() => new ReduceLROnPlateau(sgd, patience: -1)).ParamName);
        Assert.Equal("mode", Assert.Throws<ArgumentOutOfRangeException>(() => new ReduceLROnPlateau(sgd, mode: (PlateauMode)7)).ParamName);
        Assert.Equal("minLrs", Assert.Throws<ArgumentException>(() => new ReduceLROnPlateau(sgd, PlateauMode.Min, 0.1, 10, 1e-4, ThresholdMode.Rel, 0, [0.1, 0.2])).ParamName);
        Assert.Equal("optimizer", Assert.Throws<ArgumentNullException>(() => new StepLR(null!, 3)).ParamName);
    }

    [Fact]
    public void ZeroGradClearsEveryGradientAndStepUsesTheGroupsCurrentOptions()
    {
        var x = new Parameter<double>([1.0, 2.0], [0.5, -0.5]);
        var y = new Parameter<double>([3.0], [1.0]);
        var sgd = new Sgd<double>([x], new SgdOptions(0.1));
        var group = sgd.AddParamGroup([y], sgd.Defaults with { Lr = 0.5 });
        sgd.Step();
        Assert.Equal([1.0 - (0.1 * 0.5), 2.0 + (0.1 * 0.5)], x.Value);
        Assert.Equal([3.0 - 0.5], y.Value);
        group.Lr = 0;
        sgd.Step();
        Assert.Equal([2.5], y.Value);
        sgd.ZeroGrad();
        Assert.Equal([0.0, 0.0], x.Grad);
        Assert.Equal([0.0], y.Grad);
    }
}
