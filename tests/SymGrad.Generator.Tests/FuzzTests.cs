using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using SymGrad.Generator.Tests.Infrastructure;
using Xunit;

namespace SymGrad.Generator.Tests;

/// <summary>
/// The generator sees every half-typed keystroke in the IDE. Garbled variants of valid sources
/// (seeded, so a failure reproduces) may earn any diagnostic except the two that mean the generator
/// itself broke: an exception (CS8784/CS8785 from the driver) or SGRAD999.
/// </summary>
public sealed class FuzzTests
{
    private const int VariantsPerSource = 60;

    private static readonly Dictionary<string, string> Sources = new()
    {
        ["Sigmoid"] = """
            using System;
            using SymGrad;

            public static partial class Curves
            {
                [Differentiable]
                public static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));
            }
            """,
        ["Huber"] = """
            using System;
            using SymGrad;

            public static partial class Losses
            {
                [Differentiable]
                public static double Huber(double x, [NoDerivative] double delta)
                {
                    var a = Math.Abs(x);
                    if (a <= delta)
                    {
                        return 0.5 * x * x;
                    }

                    return delta * (a - 0.5 * delta);
                }
            }
            """,
        ["Loops"] = """
            using System;
            using SymGrad;

            public static partial class Nets
            {
                [Differentiable]
                public static double Layer(double[] w, ReadOnlySpan<double> x, ReadOnlySpan<int> targets, int classes)
                {
                    Span<double> h = stackalloc double[classes];
                    for (int j = 0; j < classes; j++)
                    {
                        double acc = 0;
                        for (int i = 0; i < x.Length; i++)
                        {
                            acc += w[j * x.Length + i] * x[i];
                        }

                        h[j] = Math.Tanh(acc);
                    }

                    double max = double.NegativeInfinity;
                    double p = 1;
                    for (int j = 0; j < classes; j++)
                    {
                        max = Math.Max(max, h[j]);
                        p *= h[j];
                    }

                    double sum = 0;
                    for (int j = 0; j < classes; j++)
                    {
                        sum += Math.Exp(h[j] - max);
                    }

                    return Math.Log(sum) + max - h[targets[0]] + p;
                }

                [Differentiable]
                public static void Softmax(ReadOnlySpan<double> x, Span<double> y)
                {
                    double sum = 0;
                    for (int i = 0; i < x.Length; i++)
                    {
                        sum += Math.Exp(x[i]);
                    }

                    for (int i = 0; i < x.Length; i++)
                    {
                        y[i] = Math.Exp(x[i]) / sum;
                    }
                }
            }
            """,
        ["Wrt"] = """
            using System;
            using SymGrad;

            public static partial class Fields
            {
                [Differentiable(nameof(x), nameof(z))]
                public static double Blend(double x, double y, double z)
                {
                    double t = x * y;
                    t += Math.Sin(z) * x;
                    return y > 0 ? t : -t;
                }
            }
            """,
        ["CallChain"] = """
            using System;
            using SymGrad;

            public static partial class Outer
            {
                public static partial class Kernels
                {
                    [Differentiable]
                    public static double Square(double x) => x * x;

                    [Differentiable]
                    public static double Potential(double x, double y) => Square(x - y) + Math.Exp(y) / Math.Sqrt(1 + y * y);
                }
            }
            """,
        ["Float"] = """
            using System;
            using SymGrad;

            public static partial class Activations
            {
                [Differentiable]
                public static float Swish(float x) => x / (1f + MathF.Exp(-x));

                [Differentiable]
                public static float Softplus(float x, [NoDerivative] float beta) => MathF.Log(1f + MathF.Exp(beta * x)) / beta;
            }
            """,
        ["Registered"] = """
            using System;
            using SymGrad;

            public static partial class Special
            {
                public static double Gauss(double x) => Math.Exp(-x * x);

                [DerivativeOf(nameof(Gauss))]
                public static double GaussDerivative(double x) => -2 * x * Math.Exp(-x * x);

                [Differentiable]
                public static double Bump(double x, double w) => w * Gauss(x / w);
            }
            """,
    };

    // Operators and tokens that are legal somewhere in C#, so some variants still parse and reach
    // the generator's semantic paths rather than stopping at syntax errors.
    private static readonly string[] Operators = ["+", "-", "*", "/", "%", "<", ">=", "==", "&&", "??", "=", "+=", "!", "~", "^"];
    private static readonly string[] Insertions = ["ref", "out", "this", "null", "default", "new", "=>", "?", ".", "throw", "async", "await", "checked", "(", "]", "static", "0", "1e400", "x", "[Differentiable]"];

    public static TheoryData<string> SourceNames => [.. Sources.Keys];

    [Theory]
    [MemberData(nameof(SourceNames))]
    public void UngarbledSourceGeneratesCleanly(string sourceName)
    {
        var run = GeneratorHarness.Run(Sources[sourceName]);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationErrors);
        Assert.NotEmpty(run.GeneratedSources);
    }

    [Theory]
    [MemberData(nameof(SourceNames))]
    public void GarbledSourceNeverBreaksTheGenerator(string sourceName)
    {
        // Seeded from the name's characters (string.GetHashCode is randomized per process).
        var random = new Random(sourceName.Sum(c => c));
        var failures = new List<string>();
        for (var i = 0; i < VariantsPerSource; i++)
        {
            var variant = Sources[sourceName];
            for (var mutations = random.Next(1, 4); mutations > 0; mutations--)
            {
                variant = Mutate(variant, random);
            }

            var run = GeneratorHarness.Run(variant);
            var broken = run.GeneratorDiagnostics
                .Where(d => d.Id is "SGRAD999" or "CS8784" or "CS8785")
                .Select(d => d.ToString())
                .Prepend(run.GeneratorException?.ToString())
                .OfType<string>()
                .ToList();
            if (broken.Count > 0)
            {
                failures.Add($"Variant {i}:\n{variant}\n=> {string.Join("\n=> ", broken)}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {VariantsPerSource} variants broke the generator. First ones:\n\n" + string.Join("\n\n", failures.Take(3)));
    }

    private static string Mutate(string source, Random random)
    {
        var tokens = CSharpSyntaxTree.ParseText(source, GeneratorHarness.ParseOptions).GetRoot()
            .DescendantTokens()
            .Where(t => !t.IsKind(SyntaxKind.EndOfFileToken) && t.Span.Length > 0)
            .ToList();
        if (tokens.Count == 0)
        {
            return source;
        }

        var token = tokens[random.Next(tokens.Count)];
        switch (random.Next(6))
        {
            case 0:
                return Replace(source, token.Span, "");
            case 1:
                return Replace(source, token.Span, token.Text + " " + token.Text);
            case 2:
                var operators = tokens.Where(t => Operators.Contains(t.Text)).ToList();
                var target = operators.Count > 0 ? operators[random.Next(operators.Count)] : token;
                return Replace(source, target.Span, Operators[random.Next(Operators.Length)]);
            case 3:
                var punctuation = tokens.Where(t => t.Kind() is SyntaxKind.OpenBraceToken or SyntaxKind.CloseBraceToken
                    or SyntaxKind.SemicolonToken or SyntaxKind.OpenParenToken or SyntaxKind.CloseParenToken).ToList();
                return Replace(source, punctuation.Count > 0 ? punctuation[random.Next(punctuation.Count)].Span : token.Span, "");
            case 4:
                return source[..random.Next(source.Length)];
            default:
                return Replace(source, new TextSpan(token.SpanStart, 0), Insertions[random.Next(Insertions.Length)] + " ");
        }
    }

    private static string Replace(string source, TextSpan span, string text) =>
        string.Concat(source.AsSpan(0, span.Start), text, source.AsSpan(span.End));
}
