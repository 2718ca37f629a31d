using System;
using System.Linq;
using SymGrad.Runtime.Tests.Infrastructure;
using Xunit;

namespace SymGrad.Runtime.Tests;

/// <summary>
/// Every optimizer and option follows PyTorch's 30-step trajectory on the fixture's least-squares problem, with a
/// second group of its own learning rate and a third added after step 10: within 1e-12 relative in double. In float,
/// 1e-5 relative plus 1e-6 absolute: where a coordinate passes near 0 it is the difference of terms near 1, and one
/// rounding that PyTorch's float kernels do differently (a fused multiply-add) moves it by a float ulp of those terms.
/// </summary>
public sealed class OptimizerFixtureTests
{
    public static TheoryData<string> Cases => [.. OptimizerFixtures.Optimizers.Select(c => c.Id)];

    [Theory]
    [MemberData(nameof(Cases))]
    public void FollowsPyTorchsTrajectory(string id)
    {
        var c = OptimizerFixtures.Optimizers.Single(x => x.Id == id);
        if (c.Dtype == "float64")
        {
            Follow(new OptimizerRun<double>(c), c, 1e-12, 0);
        }
        else
        {
            Follow(new OptimizerRun<float>(c), c, 1e-5, 1e-6);
        }
    }

    [Fact]
    public void EveryOptimizerAndDtypeHasCases()
    {
        var cases = OptimizerFixtures.Optimizers.ToArray();
        foreach (var name in new[] { "Sgd", "Adam", "AdamW", "RmsProp", "Adagrad" })
        {
            Assert.Contains(cases, c => c.Optimizer == name && c.Dtype == "float64");
            Assert.Contains(cases, c => c.Optimizer == name && c.Dtype == "float32");
        }
    }

    private static void Follow<T>(OptimizerRun<T> run, OptimizerCase c, double relative, double absolute)
        where T : System.Numerics.IFloatingPointIeee754<T>
    {
        for (var step = 0; step < c.Steps.Length; step++)
        {
            run.Step();
            var actual = run.Values;
            for (var k = 0; k < 3; k++)
            {
                Assert.Equal(c.Steps[step][k].Length, actual[k].Length);
                for (var i = 0; i < actual[k].Length; i++)
                {
                    var expected = c.Steps[step][k][i];
                    Assert.True(
                        Math.Abs(actual[k][i] - expected) <= (relative * Math.Abs(expected)) + absolute,
                        $"{c.Id}, step {step + 1}, {"xyz"[k]}[{i}]: expected {expected:R}, got {actual[k][i]:R} (relative error {Math.Abs(actual[k][i] - expected) / Math.Abs(expected):E2})");
                }
            }
        }
    }
}
