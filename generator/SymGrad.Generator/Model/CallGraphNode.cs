using SymGrad.Generator.Diagnostics;

namespace SymGrad.Generator.Model;

/// <summary>A [Differentiable] method and the [Differentiable] methods it calls.</summary>
internal sealed record CallGraphNode(string Id, string Name, EquatableArray<string> Callees, SourceLocation Location);
