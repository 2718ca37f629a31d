using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SymGrad.Generator.Diagnostics;
using SymGrad.Generator.Model;
using SymGrad.Generator.Symbolic;

namespace SymGrad.Generator.Lowering;

/// <summary>
/// Lowers a call: a Math/MathF/double/float function, or SymGrad.VectorMath.Log1P, becomes an intrinsic; a [Differentiable]
/// method becomes a call whose partials come from its generated <c>Gradient</c>; a method with
/// derivatives registered by [DerivativeOf] becomes a call whose partials call those. Anything
/// else is SGRAD005 when a differentiated value flows into it.
/// </summary>
internal sealed class CallLowering(
    IMethodSymbol caller,
    ITypeSymbol numericType,
    HashSet<int> differentiable,
    List<DiagnosticInfo> diagnostics,
    List<string> callees)
{
    private static readonly ExprBuilder Raw = new(simplify: false);

    public Expr? Lower(IInvocationOperation invocation, IReadOnlyList<Expr?> arguments)
    {
        if (arguments.Any(a => a is null))
        {
            return null;
        }

        var args = arguments.Select(a => a!).ToList();
        var target = invocation.TargetMethod;
        if (target.MethodKind == MethodKind.LocalFunction)
        {
            return null;
        }

        if (IsMathType(target.ContainingType))
        {
            return Intrinsic(invocation, target.Name, args);
        }

        if (target.Name == "Log1P" && args.Count == 1 && target.ContainingType.ToDisplayString() == KnownSymbols.VectorMath
            && SymbolEqualityComparer.Default.Equals(target.ReturnType, numericType))
        {
            return Raw.Fn(Function.Log1P, args[0]);
        }

        if (!SymbolEqualityComparer.Default.Equals(target.ReturnType, numericType)
            || target.Parameters.Any(p => !SymbolEqualityComparer.Default.Equals(p.Type, numericType) || p.RefKind != RefKind.None))
        {
            return Unknown(invocation);
        }

        if (KnownSymbols.Has(target, KnownSymbols.DifferentiableAttribute))
        {
            var generated = KnownSymbols.DifferentiableParameters(target.OriginalDefinition);
            var ordered = invocation.Arguments.OrderBy(a => a.Parameter?.Ordinal ?? 0).ToList();
            for (var i = 0; i < args.Count; i++)
            {
                var parameter = target.Parameters[i];
                if (!generated.Contains(i) && !KnownSymbols.Has(parameter, KnownSymbols.NoDerivativeAttribute) && DependsOnDifferentiable(args[i]))
                {
                    diagnostics.Add(DiagnosticInfo.Create(
                        DiagnosticDescriptors.PartialNotGenerated,
                        ordered[i].Syntax.GetLocation(),
                        target.Name,
                        parameter.Name));
                    return null;
                }
            }

            var id = Id(target);
            callees.Add(id);
            return ExprBuilder.Call(
                new CallTarget(
                    KnownSymbols.FullyQualified(target.ContainingType),
                    target.Name,
                    id,
                    IsDifferentiable: true,
                    generated.ToEquatableArray(),
                    default,
                    target.Parameters.Select(p => Names.Escape(p.Name)).ToEquatableArray()),
                args);
        }

        var partials = RegisteredDerivatives(target);
        for (var i = 0; i < args.Count; i++)
        {
            if (partials[i].Length == 0 && DependsOnDifferentiable(args[i]))
            {
                return Unknown(invocation);
            }
        }

        return ExprBuilder.Call(
            new CallTarget(
                KnownSymbols.FullyQualified(target.ContainingType),
                target.Name,
                Id(target),
                IsDifferentiable: false,
                default,
                partials.ToEquatableArray(),
                target.Parameters.Select(p => Names.Escape(p.Name)).ToEquatableArray()),
            args);
    }

    public static string Id(IMethodSymbol method) => method.OriginalDefinition.ToDisplayString();

    private Expr? Intrinsic(IInvocationOperation invocation, string name, List<Expr> args)
    {
        if (!SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ReturnType, numericType))
        {
            return Unknown(invocation);
        }

        if (name == "Pow" && args.Count == 2)
        {
            return Raw.Pow(args[0], args[1]);
        }

        if (name == "Log" && args.Count == 2)
        {
            return Raw.Div(Raw.Fn(Function.Log, args[0]), Raw.Fn(Function.Log, args[1]));
        }

        var function = name switch
        {
            "Exp" => Function.Exp,
            "Log" => Function.Log,
            "Log2" => Function.Log2,
            "Log10" => Function.Log10,
            "Sqrt" => Function.Sqrt,
            "Cbrt" => Function.Cbrt,
            "Abs" => Function.Abs,
            "Sin" => Function.Sin,
            "Cos" => Function.Cos,
            "Tan" => Function.Tan,
            "Asin" => Function.Asin,
            "Acos" => Function.Acos,
            "Atan" => Function.Atan,
            "Sinh" => Function.Sinh,
            "Cosh" => Function.Cosh,
            "Tanh" => Function.Tanh,
            "Asinh" => Function.Asinh,
            "Acosh" => Function.Acosh,
            "Atanh" => Function.Atanh,
            "Max" => Function.Max,
            "Min" => Function.Min,
            "Clamp" => Function.Clamp,
            "Atan2" => Function.Atan2,
            _ => Function.None,
        };
        var arity = function switch
        {
            Function.None => -1,
            Function.Max or Function.Min or Function.Atan2 => 2,
            Function.Clamp => 3,
            _ => 1,
        };
        return arity == args.Count ? Raw.Fn(function, args.ToArray()) : Unknown(invocation);
    }

    /// <summary>Per parameter of <paramref name="target"/>, the registered derivative method, or "".</summary>
    private string[] RegisteredDerivatives(IMethodSymbol target)
    {
        var partials = new string[target.Parameters.Length];
        for (var i = 0; i < partials.Length; i++)
        {
            partials[i] = string.Empty;
        }

        foreach (var type in CandidateTypes(target))
        {
            foreach (var candidate in type.GetMembers().OfType<IMethodSymbol>())
            {
                foreach (var attribute in candidate.GetAttributes().Where(a => a.AttributeClass?.ToDisplayString() == KnownSymbols.DerivativeOfAttribute))
                {
                    var index = RegisteredParameter(attribute, candidate, target);
                    if (index >= 0 && partials[index].Length == 0)
                    {
                        partials[index] = KnownSymbols.FullyQualified(candidate.ContainingType) + "." + candidate.Name;
                    }
                }
            }
        }

        return partials;
    }

    /// <summary>The parameter of <paramref name="target"/> whose derivative <paramref name="candidate"/> registers, or −1.</summary>
    private static int RegisteredParameter(AttributeData attribute, IMethodSymbol candidate, IMethodSymbol target)
    {
        var args = attribute.ConstructorArguments;
        var declaringType = args.Length == 2 ? args[0].Value as ITypeSymbol : candidate.ContainingType;
        var name = args.Length == 0 ? null : args[args.Length - 1].Value as string;
        if (name != target.Name
            || !SymbolEqualityComparer.Default.Equals(declaringType, target.ContainingType)
            || candidate.Parameters.Length != target.Parameters.Length
            || !SymbolEqualityComparer.Default.Equals(candidate.ReturnType, target.ReturnType)
            || candidate.Parameters.Where((p, i) => !SymbolEqualityComparer.Default.Equals(p.Type, target.Parameters[i].Type)).Any())
        {
            return -1;
        }

        var wrt = attribute.NamedArguments.FirstOrDefault(a => a.Key == "Wrt").Value.Value as string;
        if (wrt is null)
        {
            return target.Parameters.Length == 1 ? 0 : -1;
        }

        return target.Parameters.FirstOrDefault(p => p.Name == wrt)?.Ordinal ?? -1;
    }

    private IEnumerable<INamedTypeSymbol> CandidateTypes(IMethodSymbol target)
    {
        yield return target.ContainingType;
        for (var type = caller.ContainingType; type is not null; type = type.ContainingType)
        {
            if (!SymbolEqualityComparer.Default.Equals(type, target.ContainingType))
            {
                yield return type;
            }
        }
    }

    private bool DependsOnDifferentiable(Expr e) =>
        Topology.PostOrder([e]).Any(n => n.Kind is ExprKind.Param or ExprKind.Array && differentiable.Contains(n.Index));

    private Expr? Unknown(IInvocationOperation invocation)
    {
        diagnostics.Add(DiagnosticInfo.Create(
            DiagnosticDescriptors.UnknownDerivative,
            invocation.Syntax.GetLocation(),
            invocation.TargetMethod.ContainingType.Name + "." + invocation.TargetMethod.Name));
        return null;
    }

    private static bool IsMathType(INamedTypeSymbol? type) =>
        type is not null
        && (type.SpecialType is SpecialType.System_Double or SpecialType.System_Single
            || type.ToDisplayString() is "System.Math" or "System.MathF");
}
