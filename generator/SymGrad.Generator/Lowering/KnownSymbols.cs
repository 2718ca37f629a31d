using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace SymGrad.Generator.Lowering;

/// <summary>Questions about symbols that lowering asks of the methods it meets.</summary>
internal static class KnownSymbols
{
    public const string DifferentiableAttribute = "SymGrad.DifferentiableAttribute";
    public const string NoDerivativeAttribute = "SymGrad.NoDerivativeAttribute";
    public const string DerivativeOfAttribute = "SymGrad.DerivativeOfAttribute";

    /// <summary>The runtime's vector math, whose scalar <c>Log1P</c> lowers to the log1p intrinsic.</summary>
    public const string VectorMath = "SymGrad.VectorMath";

    public static bool IsFloatingPoint(ITypeSymbol? type) =>
        type?.SpecialType is SpecialType.System_Double or SpecialType.System_Single;

    /// <summary>The element type of a <c>ReadOnlySpan&lt;T&gt;</c>, <c>Span&lt;T&gt;</c> or <c>T[]</c> of a floating-point T; null for anything else.</summary>
    public static ITypeSymbol? ElementType(ITypeSymbol? type) => type switch
    {
        IArrayTypeSymbol { Rank: 1 } array when IsFloatingPoint(array.ElementType) => array.ElementType,
        INamedTypeSymbol { TypeArguments.Length: 1 } span
            when span.ConstructedFrom.ToDisplayString() is "System.ReadOnlySpan<T>" or "System.Span<T>" && IsFloatingPoint(span.TypeArguments[0]) => span.TypeArguments[0],
        _ => null,
    };

    /// <summary>
    /// The output of a vector-valued method: a method returning <c>void</c> writes its result into
    /// its one <c>Span&lt;T&gt;</c> parameter. Null for a method that returns its value.
    /// </summary>
    public static IParameterSymbol? Output(IMethodSymbol method)
    {
        if (!method.ReturnsVoid)
        {
            return null;
        }

        var spans = method.Parameters
            .Where(p => p.Type is INamedTypeSymbol { TypeArguments.Length: 1 } span && span.ConstructedFrom.ToDisplayString() == "System.Span<T>" && IsFloatingPoint(span.TypeArguments[0]))
            .ToList();
        return spans.Count == 1 ? spans[0] : null;
    }

    /// <summary>The floating-point type a method computes in: its return type, or its output span's element type.</summary>
    public static ITypeSymbol NumericType(IMethodSymbol method) => Output(method) is { } output ? ElementType(output.Type)! : method.ReturnType;

    /// <summary>Whether a type is a <c>ReadOnlySpan&lt;int&gt;</c>, <c>Span&lt;int&gt;</c> or <c>int[]</c>.</summary>
    public static bool IsIntArray(ITypeSymbol? type) => type switch
    {
        IArrayTypeSymbol { Rank: 1 } array => IsInt(array.ElementType),
        INamedTypeSymbol { TypeArguments.Length: 1 } span => span.ConstructedFrom.ToDisplayString() is "System.ReadOnlySpan<T>" or "System.Span<T>" && IsInt(span.TypeArguments[0]),
        _ => false,
    };

    public static bool IsInt(ITypeSymbol? type) => type?.SpecialType == SpecialType.System_Int32;

    public static bool Has(ISymbol symbol, string attribute) =>
        symbol.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == attribute);

    public static AttributeData? Find(ISymbol symbol, string attribute) =>
        symbol.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == attribute);

    /// <summary>The <c>wrt</c> names of a [Differentiable] attribute, in order; empty for "all".</summary>
    public static IReadOnlyList<string> WrtNames(AttributeData attribute)
    {
        var names = new List<string>();
        foreach (var argument in attribute.ConstructorArguments)
        {
            if (argument.Kind == TypedConstantKind.Array)
            {
                names.AddRange(argument.Values.Select(v => v.Value as string ?? string.Empty));
            }
            else if (argument.Value is string single)
            {
                names.Add(single);
            }
        }

        return names;
    }

    /// <summary>
    /// The ordinals of the parameters a [Differentiable] method is differentiated with respect to:
    /// those named by <c>wrt</c>, or else every floating-point (or span or array of floating-point)
    /// parameter not marked [NoDerivative].
    /// </summary>
    public static IReadOnlyList<int> DifferentiableParameters(IMethodSymbol method)
    {
        var attribute = Find(method, DifferentiableAttribute);
        var wrt = attribute is null ? [] : WrtNames(attribute);
        return method.Parameters
            .Where(p => (IsFloatingPoint(p.Type) || ElementType(p.Type) is not null) && p.RefKind == RefKind.None && !Has(p, NoDerivativeAttribute))
            .Where(p => !SymbolEqualityComparer.Default.Equals(p, Output(method)))
            .Where(p => wrt.Count == 0 || wrt.Contains(p.Name))
            .Select(p => p.Ordinal)
            .ToList();
    }

    public static string FullyQualified(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
}
