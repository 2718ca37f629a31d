using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using SymGrad.Generator.Tests.Infrastructure;
using Xunit;

namespace SymGrad.Generator.Tests;

/// <summary>
/// Every diagnostic the generator can be made to report from source: its ID, severity, exact span
/// (marked <c>[|…|]</c> in the source), and a message that names the culprit. SGRAD999 (internal
/// failure) has no source that triggers it by design; the fuzz tests assert it never appears.
/// </summary>
public sealed class DiagnosticTests
{
    [Fact]
    public void InstanceMethodIsSgrad001AtItsName()
    {
        var source = MarkedSource.Parse("""
            using SymGrad;

            public partial class Model
            {
                [Differentiable]
                public double [|Square|](double x) => x * x;
            }
            """);

        var (_, diagnostic) = AssertReportedOnly(source, "SGRAD001", "Square");

        AssertNames(diagnostic, "Square");
    }

    [Fact]
    public void NonPartialContainingTypeIsSgrad002AtTheTypeName()
    {
        var source = MarkedSource.Parse("""
            using SymGrad;

            public static class [|Model|]
            {
                [Differentiable]
                public static double Square(double x) => x * x;
            }
            """);

        var (_, diagnostic) = AssertReportedOnly(source, "SGRAD002", "Square");

        AssertNames(diagnostic, "Model");
    }

    [Fact]
    public void NonPartialEnclosingTypeIsSgrad002AtThatTypesName()
    {
        var source = MarkedSource.Parse("""
            using SymGrad;

            public class [|Outer|]
            {
                public static partial class Inner
                {
                    [Differentiable]
                    public static double Square(double x) => x * x;
                }
            }
            """);

        var (_, diagnostic) = AssertReportedOnly(source, "SGRAD002", "Square");

        AssertNames(diagnostic, "Outer");
    }

    public static TheoryData<string, string, string> UnsupportedTypes => new()
    {
        { "bool parameter", "public static double Flip([|bool|] flip, double x) => flip ? -x : x;", "bool" },
        { "ref parameter", "public static double Bump(ref [|double|] x) => x + 1;", "Bump" },
        { "void return", "public static [|void|] Touch(double x) { }", "void" },
        { "int return", "public static [|int|] Round(double x) => (int)x;", "int" },
        { "float parameter in a double method", "public static double Mix(double x, [|float|] y) => x * y;", "float" },
    };

    [Theory]
    [MemberData(nameof(UnsupportedTypes))]
    public void UnsupportedTypeIsSgrad003AtTheTypeSyntax(string construct, string method, string named)
    {
        var source = InModel($"[Differentiable]\n{method}");

        var (_, diagnostic) = AssertReportedOnly(source, "SGRAD003", MethodName(method));

        AssertNames(diagnostic, named, because: construct);
    }

    public static TheoryData<string, string, string> UnsupportedConstructs => new()
    {
        {
            "while loop",
            """
            public static double Halve(double x)
            {
                [|while (x > 1)
                {
                    x = x / 2;
                }|]

                return x;
            }
            """,
            "while"
        },
        {
            "values carried by a loop that feed each other",
            """
            public static double Pairs(double x)
            {
                double a = x;
                double b = 1;
                [|for (int i = 0; i < 3; i++)
                {
                    var t = a + b;
                    a = b;
                    b = t * a;
                }|]

                return b;
            }
            """,
            "a"
        },
        {
            "a table read in the loop that writes it row by row",
            """
            public static double Rows(ReadOnlySpan<double> x)
            {
                double[] h = new double[4 * x.Length];
                double total = 0;
                for (int b = 0; b < 4; b++)
                {
                    for (int j = 0; j < x.Length; j++)
                    {
                        h[b * x.Length + j] = x[j] * b;
                    }

                    total += [|h[b * x.Length]|];
                }

                return total;
            }
            """,
            "h"
        },
        {
            "rows that do not cover the table",
            """
            public static double Rows(ReadOnlySpan<double> x)
            {
                double[] h = new double[5 * x.Length];
                [|for (int b = 0; b < 4; b++)
                {
                    for (int j = 0; j < x.Length; j++)
                    {
                        h[b * x.Length + j] = x[j] * b;
                    }
                }|]

                return h[0];
            }
            """,
            "h"
        },
        {
            "mutable field",
            """
            private static double scale = 2;

            [Differentiable]
            public static double Scaled(double x) => [|scale|] * x;
            """,
            "scale"
        },
        {
            "local function",
            """
            public static double Twice(double x)
            {
                [|double Square(double v) => v * v;|]
                return Square(x);
            }
            """,
            "Square"
        },
    };

    [Theory]
    [MemberData(nameof(UnsupportedConstructs))]
    public void UnsupportedConstructIsSgrad004AtTheConstruct(string construct, string members, string named)
    {
        var source = InModel(members.Contains("[Differentiable]") ? members : $"[Differentiable]\n{members}");

        var (_, diagnostic) = AssertReportedOnly(source, "SGRAD004", MethodName(members));

        AssertNames(diagnostic, named, because: construct);
    }

    [Fact]
    public void CallWithoutDerivativeIsSgrad005AtTheInvocation()
    {
        var source = InModel("""
            public static double Plain(double x) => 2 * x;

            [Differentiable]
            public static double Shifted(double x) => [|Plain(x)|] + 1;
            """);

        var (_, diagnostic) = AssertReportedOnly(source, "SGRAD005", "Shifted");

        AssertNames(diagnostic, "Plain");
    }

    [Fact]
    public void MutualRecursionIsSgrad006AtEveryMethodOfTheCycle()
    {
        var source = InModel("""
            [Differentiable]
            public static double [|Ping|](double x) => x < 1 ? x : Pong(x / 2);

            [Differentiable]
            public static double [|Pong|](double x) => Ping(x - 1);
            """);
        var run = GeneratorHarness.Run(source.Text);

        Assert.Empty(run.CompilationErrors);
        Assert.True(
            run.GeneratorDiagnostics.Length == 2 && run.GeneratorDiagnostics.All(d => d.Id == "SGRAD006"),
            $"Expected two SGRAD006, got [{string.Join("; ", run.GeneratorDiagnostics)}]");
        var reported = run.GeneratorDiagnostics.OrderBy(d => d.Location.SourceSpan.Start).ToList();
        AssertError(source, source.Spans[0], reported[0]);
        AssertError(source, source.Spans[1], reported[1]);
        AssertNames(reported[0], "Ping");
        AssertNames(reported[1], "Pong");
        AssertNoGeneratedCode(run, "Ping");
        AssertNoGeneratedCode(run, "Pong");
    }

    [Fact]
    public void SelfRecursionIsSgrad006()
    {
        var source = InModel("""
            [Differentiable]
            public static double [|Collapse|](double x) => x < 1 ? x : Collapse(x / 2);
            """);

        var (_, diagnostic) = AssertReportedOnly(source, "SGRAD006", "Collapse");

        AssertNames(diagnostic, "Collapse");
    }

    public static TheoryData<string, string, string> InvalidWrt => new()
    {
        {
            "no such parameter",
            """[Differentiable([|"z"|])] public static double Scale(double x, double y) => x * y;""",
            "z"
        },
        {
            "[NoDerivative] parameter",
            "[Differentiable(nameof(x), [|nameof(label)|])] public static double Score(double x, [NoDerivative] double label) => x - label;",
            "label"
        },
        {
            "int parameter",
            "[Differentiable(nameof(x), [|nameof(n)|])] public static double Power(double x, int n) => x * n;",
            "n"
        },
        {
            "the output span",
            "[Differentiable(nameof(x), [|nameof(y)|])] public static void Copy(ReadOnlySpan<double> x, Span<double> y) { for (int i = 0; i < x.Length; i++) { y[i] = x[i]; } }",
            "y"
        },
    };

    [Theory]
    [MemberData(nameof(InvalidWrt))]
    public void InvalidWrtIsSgrad007AtTheAttributeArgument(string construct, string method, string named)
    {
        var source = InModel(method);

        var (_, diagnostic) = AssertReportedOnly(source, "SGRAD007", MethodName(method));

        AssertNames(diagnostic, named, because: construct);
    }

    [Fact]
    public void NothingToDifferentiateIsSgrad008WarningAtTheMethodName()
    {
        var source = InModel("""
            [Differentiable]
            public static double [|Constant|]([NoDerivative] double x) => x * x;
            """);
        var run = GeneratorHarness.Run(source.Text);

        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("SGRAD008", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        AssertLocated(source, source.Span, diagnostic);
        AssertNames(diagnostic, "Constant");
    }

    [Fact]
    public void MethodWithAnErrorDoesNotStopItsNeighbours()
    {
        var source = InModel("""
            [Differentiable]
            public static double Halve(double x)
            {
                [|while (x > 1)
                {
                    x = x / 2;
                }|]

                return x;
            }

            [Differentiable]
            public static double Square(double x) => x * x;
            """);

        var (run, _) = AssertReportedOnly(source, "SGRAD004", "Halve");

        Assert.Contains("SquareGradient", run.GeneratedFor("Square"));
    }

    [Fact]
    public void GradientOutputNamedLikeAParameterIsSgrad009AtThatParameter()
    {
        var source = InModel("""
            [Differentiable]
            public static double Scale(double x, double [|dX|]) => x * dX;
            """);

        var (_, diagnostic) = AssertReportedOnly(source, "SGRAD009", "Scale");

        AssertNames(diagnostic, "dX");
        AssertNames(diagnostic, "Scale");
    }

    [Fact]
    public void FileLocalTypeIsSgrad010AtTheTypeName()
    {
        var source = MarkedSource.Parse("""
            using SymGrad;

            file static partial class [|Shapes|]
            {
                [Differentiable]
                public static double Cube(double x) => x * x * x;
            }
            """);

        var (_, diagnostic) = AssertReportedOnly(source, "SGRAD010", "Cube");

        AssertNames(diagnostic, "Shapes");
        AssertNames(diagnostic, "Cube");
    }

    [Fact]
    public void ArgumentForAPartialTheCalleeLeavesOutIsSgrad011AtThatArgument()
    {
        var source = InModel("""
            [Differentiable]
            public static double Volume(double x) => Area(x, [|x|]) * x;

            [Differentiable(nameof(x))]
            public static double Area(double x, double k) => k * x;
            """);

        var (run, diagnostic) = AssertReportedOnly(source, "SGRAD011", "Volume");

        AssertNames(diagnostic, "Area");
        AssertNames(diagnostic, "k");
        Assert.Contains(run.GeneratedSources, s => s.Text.Contains("AreaGradient", System.StringComparison.Ordinal));
    }

    [Fact]
    public void OrdinaryCompileErrorInTheBodyIsLeftToTheCompiler()
    {
        var run = GeneratorHarness.Run(InModel("""
            [Differentiable]
            public static double Broken(double x) => undefinedName * x;
            """).Text);

        Assert.Contains(run.CompilationErrors, d => d.Id == "CS0103");
        Assert.Empty(run.GeneratorDiagnostics);
    }

    private static MarkedSource InModel(string members) => MarkedSource.Parse($$"""
        using System;
        using SymGrad;

        public static partial class Model
        {
        {{members}}
        }
        """);

    /// <summary>The first method declared in a snippet: the one the diagnostic is about.</summary>
    private static string MethodName(string members) =>
        Regex.Match(members, @"public static \w+ (\w+)\(").Groups[1].Value;

    /// <summary>Runs the generator and asserts it reports exactly one <paramref name="id"/> error at the marked span and generates nothing for <paramref name="method"/>.</summary>
    private static (GeneratorRun Run, Diagnostic Diagnostic) AssertReportedOnly(MarkedSource source, string id, string method)
    {
        var run = GeneratorHarness.Run(source.Text);

        // The snippets are valid C#: a compile error would mean the generator is not what is being tested.
        Assert.Empty(run.CompilationErrors);
        Assert.True(
            run.GeneratorDiagnostics.Length == 1 && run.GeneratorDiagnostics[0].Id == id,
            $"Expected one {id}, got [{string.Join("; ", run.GeneratorDiagnostics)}]");
        var diagnostic = run.GeneratorDiagnostics[0];
        AssertError(source, source.Span, diagnostic);
        AssertNoGeneratedCode(run, method);
        return (run, diagnostic);
    }

    private static void AssertError(MarkedSource source, TextSpan span, Diagnostic diagnostic)
    {
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        AssertLocated(source, span, diagnostic);
    }

    private static void AssertLocated(MarkedSource source, TextSpan span, Diagnostic diagnostic)
    {
        var location = diagnostic.Location.GetLineSpan();
        Assert.Equal("Source0.cs", location.Path);

        // Line and column first: a mismatch there reads better than one in raw offsets.
        Assert.Equal(source.LineSpan(span), location.Span);
        Assert.Equal(span, diagnostic.Location.SourceSpan);
    }

    private static void AssertNames(Diagnostic diagnostic, string name, string? because = null)
    {
        var message = diagnostic.GetMessage(CultureInfo.InvariantCulture);
        Assert.True(
            Regex.IsMatch(message, $@"\b{Regex.Escape(name)}\b"),
            $"Expected the message to name '{name}'{(because is null ? "" : $" ({because})")}: {message}");
    }

    private static void AssertNoGeneratedCode(GeneratorRun run, string method) =>
        Assert.DoesNotContain(run.GeneratedSources, s => s.Text.Contains(method + "Gradient", System.StringComparison.Ordinal));
}
