using System.Linq;
using SymGrad.Runtime.Tests.Infrastructure;
using Xunit;

namespace SymGrad.Runtime.Tests;

/// <summary>The fixtures load and hold what the seed examples say (so a broken fixture file fails here, first).</summary>
public sealed class FixtureTests
{
    [Fact]
    public void SeedCrossEntropyIsInTheFixtures()
    {
        var seed = Fixtures.Losses.Single(c => c.Id == "CrossEntropy/issue_seed/float64");
        var none = seed.Results.Single(r => r.Reduction == "none").Output.Data;
        Assert.Equal([1.3133, 0.1269, 0.1269], none.Select(v => System.Math.Round(v, 4)));
        Assert.Equal(1.5671, seed.Results.Single(r => r.Reduction == "sum").Output.Data[0], 4);
        Assert.Equal(0.5224, seed.Results.Single(r => r.Reduction == "mean").Output.Data[0], 4);
    }

    [Fact]
    public void EveryActivationCaseHasAValueAndASlopePerPoint()
    {
        Assert.NotEmpty(Fixtures.Activations);
        Assert.All(Fixtures.Activations, c => Assert.True(c.X.Length == c.Y.Length && c.X.Length == c.Dydx.Length, c.Id));
        Assert.All(Fixtures.Vectors, c => Assert.Equal(c.X.Length, c.Jacobian.Length));
    }
}
