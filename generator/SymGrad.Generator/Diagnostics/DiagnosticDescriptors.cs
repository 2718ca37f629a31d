using Microsoft.CodeAnalysis;

namespace SymGrad.Generator.Diagnostics;

/// <summary>Every diagnostic the generator reports, with stable IDs (docs/diagnostics.md).</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "SymGrad";
    private const string HelpBase = "https://github.com/symgrad/symgrad/blob/main/docs/diagnostics.md#";

    public static readonly DiagnosticDescriptor NotStatic = Create(
        "SGRAD001",
        "Differentiable method must be static",
        "Method '{0}' is marked [Differentiable] but is not static");

    public static readonly DiagnosticDescriptor NotPartial = Create(
        "SGRAD002",
        "Type containing a differentiable method must be partial",
        "Type '{0}' must be declared partial because it contains the [Differentiable] method '{1}'");

    public static readonly DiagnosticDescriptor UnsupportedType = Create(
        "SGRAD003",
        "Unsupported parameter or return type",
        "{0} of '{1}' has the unsupported type '{2}'; use double or float throughout");

    public static readonly DiagnosticDescriptor UnsupportedConstruct = Create(
        "SGRAD004",
        "Unsupported statement or expression",
        "{0} is not supported in a [Differentiable] method: '{1}'");

    public static readonly DiagnosticDescriptor UnknownDerivative = Create(
        "SGRAD005",
        "Call to a method with no known derivative",
        "The derivative of '{0}' is not known; mark it [Differentiable] or register its derivative with [DerivativeOf]");

    public static readonly DiagnosticDescriptor Recursion = Create(
        "SGRAD006",
        "Recursion among differentiable methods",
        "Method '{0}' is part of a recursive cycle of [Differentiable] methods: {1}");

    public static readonly DiagnosticDescriptor InvalidWrt = Create(
        "SGRAD007",
        "Invalid wrt parameter",
        "'{0}' is not a differentiable parameter of '{1}'{2}");

    public static readonly DiagnosticDescriptor NothingToDifferentiate = new(
        "SGRAD008",
        "Nothing to differentiate",
        "Method '{0}' has no parameter to differentiate: every parameter is [NoDerivative]",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "sgrad008");

    public static readonly DiagnosticDescriptor OutputNameConflict = Create(
        "SGRAD009",
        "Gradient output name conflicts with a parameter",
        "The gradient output '{0}' of '{1}' would have the name of the parameter '{0}'; rename that parameter");

    public static readonly DiagnosticDescriptor FileLocalType = Create(
        "SGRAD010",
        "File-local type cannot receive generated members",
        "Type '{0}' is file-local, so the members generated for '{1}' cannot be added to it; remove the 'file' modifier");

    public static readonly DiagnosticDescriptor PartialNotGenerated = Create(
        "SGRAD011",
        "Argument needs a partial derivative the callee does not generate",
        "'{0}' is not differentiated with respect to its parameter '{1}', but the argument passed to it depends on a differentiated parameter; add '{1}' to the wrt list of '{0}' or mark it [NoDerivative]");

    public static readonly DiagnosticDescriptor InternalError = Create(
        "SGRAD999",
        "Internal generator failure",
        "SymGrad could not generate derivatives for '{0}': {1}");

    public static DiagnosticDescriptor ById(string id) => id switch
    {
        "SGRAD001" => NotStatic,
        "SGRAD002" => NotPartial,
        "SGRAD003" => UnsupportedType,
        "SGRAD004" => UnsupportedConstruct,
        "SGRAD005" => UnknownDerivative,
        "SGRAD006" => Recursion,
        "SGRAD007" => InvalidWrt,
        "SGRAD008" => NothingToDifferentiate,
        "SGRAD009" => OutputNameConflict,
        "SGRAD010" => FileLocalType,
        "SGRAD011" => PartialNotGenerated,
        _ => InternalError,
    };

    private static DiagnosticDescriptor Create(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
            helpLinkUri: HelpBase + id.ToLowerInvariant());
}
