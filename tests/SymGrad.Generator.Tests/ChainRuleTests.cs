using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using SymGrad.Generator.Tests.Infrastructure;
using Xunit;

namespace SymGrad.Generator.Tests;

/// <summary>
/// The chain rule through code the generator does not see: a [Differentiable] method compiled into
/// a referenced assembly, and a function whose derivative is registered with [DerivativeOf].
/// Values are checked against hand-derived closed forms.
/// </summary>
public sealed class ChainRuleTests
{
    [Fact]
    public void CallsADifferentiableMethodOfAReferencedAssembly()
    {
        var library = GeneratorHarness.Run("""
            using System;
            using SymGrad;

            namespace Lib;

            public static partial class Shapes
            {
                [Differentiable]
                public static double Bump(double x, double width) => Math.Exp(-x * x / width);
            }
            """);
        Assert.Empty(library.CompilationErrors);
        var libraryImage = Emit(library.OutputCompilation.WithAssemblyName("Lib"));

        var consumer = GeneratorHarness.CreateCompilation(["""
            using System;
            using SymGrad;

            namespace App;

            public static partial class Model
            {
                [Differentiable]
                public static double F(double x, double y) => y * Lib.Shapes.Bump(x * y, 2);
            }
            """]).WithAssemblyName("App").AddReferences(MetadataReference.CreateFromImage(libraryImage));
        GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(consumer, out var output, out var diagnostics);
        Assert.Empty(diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));

        var context = new AssemblyLoadContext("ChainRule", isCollectible: true);
        context.LoadFromStream(new MemoryStream(libraryImage));
        var app = context.LoadFromStream(new MemoryStream(Emit(output)));
        var gradient = GeneratorHarness.Gradient(app, "App.Model", "FGradient");

        foreach (var (x, y) in new[] { (0.3, -1.2), (1.1, 0.7), (-0.4, 2.0) })
        {
            // F = y·exp(−(xy)²/2): ∂F/∂x = −x·y³·b, ∂F/∂y = b·(1 − x²y²), b = exp(−(xy)²/2)
            var b = Math.Exp(-(x * y) * (x * y) / 2);
            var (value, partials) = gradient([x, y]);
            Assert.Equal(y * b, value, 1e-14);
            Assert.Equal(-x * y * y * y * b, partials[0], 1e-14);
            Assert.Equal(b * (1 - (x * x * y * y)), partials[1], 1e-14);
        }
    }

    [Fact]
    public void UsesARegisteredDerivative()
    {
        var run = GeneratorHarness.Run("""
            using System;
            using SymGrad;

            namespace App;

            public static class Special
            {
                // A stand-in for a function the generator cannot see into.
                public static double Gd(double x) => 2 * Math.Atan(Math.Tanh(x / 2));

                [DerivativeOf(nameof(Gd))]
                public static double GdDerivative(double x) => 1 / Math.Cosh(x);
            }

            public static partial class Model
            {
                [Differentiable]
                public static double F(double x) => Special.Gd(x * x);
            }
            """);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationErrors);
        Assert.Contains("Special.GdDerivative(", run.GeneratedFor("F"));

        var derivative = GeneratorHarness.Function(run.Load(), "App.Model", "FDerivative");
        foreach (var x in new[] { -1.3, 0.2, 0.9 })
        {
            Assert.Equal(2 * x / Math.Cosh(x * x), derivative([x]), 1e-14);
        }
    }

    [Fact]
    public void UsesARegisteredPartialDerivativePerParameter()
    {
        var run = GeneratorHarness.Run("""
            using System;
            using SymGrad;

            namespace App;

            public static partial class Model
            {
                public static double Hypot(double a, double b) => Math.Sqrt(a * a + b * b);

                [DerivativeOf(nameof(Hypot), Wrt = "a")]
                public static double HypotDa(double a, double b) => a / Hypot(a, b);

                [DerivativeOf(nameof(Hypot), Wrt = "b")]
                public static double HypotDb(double a, double b) => b / Hypot(a, b);

                [Differentiable]
                public static double F(double x, double y) => Hypot(x, 2 * y);
            }
            """);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationErrors);

        var gradient = GeneratorHarness.Gradient(run.Load(), "App.Model", "FGradient");
        var (value, partials) = gradient([3, 2]);
        Assert.Equal(5, value, 1e-14);
        Assert.Equal(3.0 / 5, partials[0], 1e-14);
        Assert.Equal(2 * 4.0 / 5, partials[1], 1e-14);
    }

    private static byte[] Emit(Compilation compilation)
    {
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        return image.ToArray();
    }
}
