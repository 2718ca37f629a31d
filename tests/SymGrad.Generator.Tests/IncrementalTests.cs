using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using SymGrad.Generator.Tests.Infrastructure;
using Xunit;

namespace SymGrad.Generator.Tests;

/// <summary>
/// The generator runs on every keystroke in the IDE, so edits that cannot change its output must
/// be answered from the cache: every step named in <see cref="TrackingNames"/> must report Cached
/// or Unchanged, and no step may hold Roslyn objects that would root old compilations.
/// </summary>
public sealed class IncrementalTests
{
    private const string Model = """
        using System;
        using SymGrad;

        namespace Demo;

        public static partial class Curves
        {
            [Differentiable]
            public static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

            [Differentiable]
            public static double Gate(double x, double y) => Sigmoid(x * y) + y;
        }
        """;

    private const string Unrelated = """
        namespace Demo;

        // Formatting helpers; nothing here is differentiable.
        public static class Labels
        {
            public static string Twice(string s) => s + s;
        }
        """;

    private static readonly IReadOnlyList<string> StepNames =
    [
        .. typeof(TrackingNames).GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!),
    ];

    [Fact]
    public void RerunOnTheSameCompilationIsCached() =>
        AssertEveryStepCached(RunAgainAfter(compilation => compilation));

    [Fact]
    public void RerunOnAnEqualCompilationIsCached() =>
        AssertEveryStepCached(RunAgainAfter(compilation => compilation.Clone()));

    [Fact]
    public void AddingAnUnrelatedFileIsCached() =>
        AssertEveryStepCached(RunAgainAfter(compilation => compilation.AddSyntaxTrees(
            CSharpSyntaxTree.ParseText("namespace Demo; public sealed class Unused { public int Id { get; init; } }", GeneratorHarness.ParseOptions, path: "Added.cs"))));

    [Fact]
    public void EditingACommentInAnUnrelatedFileIsCached() =>
        AssertEveryStepCached(RunAgainAfter(compilation =>
            Edit(compilation, "// Formatting helpers", "// Helpers for display text")));

    [Fact]
    public void EditingAMethodBodyInAnUnrelatedFileIsCached() =>
        AssertEveryStepCached(RunAgainAfter(compilation => Edit(compilation, "s + s", "s + \" \" + s")));

    [Fact]
    public void EditingADifferentiableMethodRegenerates()
    {
        var result = RunAgainAfter(compilation => Edit(compilation, "Sigmoid(x * y) + y", "Sigmoid(x * y) + 2 * y"));

        // The counterpart of the caching tests: without this they would also pass for a generator
        // whose steps never see any change.
        var steps = Assert.Single(result.Results).TrackedSteps;
        Assert.True(steps.TryGetValue(TrackingNames.Generated, out var generated), $"Step '{TrackingNames.Generated}' did not run.");
        Assert.Contains(generated.SelectMany(step => step.Outputs), output =>
            output.Reason is IncrementalStepRunReason.Modified or IncrementalStepRunReason.New);
    }

    [Fact]
    public void StepOutputsHoldNoRoslynObjects()
    {
        var compilation = GeneratorHarness.CreateCompilation([Model, Unrelated]);
        var result = GeneratorHarness.CreateDriver().RunGenerators(compilation).GetRunResult();
        var steps = Assert.Single(result.Results).TrackedSteps;

        // Each of these keeps a syntax tree or a whole compilation alive for as long as the cache
        // holds the value, and makes equality by content impossible.
        Type[] forbidden =
        [
            typeof(Compilation), typeof(ISymbol), typeof(SyntaxNode), typeof(SemanticModel), typeof(IOperation),
            typeof(SyntaxTree), typeof(Location),
        ];
        var offenders = StepNames
            .Where(steps.ContainsKey)
            .SelectMany(name => steps[name].SelectMany((step, i) => step.Outputs.SelectMany((output, j) =>
                ObjectGraph.FindInstancesOf(output.Value, $"{name}[{i}].Outputs[{j}]", forbidden))))
            .ToList();

        Assert.True(offenders.Count == 0, "Step outputs hold Roslyn objects:\n" + string.Join("\n", offenders));
        Assert.All(StepNames, name => Assert.True(steps.ContainsKey(name), $"Step '{name}' did not run."));
    }

    [Fact]
    public void RoslynObjectCheckSeesThroughModelsAndCollections()
    {
        // Guards the test above against passing because the walk never reaches anything.
        var model = (Name: "x", Parts: ImmutableArray.Create<object>(1.5, new[] { SyntaxFactory.IdentifierName("x") }));

        var found = ObjectGraph.FindInstancesOf(model, "model", typeof(SyntaxNode));

        Assert.Single(found);
    }

    /// <summary>Runs the generator, then again on <paramref name="change"/> of the same compilation, with the same driver.</summary>
    private static GeneratorDriverRunResult RunAgainAfter(Func<Compilation, Compilation> change)
    {
        var compilation = GeneratorHarness.CreateCompilation([Model, Unrelated]);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        return driver.RunGenerators(change(compilation)).GetRunResult();
    }

    /// <summary>Replaces the one occurrence of <paramref name="oldText"/> as an IDE edit would: a text change to one tree.</summary>
    private static Compilation Edit(Compilation compilation, string oldText, string newText)
    {
        var tree = Assert.Single(compilation.SyntaxTrees, t => t.ToString().Contains(oldText, StringComparison.Ordinal));
        var text = tree.GetText();
        var start = text.ToString().IndexOf(oldText, StringComparison.Ordinal);
        var edited = text.WithChanges(new TextChange(new TextSpan(start, oldText.Length), newText));
        return compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(edited));
    }

    private static void AssertEveryStepCached(GeneratorDriverRunResult result)
    {
        var steps = Assert.Single(result.Results).TrackedSteps;
        var recomputed = new List<string>();
        foreach (var name in StepNames)
        {
            Assert.True(steps.ContainsKey(name), $"Step '{name}' did not run.");
            recomputed.AddRange(steps[name]
                .SelectMany(step => step.Outputs)
                .Where(output => output.Reason is not (IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged))
                .Select(output => $"{name}: {output.Reason} {output.Value}"));
        }

        Assert.True(recomputed.Count == 0, "Steps recomputed although nothing they read changed:\n" + string.Join("\n", recomputed));
    }
}
