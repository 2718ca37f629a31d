using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SymGrad.Generator.Diagnostics;
using SymGrad.Generator.Model;
using SymGrad.Generator.Symbolic;

namespace SymGrad.Generator.Lowering;

/// <summary>
/// The transform of the discovery step: validates a [Differentiable] method and lowers its body
/// into a <see cref="MethodModel"/>. This folder is the only place the generator touches symbols
/// and operations; nothing Roslyn-shaped leaves it.
/// </summary>
internal static class MethodLowering
{
    public static MethodModel? Lower(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetNode is not MethodDeclarationSyntax syntax || context.TargetSymbol is not IMethodSymbol method)
        {
            return null;
        }

        var identifier = SourceLocation.From(syntax.Identifier.GetLocation());
        var diagnostics = new List<DiagnosticInfo>();
        try
        {
            // Code the compiler rejects is the compiler's to report; half-typed code gets no noise from us.
            if (context.SemanticModel.GetDiagnostics(syntax.Span, cancellationToken).Any(d => d.Severity == DiagnosticSeverity.Error))
            {
                return null;
            }

            return Build(context, syntax, method, identifier, diagnostics, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, identifier, method.Name, exception.Message));
            return Empty(method, identifier, diagnostics);
        }
    }

    private static MethodModel Build(
        GeneratorAttributeSyntaxContext context,
        MethodDeclarationSyntax syntax,
        IMethodSymbol method,
        SourceLocation identifier,
        List<DiagnosticInfo> diagnostics,
        CancellationToken cancellationToken)
    {
        if (!method.IsStatic)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotStatic, identifier, method.Name));
        }

        foreach (var type in syntax.Ancestors().OfType<TypeDeclarationSyntax>())
        {
            if (!type.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotPartial, type.Identifier.GetLocation(), type.Identifier.Text, method.Name));
            }

            if (type.Modifiers.Any(SyntaxKind.FileKeyword))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.FileLocalType, type.Identifier.GetLocation(), type.Identifier.Text, method.Name));
            }
        }

        CheckTypes(syntax, method, diagnostics);
        if (method.IsGenericMethod)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedConstruct, syntax.TypeParameterList!.GetLocation(), "A generic method", method.Name));
        }

        var differentiable = CheckWrt(context, method, diagnostics);
        CheckOutputNames(syntax, method, differentiable, diagnostics);
        if (diagnostics.Count == 0 && differentiable.Count == 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NothingToDifferentiate, identifier, method.Name));
        }

        if (diagnostics.Count > 0)
        {
            return Empty(method, identifier, diagnostics);
        }

        var body = context.SemanticModel.GetOperation(syntax, cancellationToken);
        if (body is null)
        {
            return Empty(method, identifier, diagnostics);
        }

        var lowering = new BodyLowering(method, differentiable, diagnostics, cancellationToken);
        var value = lowering.Lower(body);
        return Empty(method, identifier, diagnostics) with
        {
            Body = diagnostics.Count == 0 ? value : null,
            Callees = lowering.Callees.Distinct().ToEquatableArray(),
        };
    }

    private static void CheckTypes(MethodDeclarationSyntax syntax, IMethodSymbol method, List<DiagnosticInfo> diagnostics)
    {
        var numeric = KnownSymbols.NumericType(method);
        if (!KnownSymbols.IsFloatingPoint(numeric) || method.ReturnsByRef || method.ReturnsByRefReadonly)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedType, syntax.ReturnType.GetLocation(), "The return type", method.Name, numeric.ToDisplayString()));
            return;
        }

        foreach (var parameter in method.Parameters)
        {
            var parameterSyntax = syntax.ParameterList.Parameters[parameter.Ordinal];
            var shape = SymbolEqualityComparer.Default.Equals(parameter.Type, numeric) || KnownSymbols.IsInt(parameter.Type) || KnownSymbols.IsIntArray(parameter.Type)
                || SymbolEqualityComparer.Default.Equals(KnownSymbols.ElementType(parameter.Type), numeric);
            if (!shape || parameter.RefKind != RefKind.None || parameter.IsParams)
            {
                var location = (parameterSyntax.Type ?? (SyntaxNode)parameterSyntax).GetLocation();
                var type = (parameter.RefKind == RefKind.None ? string.Empty : parameter.RefKind.ToString().ToLowerInvariant() + " ")
                    + parameter.Type.ToDisplayString();
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedType, location, $"Parameter '{parameter.Name}'", method.Name, type));
            }
        }
    }

    private static IReadOnlyList<int> CheckWrt(GeneratorAttributeSyntaxContext context, IMethodSymbol method, List<DiagnosticInfo> diagnostics)
    {
        var attribute = context.Attributes[0];
        var names = KnownSymbols.WrtNames(attribute);
        var arguments = (attribute.ApplicationSyntaxReference?.GetSyntax() as AttributeSyntax)?.ArgumentList?.Arguments;
        for (var i = 0; i < names.Count; i++)
        {
            var parameter = method.Parameters.FirstOrDefault(p => p.Name == names[i]);
            var reason = parameter is null ? ": it has no parameter of that name"
                : KnownSymbols.Has(parameter, KnownSymbols.NoDerivativeAttribute) ? ": it is marked [NoDerivative]"
                : !KnownSymbols.IsFloatingPoint(parameter.Type) && KnownSymbols.ElementType(parameter.Type) is null
                    ? ": it is neither a floating-point parameter nor a span or array of them"
                : SymbolEqualityComparer.Default.Equals(parameter, KnownSymbols.Output(method)) ? ": it is the output the method writes"
                : null;
            if (reason is not null)
            {
                var location = arguments is { } list && i < list.Count
                    ? list[i].GetLocation()
                    : attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation() ?? Location.None;
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidWrt, location, names[i], method.Name, reason));
            }
        }

        return KnownSymbols.DifferentiableParameters(method);
    }

    private static void CheckOutputNames(MethodDeclarationSyntax syntax, IMethodSymbol method, IReadOnlyList<int> differentiable, List<DiagnosticInfo> diagnostics)
    {
        foreach (var ordinal in differentiable)
        {
            var output = GradientName(method.Parameters[ordinal].Name);
            var clash = method.Parameters.FirstOrDefault(p => p.Name == output);
            if (clash is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.OutputNameConflict, syntax.ParameterList.Parameters[clash.Ordinal].Identifier.GetLocation(), output, method.Name));
            }
        }
    }

    /// <summary>The name of the gradient output of a parameter: <c>x</c> → <c>dX</c>.</summary>
    public static string GradientName(string parameter) => "d" + char.ToUpperInvariant(parameter[0]) + parameter.Substring(1);

    private static MethodModel Empty(IMethodSymbol method, SourceLocation identifier, List<DiagnosticInfo> diagnostics)
    {
        var types = new List<ContainingType>();
        for (var type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            types.Insert(0, new ContainingType(Keyword(type), TypeName(type)));
        }

        var differentiable = KnownSymbols.DifferentiableParameters(method);
        var parameters = method.Parameters.Select(p => new ParameterModel(
            Names.Escape(p.Name),
            p.Type.ToDisplayString(),
            differentiable.Contains(p.Ordinal),
            SymbolEqualityComparer.Default.Equals(p, KnownSymbols.Output(method)) ? ParameterKind.Output
                : KnownSymbols.IsInt(p.Type) ? ParameterKind.Int
                : KnownSymbols.IsIntArray(p.Type) ? ParameterKind.IntArray
                : KnownSymbols.ElementType(p.Type) is null ? ParameterKind.Scalar
                : ParameterKind.Array,
            p.HasExplicitDefaultValue ? DefaultValue(p.ExplicitDefaultValue) : null));
        var ns = method.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() : null;
        return new MethodModel(
            CallLowering.Id(method),
            HintName(method),
            ns,
            types.ToEquatableArray(),
            KnownSymbols.FullyQualified(method.ContainingType),
            Accessibility(method),
            method.Name,
            KnownSymbols.NumericType(method).SpecialType == SpecialType.System_Single ? NumericType.Float : NumericType.Double,
            parameters.ToEquatableArray(),
            null,
            default,
            identifier,
            diagnostics.ToEquatableArray());
    }

    private static string Keyword(INamedTypeSymbol type) => type switch
    {
        { IsRecord: true, TypeKind: TypeKind.Struct } => "record struct",
        { IsRecord: true } => "record",
        { TypeKind: TypeKind.Struct } => "struct",
        { TypeKind: TypeKind.Interface } => "interface",
        _ => "class",
    };

    private static string TypeName(INamedTypeSymbol type) =>
        type.TypeParameters.Length == 0 ? type.Name : $"{type.Name}<{string.Join(", ", type.TypeParameters.Select(t => t.Name))}>";

    private static string Accessibility(IMethodSymbol method) => method.DeclaredAccessibility switch
    {
        Microsoft.CodeAnalysis.Accessibility.Public => "public",
        Microsoft.CodeAnalysis.Accessibility.Internal => "internal",
        Microsoft.CodeAnalysis.Accessibility.Protected => "protected",
        Microsoft.CodeAnalysis.Accessibility.ProtectedOrInternal => "protected internal",
        Microsoft.CodeAnalysis.Accessibility.ProtectedAndInternal => "private protected",
        _ => "private",
    };

    /// <summary>A parameter's default as a C# expression of its own type (a float keeps its <c>f</c>).</summary>
    private static string DefaultValue(object? value) => value switch
    {
        null => "default",
        double d when double.IsNaN(d) => "double.NaN",
        double d when double.IsInfinity(d) => d > 0 ? "double.PositiveInfinity" : "double.NegativeInfinity",
        double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        float f when float.IsNaN(f) => "float.NaN",
        float f when float.IsInfinity(f) => f > 0 ? "float.PositiveInfinity" : "float.NegativeInfinity",
        float f => f.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + "f",
        bool b => b ? "true" : "false",
        _ => System.Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!,
    };

    private static string HintName(IMethodSymbol method)
    {
        var text = method.ContainingType.ToDisplayString() + "." + method.Name + "(" + string.Join(",", method.Parameters.Select(p => TypeName(p.Type))) + ")";
        var safe = new string(text.Select(c => char.IsLetterOrDigit(c) || c is '.' or '_' ? c : '_').ToArray());
        return safe.TrimEnd('_') + ".g.cs";
    }

    /// <summary>
    /// A parameter type in a hint name, with its element type: overloads for double and float that take spans
    /// or arrays need different files (an array's own name is empty, a span's is only "ReadOnlySpan").
    /// </summary>
    private static string TypeName(ITypeSymbol type) => type switch
    {
        IArrayTypeSymbol array => TypeName(array.ElementType) + "Array",
        INamedTypeSymbol { TypeArguments.Length: > 0 } generic => generic.Name + "Of" + string.Join("And", generic.TypeArguments.Select(TypeName)),
        _ => type.Name,
    };
}
