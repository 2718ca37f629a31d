using System;
using System.Linq;
using System.Reflection;
using SymGrad.Generator.Tests.Infrastructure;
using Xunit;

namespace SymGrad.Generator.Tests;

/// <summary>
/// The generated source for characteristic functions, approved as snapshots (Snapshots/*.verified.cs).
/// Each test also compiles the output warning-free, checks the closed form the spec promises by text,
/// and, where a hand derivation is short, runs the derivative against it.
/// </summary>
public sealed class GeneratedCodeSnapshotTests
{
    private static readonly double[] Points = [-3.5, -1, 0, 0.25, 2];

    [Fact]
    public void SigmoidAsReciprocal()
    {
        var run = RunClean("""
            [Differentiable]
            public static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));
            """);
        var generated = run.GeneratedFor("Sigmoid");

        Snapshot.Match(generated);
        AssertSigmoidClosedForm(generated, "SigmoidDerivative");
        var derivative = GeneratorHarness.Function(run.Load(), "Demo.Curves", "SigmoidDerivative");
        AssertAgrees(x => Sigmoid(x) * (1 - Sigmoid(x)), derivative);
    }

    [Fact]
    public void SigmoidAsRatio()
    {
        var run = RunClean("""
            [Differentiable]
            public static double Sigmoid(double x) => Math.Exp(x) / (1 + Math.Exp(x));
            """);
        var generated = run.GeneratedFor("Sigmoid");

        Snapshot.Match(generated);
        AssertSigmoidClosedForm(generated, "SigmoidDerivative");
        var derivative = GeneratorHarness.Function(run.Load(), "Demo.Curves", "SigmoidDerivative");
        AssertAgrees(x => Sigmoid(x) * (1 - Sigmoid(x)), derivative);
    }

    [Fact]
    public void SigmoidThroughACall()
    {
        var run = RunClean("""
            [Differentiable]
            public static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

            [Differentiable]
            public static double Gate(double x) => Sigmoid(2 * x);
            """);
        var generated = run.GeneratedFor("Gate");

        Snapshot.Match(generated);
        var derivative = GeneratorHarness.Function(run.Load(), "Demo.Curves", "GateDerivative");
        AssertAgrees(x => 2 * Sigmoid(2 * x) * (1 - Sigmoid(2 * x)), derivative);
    }

    [Fact]
    public void Tanh()
    {
        var run = RunClean("""
            [Differentiable]
            public static double Tanh(double x) => Math.Tanh(x);
            """);
        var generated = run.GeneratedFor("Tanh");

        Snapshot.Match(generated);
        var body = GeneratedCode.MethodBody(generated, "TanhDerivative");
        Assert.Contains("1 - t * t", body);
        Assert.Equal(1, GeneratedCode.Occurrences(body, "Math.Tanh("));
        var derivative = GeneratorHarness.Function(run.Load(), "Demo.Curves", "TanhDerivative");
        AssertAgrees(x => 1 - Math.Tanh(x) * Math.Tanh(x), derivative);
    }

    [Fact]
    public void Softplus()
    {
        var run = RunClean("""
            [Differentiable]
            public static double Softplus(double x) => Math.Log(1 + Math.Exp(x));
            """);
        var generated = run.GeneratedFor("Softplus");

        Snapshot.Match(generated);
        var body = GeneratedCode.MethodBody(generated, "SoftplusGradient");
        Assert.Equal(1, GeneratedCode.Occurrences(body, "Math.Exp("));
        Assert.Equal(1, GeneratedCode.Occurrences(body, "VectorMath.Log1P("));
        Assert.Equal(0, GeneratedCode.Occurrences(body, "Math.Log("));
        var gradient = GeneratorHarness.Gradient(run.Load(), "Demo.Curves", "SoftplusGradient");
        AssertAgrees(x => Math.Log(1 + Math.Exp(x)), x => gradient([x]).Value);
        AssertAgrees(Sigmoid, x => Assert.Single(gradient([x]).Partials));
    }

    [Fact]
    public void Polynomial()
    {
        var run = RunClean("""
            [Differentiable]
            public static double Cubic(double x) => 3 * x * x * x - 2 * x + 1;
            """);
        var generated = run.GeneratedFor("Cubic");

        Snapshot.Match(generated);
        var derivative = GeneratorHarness.Function(run.Load(), "Demo.Curves", "CubicDerivative");
        AssertAgrees(x => 9 * x * x - 2, derivative);
    }

    [Fact]
    public void ThreeVariablesWithWrtSubset()
    {
        var run = RunClean("""
            [Differentiable(nameof(x), nameof(z))]
            public static double Blend(double x, double y, double z) => x * y + Math.Sin(z) * x;
            """);
        var generated = run.GeneratedFor("Blend");

        Snapshot.Match(generated);
        Assert.DoesNotContain("BlendDerivative", generated);
        var assembly = run.Load();
        var method = assembly.GetType("Demo.Curves")!.GetMethod("BlendGradient")!;
        Assert.Equal(["x", "y", "z", "dX", "dZ"], method.GetParameters().Select(p => p.Name));
        var gradient = GeneratorHarness.Gradient(assembly, "Demo.Curves", "BlendGradient");
        foreach (var (x, y, z) in new[] { (0.5, -2.0, 1.25), (-3.0, 0.75, -0.5) })
        {
            var (value, partials) = gradient([x, y, z]);
            AssertClose(x * y + Math.Sin(z) * x, value);
            AssertClose(y + Math.Sin(z), partials[0]);
            AssertClose(Math.Cos(z) * x, partials[1]);
        }
    }

    [Fact]
    public void BranchWithEarlyReturn()
    {
        var run = RunClean("""
            [Differentiable]
            public static double Huber(double x, [NoDerivative] double delta)
            {
                if (Math.Abs(x) <= delta)
                {
                    return 0.5 * x * x;
                }
                else
                {
                    return delta * (Math.Abs(x) - 0.5 * delta);
                }
            }
            """);
        var generated = run.GeneratedFor("Huber");

        Snapshot.Match(generated);
        var derivative = GeneratorHarness.Function(run.Load(), "Demo.Curves", "HuberDerivative");
        const double delta = 1.5;
        AssertAgrees(x => Math.Abs(x) <= delta ? x : delta * Math.Sign(x), x => derivative([x, delta]));
    }

    [Fact]
    public void CallChainAcrossPartialTypes()
    {
        var run = RunClean(
            """
            using System;
            using SymGrad;

            namespace Demo;

            public static partial class Kernels
            {
                [Differentiable]
                public static double Square(double x) => x * x;
            }
            """,
            """
            using System;
            using SymGrad;

            namespace Demo;

            public static partial class Energy
            {
                [Differentiable]
                public static double Potential(double x, double y) => Kernels.Square(x - y) + Math.Exp(y);
            }
            """);
        var generated = run.GeneratedFor("Potential");

        Snapshot.Match(generated);
        var gradient = GeneratorHarness.Gradient(run.Load(), "Demo.Energy", "PotentialGradient");
        foreach (var (x, y) in new[] { (1.5, -0.5), (-2.0, 0.25) })
        {
            var (value, partials) = gradient([x, y]);
            AssertClose((x - y) * (x - y) + Math.Exp(y), value);
            AssertClose(2 * (x - y), partials[0]);
            AssertClose(-2 * (x - y) + Math.Exp(y), partials[1]);
        }
    }

    [Fact]
    public void FloatSwish()
    {
        var run = RunClean("""
            [Differentiable]
            public static float Swish(float x) => x / (1f + MathF.Exp(-x));
            """);
        var generated = run.GeneratedFor("Swish");

        Snapshot.Match(generated);
        Assert.DoesNotMatch(@"\bMath\.", generated);
        var derivative = GeneratorHarness.Function(run.Load(), "Demo.Curves", "SwishDerivative");
        foreach (var x in Points)
        {
            var s = Sigmoid(x);
            Assert.Equal(s + x * s * (1 - s), derivative([x]), 1e-5);
        }
    }

    [Fact]
    public void FloatConstantsStayFloat()
    {
        // A double literal such as 0.5 in a float method would not compile, or would silently widen.
        var run = RunClean("""
            [Differentiable]
            public static float Damped(float x) => 0.5f * x * x + 1.25f * MathF.Sin(x) / 3f;
            """);

        var derivative = GeneratorHarness.Function(run.Load(), "Demo.Curves", "DampedDerivative");
        foreach (var x in Points)
        {
            Assert.Equal(x + 1.25 * Math.Cos(x) / 3, derivative([x]), 1e-5);
        }
    }

    [Fact]
    public void EveryGeneratedFileIsMarkedAutoGeneratedAndNullable()
    {
        var run = RunClean("""
            [Differentiable]
            public static double Square(double x) => x * x;

            [Differentiable]
            public static float Half(float x) => x / 2;
            """);

        Assert.Equal(2, run.GeneratedSources.Length);
        Assert.All(run.GeneratedSources, source =>
        {
            Assert.StartsWith("// <auto-generated/>", source.Text);
            Assert.Contains("#nullable enable", source.Text);
        });
    }

    /// <summary>
    /// Wraps <paramref name="members"/> in <c>Demo.Curves</c>, or takes whole files when given several, and
    /// asserts the generator reports nothing and the output compiles without errors or warnings.
    /// </summary>
    private static GeneratorRun RunClean(params string[] sources)
    {
        var run = GeneratorHarness.Run(sources.Length == 1 ? [InCurves(sources[0])] : sources);

        Assert.Null(run.GeneratorException);
        Assert.True(run.GeneratorDiagnostics.IsEmpty, "Generator diagnostics:\n" + string.Join("\n", run.GeneratorDiagnostics));
        Assert.True(run.CompilationErrors.IsEmpty, "The output does not compile cleanly:\n" + string.Join("\n", run.CompilationErrors));
        return run;
    }

    private static string InCurves(string members) => $$"""
        using System;
        using SymGrad;

        namespace Demo;

        public static partial class Curves
        {
        {{members}}
        }
        """;

    private static void AssertSigmoidClosedForm(string generated, string derivativeMethod)
    {
        var body = GeneratedCode.MethodBody(generated, derivativeMethod);
        Assert.Contains("s * (1 - s)", body);
        Assert.Equal(1, GeneratedCode.Occurrences(body, "Math.Exp("));
    }

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    private static void AssertAgrees(Func<double, double> expected, Func<double[], double> actual) =>
        AssertAgrees(expected, x => actual([x]));

    private static void AssertAgrees(Func<double, double> expected, Func<double, double> actual)
    {
        foreach (var x in Points)
        {
            AssertClose(expected(x), actual(x), $" at x = {x}");
        }
    }

    private static void AssertClose(double expected, double actual, string where = "")
    {
        var tolerance = 1e-12 * Math.Max(1, Math.Abs(expected));
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"Expected {expected:R}, got {actual:R}{where}.");
    }
}
