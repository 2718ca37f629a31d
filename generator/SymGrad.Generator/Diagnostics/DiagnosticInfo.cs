using Microsoft.CodeAnalysis;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Diagnostics;

/// <summary>A diagnostic as plain data: no Location or SyntaxTree, so models stay cacheable.</summary>
internal sealed record DiagnosticInfo(string Id, SourceLocation Location, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, Location location, params string[] arguments) =>
        new(descriptor.Id, SourceLocation.From(location), arguments.ToEquatableArray());

    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, SourceLocation location, params string[] arguments) =>
        new(descriptor.Id, location, arguments.ToEquatableArray());

    public Diagnostic ToDiagnostic() =>
        Diagnostic.Create(DiagnosticDescriptors.ById(Id), Location.ToLocation(), [.. Arguments]);
}
