using System;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using SymGrad.Generator.Tests.Infrastructure;
using Xunit;

namespace SymGrad.Generator.Tests;

/// <summary>
/// Sources at the edges of what the generator accepts: names that collide with the ones it
/// invents, the shapes a containing type can take, C# semantics a symbolic engine can get wrong,
/// and the numerical promises of the spec (stable forms, PyTorch's conventions at kinks).
/// </summary>
public sealed class EdgeCaseTests
{
    public static TheoryData<string> TemporaryNames => ["e", "s", "t", "u", "r", "sin", "@in", "@double"];

    [Theory]
    [MemberData(nameof(TemporaryNames))]
    public void ParameterNamedLikeAGeneratedTemporary(string name)
    {
        // The emitter names shared values after what they hold (e = exp, s = σ, sin = sin z);
        // a parameter of the same name must not be shadowed or redeclared.
        var run = RunClean($"""
            [Differentiable]
            public static double F(double {name}, double z) => 1 / (1 + Math.Exp(-{name})) + Math.Tanh({name} * z) + Math.Sin(z) * Math.Sqrt(z);
            """);

        var gradient = GeneratorHarness.Gradient(run.Load(), "Demo.Shapes", "FGradient");
        var (a, z) = (0.75, 1.5);
        var (_, partials) = gradient([a, z]);
        var s = 1 / (1 + Math.Exp(-a));
        var t = Math.Tanh(a * z);
        AssertClose(s * (1 - s) + (1 - t * t) * z, partials[0]);
        AssertClose((1 - t * t) * a + Math.Cos(z) * Math.Sqrt(z) + Math.Sin(z) / (2 * Math.Sqrt(z)), partials[1]);
    }

    [Fact]
    public void DerivativeKeepsTheMethodsDefaults()
    {
        // MDerivative takes the method's own parameters, defaults included, so callers may leave them out alike.
        var run = RunClean("""
            [Differentiable]
            public static double Leaky(double x, [NoDerivative] double slope = 0.01, [NoDerivative] double scale = 1e-3, [NoDerivative] int shift = -2) =>
                x > 0 ? scale * x + shift : slope * x;

            [Differentiable]
            public static float LeakyF(float x, [NoDerivative] float slope = 0.25f) => x > 0 ? x : slope * x;

            public static double Check() => LeakyDerivative(-1.0) + LeakyDerivative(2.0) + LeakyFDerivative(-1f);
            """);

        var check = run.Load().GetType("Demo.Shapes")!.GetMethod("Check")!;
        AssertClose(0.01 + 1e-3 + 0.25, (double)check.Invoke(null, null)!);
        Assert.Contains("double slope = 0.01, double scale = 0.001, int shift = -2)", run.GeneratedFor("Leaky"), StringComparison.Ordinal);
    }

    [Fact]
    public void ParameterNamedLikeAGradientOutput()
    {
        // FGradient(double x, double dX, out double dX, ...) cannot compile; the generator must
        // either pick other output names or explain the clash, never emit code that breaks the build.
        var run = GeneratorHarness.Run(InShapes("""
            [Differentiable]
            public static double F(double x, double dX) => x * dX;
            """));

        var errorsInGeneratedCode = run.CompilationErrors.Where(IsInGeneratedCode).ToList();
        Assert.True(
            errorsInGeneratedCode.Count == 0 || run.GeneratorDiagnostics.Any(d => d.Severity == DiagnosticSeverity.Error),
            "The generated code does not compile and no diagnostic says why:\n" + string.Join("\n", errorsInGeneratedCode));
    }

    public static TheoryData<string> ContainingTypes =>
    [
        "public partial struct",
        "public partial record",
        "public readonly partial record struct",
        "internal sealed partial class",
        "public partial interface",
    ];

    [Theory]
    [MemberData(nameof(ContainingTypes))]
    public void ContainingTypeShape(string declaration)
    {
        var run = RunCleanSource(InShapes("""
            [Differentiable]
            public static double Cube(double x) => x * x * x;
            """, declaration));

        var derivative = GeneratorHarness.Function(run.Load(), "Demo.Shapes", "CubeDerivative");
        AssertClose(3 * 1.5 * 1.5, derivative([1.5]));
    }

    [Fact]
    public void OverloadsThatDifferOnlyInATypeArgumentOrArrayElementGetTheirOwnFiles()
    {
        // ReadOnlySpan<double> and ReadOnlySpan<float> (or double[] and float[]) share the type name; the hint
        // names must still differ, or the driver rejects the second file and the generator fails as a whole.
        var run = RunClean("""
            [Differentiable]
            public static void Scale(ReadOnlySpan<double> x, Span<double> y)
            {
                for (int i = 0; i < x.Length; i++)
                {
                    y[i] = 2 * x[i];
                }
            }

            [Differentiable]
            public static void Scale(ReadOnlySpan<float> x, Span<float> y)
            {
                for (int i = 0; i < x.Length; i++)
                {
                    y[i] = 3 * x[i];
                }
            }

            [Differentiable]
            public static double Sum(double[] x)
            {
                double s = 0;
                for (int i = 0; i < x.Length; i++)
                {
                    s += x[i];
                }

                return s;
            }

            [Differentiable]
            public static float Sum(float[] x)
            {
                float s = 0;
                for (int i = 0; i < x.Length; i++)
                {
                    s += x[i];
                }

                return s;
            }
            """);

        Assert.Null(run.GeneratorException);
        Assert.Equal(4, run.GeneratedSources.Select(s => s.HintName).Distinct().Count());
        var shapes = run.Load().GetType("Demo.Shapes")!;
        var backward = shapes.GetMethods().Where(m => m.Name == "ScaleBackward").ToList();
        Assert.Equal(2, backward.Count);
        Assert.Equal(2, shapes.GetMethods().Count(m => m.Name == "SumGradient"));
    }

    [Fact]
    public void VectorMathLog1PIsDifferentiatedAndLog1POfExpIsSoftplus()
    {
        // log1p(eˣ) is softplus, so its derivative is σ(x) and its generated form stays finite at x = 1000.
        var run = RunClean("""
            [Differentiable]
            public static double Smooth(double x) => VectorMath.Log1P(Math.Exp(x));

            [Differentiable]
            public static double Square(double x) => VectorMath.Log1P(x * x);
            """);

        var smooth = GeneratorHarness.Gradient(run.Load(), "Demo.Shapes", "SmoothGradient");
        var square = GeneratorHarness.Gradient(run.Load(), "Demo.Shapes", "SquareGradient");
        Assert.Contains("σ", run.GeneratedFor("Smooth"), StringComparison.Ordinal);
        foreach (var x in new[] { -40.0, -0.5, 0, 0.75, 30 })
        {
            var (value, partials) = smooth([x]);
            AssertClose(VectorMath.Log1P(Math.Exp(x)), value);
            AssertClose(1 / (1 + Math.Exp(-x)), partials[0]);
            AssertClose(2 * x / (1 + (x * x)), square([x]).Partials[0]);
        }

        var (large, slope) = smooth([1000]);
        Assert.Equal(1000, large);
        Assert.Equal(1, slope[0]);
    }

    [Fact]
    public void GlobalNamespaceAndNestedGenericTypes()
    {
        var run = RunCleanSource("""
            using System;
            using SymGrad;

            static partial class Global
            {
                [Differentiable]
                private static double Spread(double x) => Math.Log(x) * x;
            }

            namespace Demo.Deep
            {
                internal partial class Box<T> where T : class
                {
                    internal static partial class Inner
                    {
                        [Differentiable]
                        internal static double Root(double x) => Math.Sqrt(x) * x;
                    }
                }
            }
            """);

        var assembly = run.Load();
        AssertClose(Math.Log(2) + 1, GeneratorHarness.Function(assembly, "Global", "SpreadDerivative")([2]));

        // Inner is generic through Box<T>, so it is reached through a closed type.
        var root = assembly.GetType("Demo.Deep.Box`1+Inner")!.MakeGenericType(typeof(string))
            .GetMethod("RootDerivative", BindingFlags.NonPublic | BindingFlags.Static, [typeof(double)])!;
        AssertClose(1.5 * Math.Sqrt(4), (double)root.Invoke(null, [4.0])!);
    }

    [Fact]
    public void FileLocalTypeIsNotExtendedFromAnotherFile()
    {
        // A file-local type cannot be continued in the generated file: "partial class Shapes" there
        // silently declares a second, unrelated type, and the derivatives go missing from the user's.
        var run = GeneratorHarness.Run(InShapes("""
            [Differentiable]
            public static double Cube(double x) => x * x * x;
            """, "file static partial class"));

        Assert.Contains(run.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Empty(run.GeneratedSources);
    }

    [Fact]
    public void CalleeDifferentiatedWithRespectToASubset()
    {
        // Area(x, k) differentiates only x, but Volume passes x as k too: the chain rule needs
        // ∂Area/∂k as well. Dropping it would silently give 2x² instead of 3x².
        var run = GeneratorHarness.Run(InShapes("""
            [Differentiable(nameof(x))]
            public static double Area(double x, double k) => k * x;

            [Differentiable]
            public static double Volume(double x) => Area(x, x) * x;
            """));

        if (run.GeneratorDiagnostics.IsEmpty)
        {
            var derivative = GeneratorHarness.Function(run.Load(), "Demo.Shapes", "VolumeDerivative");
            AssertClose(3 * 1.5 * 1.5, derivative([1.5]));
        }
        else
        {
            Assert.Contains(run.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        }
    }

    [Fact]
    public void IntegerDivisionKeepsItsCSharpMeaning()
    {
        // 3 / 2 is 1 and 1 / 2 is 0 in C#; folding them as real numbers would change the function.
        var run = RunClean("""
            [Differentiable]
            public static double Truncated(double x) => x * (3 / 2) + x * x * (1 / 2);
            """);

        var gradient = GeneratorHarness.Gradient(run.Load(), "Demo.Shapes", "TruncatedGradient");
        var (value, partials) = gradient([2.5]);
        AssertClose(2.5, value);
        AssertClose(1, Assert.Single(partials));
    }

    [Fact]
    public void SigmoidAndSoftplusStayFiniteFarFromZero()
    {
        var run = RunClean("""
            [Differentiable]
            public static double Smooth(double x) => Math.Log(1 + Math.Exp(x)) + 1 / (1 + Math.Exp(-x));
            """);

        var gradient = GeneratorHarness.Gradient(run.Load(), "Demo.Shapes", "SmoothGradient");
        var (high, highSlope) = gradient([800]);
        var (low, lowSlope) = gradient([-800]);
        AssertClose(801, high);
        AssertClose(1, Assert.Single(highSlope));
        AssertClose(0, low);
        AssertClose(0, Assert.Single(lowSlope));

        // ln(1 + e⁻⁴⁰) is e⁻⁴⁰ to full precision, not 0.
        var (tail, _) = gradient([-40]);
        Assert.Equal(Math.Exp(-40) * 2, tail, Math.Exp(-40) * 1e-14);
    }

    [Fact]
    public void SoftplusKeepsItsRelativeAccuracyFarBelowZero()
    {
        // softplus(x) = max(x, 0) + log1p(e) with e = exp(−|x|): below zero it is eˣ − e²ˣ/2 + …, which ln(1 + e) as
        // written rounds to 0 as soon as 1 + e rounds to 1 (x < −37 in double, x < −17 in float).
        var run = RunClean("""
            [Differentiable]
            public static double Softplus(double x) => Math.Log(1 + Math.Exp(x));

            [Differentiable]
            public static float SoftplusSingle(float x) => MathF.Log(1 + MathF.Exp(x));
            """);

        var assembly = run.Load();
        var softplus = GeneratorHarness.Gradient(assembly, "Demo.Shapes", "SoftplusGradient");
        var single = GeneratorHarness.Gradient(assembly, "Demo.Shapes", "SoftplusSingleGradient");
        const double SoftplusOfMinus40 = 4.248354255291589e-18;
        Assert.Equal(SoftplusOfMinus40, softplus([-40]).Value, SoftplusOfMinus40 * 1e-15);
        Assert.Equal(SoftplusOfMinus40, single([-40]).Value, SoftplusOfMinus40 * 1e-6);
        foreach (var gradient in new[] { softplus, single })
        {
            var (high, highSlope) = gradient([1000]);
            var (low, lowSlope) = gradient([-1000]);
            Assert.Equal(1000, high);
            Assert.Equal(1, Assert.Single(highSlope));
            Assert.Equal(0, low);
            Assert.Equal(0, Assert.Single(lowSlope));
        }
    }

    [Fact]
    public void KinksTakePyTorchsSubgradient()
    {
        var run = RunClean("""
            [Differentiable]
            public static double Kinked(double x) => Math.Abs(x) + Math.Max(x, 0) + Math.Min(x, 0);
            """);

        var derivative = GeneratorHarness.Function(run.Load(), "Demo.Shapes", "KinkedDerivative");
        Assert.Equal(0.0, derivative([0]));
    }

    [Fact]
    public void DoubleNegationIsNotADecrement()
    {
        // Unsimplified, −(−x) must be written -(-x): "--x" would decrement x, or not compile.
        var run = RunClean("""
            [Differentiable]
            public static double Twice(double x) => -(-x) * Math.Exp(-(-x));
            """, simplify: false);

        var (value, partials) = GeneratorHarness.Gradient(run.Load(), "Demo.Shapes", "TwiceGradient")([0.5]);
        AssertClose(0.5 * Math.Exp(0.5), value);
        AssertClose(1.5 * Math.Exp(0.5), Assert.Single(partials));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AdjointsOfBranchesAreNotDividedAsIntegers(bool simplify)
    {
        // The adjoints reaching each branch are selects of whole numbers (c ? 1 : 0); C# would type
        // such a local int and halve it to 0.
        var run = RunClean("""
            [Differentiable]
            public static double Halved(double x)
            {
                if (x > 1)
                {
                    return x / 2;
                }

                return (x < -1 ? x : 3 * x) / 2;
            }
            """, simplify);

        var derivative = GeneratorHarness.Function(run.Load(), "Demo.Shapes", "HalvedDerivative");
        AssertClose(0.5, derivative([2]));
        AssertClose(1.5, derivative([0]));
        AssertClose(0.5, derivative([-2]));
    }

    [Fact]
    public void ZerothPowerHasZeroDerivativeAtZero()
    {
        // PyTorch: d/du u^0 = 0 everywhere; the textbook 0·u^−1 is NaN at u = 0.
        var run = RunClean("""
            [Differentiable]
            public static double Flat(double x) => Math.Pow(x, 0) + x;
            """, simplify: false);

        var derivative = GeneratorHarness.Function(run.Load(), "Demo.Shapes", "FlatDerivative");
        Assert.Equal(1.0, derivative([0]));
    }

    private static GeneratorRun RunClean(string members, bool simplify = true) => RunCleanSource(InShapes(members), simplify);

    private static GeneratorRun RunCleanSource(string source, bool simplify = true)
    {
        var run = GeneratorHarness.Run(source, simplify);
        Assert.True(run.GeneratorDiagnostics.IsEmpty, "Generator diagnostics:\n" + string.Join("\n", run.GeneratorDiagnostics));
        Assert.True(run.CompilationErrors.IsEmpty, "The output does not compile cleanly:\n" + string.Join("\n", run.CompilationErrors));
        return run;
    }

    private static string InShapes(string members, string declaration = "public static partial class") => $$"""
        using System;
        using SymGrad;

        namespace Demo;

        {{declaration}} Shapes
        {
        {{members}}
        }
        """;

    private static bool IsInGeneratedCode(Diagnostic diagnostic) =>
        diagnostic.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true;

    private static void AssertClose(double expected, double actual)
    {
        var tolerance = 1e-12 * Math.Max(1, Math.Abs(expected));
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"Expected {expected:R}, got {actual:R}.");
    }
}
