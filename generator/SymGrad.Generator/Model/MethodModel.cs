using SymGrad.Generator.Diagnostics;
using SymGrad.Generator.Symbolic;

namespace SymGrad.Generator.Model;

/// <summary>
/// A [Differentiable] method after lowering: everything the later stages need, as plain values.
/// <see cref="Body"/> is null when lowering reported an error.
/// </summary>
internal sealed record MethodModel(
    string Id,
    string HintName,
    string? Namespace,
    EquatableArray<ContainingType> ContainingTypes,
    string FullyQualifiedType,
    string Accessibility,
    string Name,
    NumericType NumericType,
    EquatableArray<ParameterModel> Parameters,
    Expr? Body,
    EquatableArray<string> Callees,
    SourceLocation Location,
    EquatableArray<DiagnosticInfo> Diagnostics);
