using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using SymGrad.Generator.Diagnostics;
using SymGrad.Generator.Lowering;
using SymGrad.Generator.Model;

namespace SymGrad.Generator;

/// <summary>
/// Generates derivative members for every static method marked <c>[SymGrad.Differentiable]</c>.
/// Pipeline: discover and lower (the only step that sees Roslyn symbols) → call graph for
/// recursion → generate (simplify, differentiate, optimize, emit) per method.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class DifferentiableGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var methods = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownSymbols.DifferentiableAttribute,
                static (node, _) => node is MethodDeclarationSyntax,
                static (context, cancellationToken) => MethodLowering.Lower(context, cancellationToken))
            .Where(static m => m is not null)
            .Select(static (m, _) => m!)
            .WithTrackingName(TrackingNames.Lowered);

        var options = context.AnalyzerConfigOptionsProvider
            .Select(static (provider, _) => GeneratorOptions.From(provider.GlobalOptions))
            .WithTrackingName(TrackingNames.Options);

        var recursion = methods
            .Select(static (m, _) => new CallGraphNode(m.Id, m.Name, m.Callees, m.Location))
            .Collect()
            .Select(static (nodes, _) => CallGraph.FindCycles(nodes))
            .WithTrackingName(TrackingNames.CallGraph);

        // Generation sees no source locations, so moving a method without changing it re-emits nothing.
        var generated = methods
            .Select(static (m, _) => m.Diagnostics.Count > 0 ? null : m with { Location = NoLocation })
            .Where(static m => m is not null)
            .Combine(recursion.Select(static (r, _) => r.RecursiveIds))
            .Combine(options)
            .Select(static (input, cancellationToken) =>
                DerivativeGeneration.Generate(input.Left.Left!, input.Left.Right, input.Right, cancellationToken))
            .WithTrackingName(TrackingNames.Generated);

        context.RegisterSourceOutput(methods.Select(static (m, _) => m.Diagnostics), ReportAll);
        context.RegisterSourceOutput(recursion.Select(static (r, _) => r.Diagnostics), ReportAll);
        context.RegisterSourceOutput(generated, static (production, result) =>
        {
            ReportAll(production, result.Diagnostics);
            if (result.Source is { } source)
            {
                production.AddSource(source.HintName, SourceText.From(source.Text, System.Text.Encoding.UTF8));
            }
        });
    }

    private static readonly SourceLocation NoLocation = new(string.Empty, default, default);

    private static void ReportAll(SourceProductionContext production, EquatableArray<DiagnosticInfo> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            production.ReportDiagnostic(diagnostic.ToDiagnostic());
        }
    }
}
