using System;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SymGrad.Generator.Tests.Infrastructure;
using Xunit;

namespace SymGrad.Generator.Tests;

/// <summary>
/// Vector-valued methods (a <c>Span&lt;T&gt;</c> output): <c>MBackward</c> against central
/// differences of Σ g·output, <c>MJacobian</c> against <c>diag(y) − y yᵀ</c>, the seed softmax
/// example and stability for logits of ±1000.
/// </summary>
public sealed class VectorFunctionTests
{
    private const string Source = """
        using System;
        using SymGrad;

        namespace Demo;

        public static partial class Vectors
        {
            [Differentiable]
            public static void Softmax(ReadOnlySpan<double> x, Span<double> y)
            {
                double max = double.NegativeInfinity;
                for (int i = 0; i < x.Length; i++)
                {
                    max = Math.Max(max, x[i]);
                }

                double sum = 0;
                for (int i = 0; i < x.Length; i++)
                {
                    sum += Math.Exp(x[i] - max);
                }

                for (int i = 0; i < x.Length; i++)
                {
                    y[i] = Math.Exp(x[i] - max) / sum;
                }
            }

            [Differentiable]
            public static void LogSoftmax(ReadOnlySpan<double> x, Span<double> y)
            {
                double max = double.NegativeInfinity;
                for (int i = 0; i < x.Length; i++)
                {
                    max = Math.Max(max, x[i]);
                }

                double sum = 0;
                for (int i = 0; i < x.Length; i++)
                {
                    sum += Math.Exp(x[i] - max);
                }

                double log = Math.Log(sum) + max;
                for (int i = 0; i < x.Length; i++)
                {
                    y[i] = x[i] - log;
                }
            }

            [Differentiable]
            public static void Scaled(ReadOnlySpan<double> x, double scale, Span<double> y)
            {
                for (int i = 0; i < x.Length; i++)
                {
                    y[i] = Math.Tanh(scale * x[i]);
                }
            }

            [Differentiable(nameof(p))]
            public static void Layers(ReadOnlySpan<double> p, ReadOnlySpan<double> x, Span<double> y)
            {
                // W1 (2×len x) at 0, then W2 (len y × 2): y = W2·tanh(W1·x).
                Span<double> h = stackalloc double[2];
                for (int j = 0; j < 2; j++)
                {
                    double acc = 0;
                    for (int i = 0; i < x.Length; i++)
                    {
                        acc += p[x.Length * j + i] * x[i];
                    }

                    h[j] = Math.Tanh(acc);
                }

                for (int k = 0; k < y.Length; k++)
                {
                    y[k] = p[2 * x.Length + 2 * k] * h[0] + p[2 * x.Length + 2 * k + 1] * h[1];
                }
            }

            private const int In = 3;
            private const int Hidden = 2;

            [Differentiable(nameof(p))]
            public static void ConstLayers(ReadOnlySpan<double> p, ReadOnlySpan<double> x, Span<double> y)
            {
                Span<double> h = stackalloc double[Hidden];
                for (int j = 0; j < Hidden; j++)
                {
                    double acc = p[In * Hidden + j];
                    for (int i = 0; i < In; i++)
                    {
                        acc += p[In * j + i] * x[i];
                    }

                    h[j] = Math.Tanh(acc);
                }

                for (int k = 0; k < y.Length; k++)
                {
                    double o = 0;
                    for (int j = 0; j < Hidden; j++)
                    {
                        o += p[In * Hidden + Hidden + Hidden * k + j] * h[j];
                    }

                    y[k] = o;
                }
            }

            public static void ConstLayersCheck(double[] p, double[] y) => ConstLayers(p, [0.5, -1.25, 2.0], y);

            public static void ConstLayersBackwardCheck(double[] p, double[] g, double[] dP) => ConstLayersBackward(p, [0.5, -1.25, 2.0], g, dP);

            public static void LayersCheck(double[] p, double[] y) => Layers(p, [0.5, -1.25, 2.0], y);

            public static void LayersBackwardCheck(double[] p, double[] g, double[] dP) => LayersBackward(p, [0.5, -1.25, 2.0], g, dP);

            [Differentiable]
            public static void Squares(ReadOnlySpan<double> x, Span<double> y)
            {
                for (int i = 0; i < y.Length; i++)
                {
                    y[i] = x[i] * x[i] * y.Length;
                }
            }

            public static void SquaresCheck(double[] x, double[] y) => Squares(x, y);

            public static void SquaresBackwardCheck(double[] x, double[] g, double[] dX) => SquaresBackward(x, g, dX);

            public static void SoftmaxCheck(double[] x, double[] y) => Softmax(x, y);

            public static void SoftmaxBackwardCheck(double[] x, double[] g, double[] dX) => SoftmaxBackward(x, g, dX);

            public static void SoftmaxJacobianCheck(double[] x, double[] y, double[] jacobian) => SoftmaxJacobian(x, y, jacobian);

            public static void LogSoftmaxCheck(double[] x, double[] y) => LogSoftmax(x, y);

            public static void LogSoftmaxBackwardCheck(double[] x, double[] g, double[] dX) => LogSoftmaxBackward(x, g, dX);

            public static void ScaledCheck(double[] x, double[] scale, double[] y) => Scaled(x, scale[0], y);

            public static void ScaledBackwardCheck(double[] x, double[] scale, double[] g, double[] dX, double[] dScale)
            {
                ScaledBackward(x, scale[0], g, dX, out var d);
                dScale[0] = d;
            }
        }
        """;

    private static readonly Lazy<GeneratorRun> Run = new(() =>
    {
        var run = GeneratorHarness.Run(Source);
        Assert.True(run.GeneratorDiagnostics.IsEmpty, string.Join("\n", run.GeneratorDiagnostics));
        Assert.True(run.CompilationErrors.IsEmpty, string.Join("\n", run.CompilationErrors) + "\n" + string.Join("\n", run.GeneratedSources.Select(s => s.Text)));
        return run;
    });

    private static Type Vectors => Run.Value.Load().GetType("Demo.Vectors")!;

    [Fact]
    public void SoftmaxSeedExample()
    {
        double[] x = [0.2001, 0.6048, 0.0787];
        var y = new double[3];
        Invoke("SoftmaxCheck", x, y);
        // The seed quotes four decimals (0.29546… appears there as 0.2954).
        AssertWithin([0.2954, 0.4429, 0.2617], y, 1e-4);

        var gradient = new double[3];
        Invoke("SoftmaxBackwardCheck", x, new[] { 0.0, 1.0, 0.0 }, gradient);
        AssertWithin([-0.1308, 0.2467, -0.1159], gradient, 1e-4);
    }

    [Theory]
    [InlineData("Softmax", 1)]
    [InlineData("Softmax", 5)]
    [InlineData("Softmax", 37)]
    [InlineData("LogSoftmax", 4)]
    [InlineData("LogSoftmax", 33)]
    [InlineData("Squares", 6)]
    public void BackwardIsTheVectorJacobianProduct(string name, int n)
    {
        var x = Random(n, n);
        var g = Random(n, n + 100);
        var dX = new double[n];
        Invoke(name + "BackwardCheck", x, g, dX);
        for (var j = 0; j < n; j++)
        {
            var expected = Difference(x, j, p => Weighted(name + "Check", g, p));
            Assert.True(Math.Abs(dX[j] - expected) <= 1e-7 * Math.Max(1, Math.Abs(expected)), $"{name}Backward[{j}] = {dX[j]:R}, central difference {expected:R}");
        }
    }

    [Theory]
    [InlineData("Layers", 10)]
    [InlineData("ConstLayers", 12)]
    public void BackwardReachesTheFirstLayerOfAFlatParameterVector(string name, int parameters)
    {
        // y = W2·tanh(W1·x) with W1 and W2 in one span p: every element of p, W1's included, gets its share of gᵀy.
        var p = Random(parameters, 7);
        double[] g = [0.75, -1.5];
        var dP = new double[parameters];
        Invoke(name + "BackwardCheck", p, g, dP);
        for (var j = 0; j < p.Length; j++)
        {
            var expected = Difference(p, j, q =>
            {
                var y = new double[2];
                Invoke(name + "Check", q, y);
                return y[0] * g[0] + y[1] * g[1];
            });
            Assert.True(Math.Abs(dP[j] - expected) <= 1e-7 * Math.Max(1, Math.Abs(expected)), $"{name}Backward[{j}] = {dP[j]:R}, central difference {expected:R}");
        }
    }

    [Fact]
    public void BackwardWithRespectToAScalarToo()
    {
        var x = Random(6, 1);
        var scale = new[] { 0.7 };
        var g = Random(6, 2);
        var (dX, dScale) = (new double[6], new double[1]);
        Invoke("ScaledBackwardCheck", x, scale, g, dX, dScale);
        double Loss(double[] xs, double s)
        {
            var y = new double[6];
            Invoke("ScaledCheck", xs, new[] { s }, y);
            return y.Zip(g, (a, b) => a * b).Sum();
        }

        var expected = (Loss(x, 0.7 + 1e-6) - Loss(x, 0.7 - 1e-6)) / 2e-6;
        Assert.Equal(expected, dScale[0], 7);
        Assert.All(Enumerable.Range(0, 6), j => Assert.Equal(Difference(x, j, p => Loss(p, 0.7)), dX[j], 7));
    }

    [Fact]
    public void SoftmaxJacobianIsDiagYMinusYYTransposed()
    {
        var x = Random(5, 3);
        var (y, jacobian) = (new double[5], new double[25]);
        Invoke("SoftmaxJacobianCheck", x, y, jacobian);
        for (var r = 0; r < 5; r++)
        {
            for (var c = 0; c < 5; c++)
            {
                Assert.Equal((r == c ? y[r] : 0) - (y[r] * y[c]), jacobian[(r * 5) + c], 14);
            }
        }
    }

    [Fact]
    public void SoftmaxIsStableForHugeLogits()
    {
        double[] x = [1000, -1000, 999];
        var (y, dX) = (new double[3], new double[3]);
        Invoke("SoftmaxCheck", x, y);
        Invoke("SoftmaxBackwardCheck", x, new[] { 1.0, 0.0, 0.0 }, dX);
        Assert.All(y.Concat(dX), v => Assert.True(double.IsFinite(v)));
        Assert.Equal(1 / (1 + Math.Exp(-1)), y[0], 14);
    }

    [Fact]
    public void WrongLengthsNameTheParameter()
    {
        var error = Assert.Throws<TargetInvocationException>(() => Invoke("SoftmaxBackwardCheck", new double[3], new double[2], new double[3]));
        Assert.Equal("gradOutput", Assert.IsType<ArgumentException>(error.InnerException).ParamName);
        error = Assert.Throws<TargetInvocationException>(() => Invoke("SoftmaxJacobianCheck", new double[3], new double[3], new double[8]));
        Assert.Equal("jacobian", Assert.IsType<ArgumentException>(error.InnerException).ParamName);
    }

    [Fact]
    public void SoftmaxBackwardHasNoNestedLoop()
    {
        var generated = Run.Value.GeneratedFor("Softmax");
        Snapshot.Match(generated);
        var backward = CSharpSyntaxTree.ParseText(generated).GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>()
            .Single(m => m.Identifier.ValueText == "SoftmaxBackward");
        var loops = backward.DescendantNodes().OfType<ForStatementSyntax>().ToList();
        Assert.NotEmpty(loops);
        Assert.All(loops, loop => Assert.Empty(loop.Ancestors().OfType<ForStatementSyntax>()));
    }

    private static void AssertWithin(double[] expected, double[] actual, double tolerance) =>
        Assert.All(Enumerable.Range(0, expected.Length), i => Assert.Equal(expected[i], actual[i], tolerance));

    private static double Weighted(string method, double[] g, double[] x)
    {
        var y = new double[x.Length];
        Invoke(method, x, y);
        return y.Zip(g, (a, b) => a * b).Sum();
    }

    private static double Difference(double[] x, int j, Func<double[], double> f)
    {
        var p = (double[])x.Clone();
        p[j] = x[j] + 1e-6;
        var up = f(p);
        p[j] = x[j] - 1e-6;
        return (up - f(p)) / 2e-6;
    }

    private static void Invoke(string method, params object[] arguments) => Vectors.GetMethod(method)!.Invoke(null, arguments);

    private static double[] Random(int n, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => (random.NextDouble() * 4) - 2).ToArray();
    }
}
