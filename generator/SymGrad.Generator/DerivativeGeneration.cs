using System;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using SymGrad.Generator.Diagnostics;
using SymGrad.Generator.Differentiation;
using SymGrad.Generator.Emit;
using SymGrad.Generator.Model;
using SymGrad.Generator.Symbolic;

namespace SymGrad.Generator;

/// <summary>
/// The pure middle of the compiler, from lowered IR to C# text: simplify → differentiate →
/// (stable forms, CSE) → emit. No Roslyn state is involved.
/// </summary>
internal static class DerivativeGeneration
{
    public static GenerationResult Generate(MethodModel method, EquatableArray<string> recursive, GeneratorOptions options, CancellationToken cancellationToken)
    {
        if (method.Body is null || recursive.Contains(method.Id))
        {
            return new GenerationResult(null, default);
        }

        try
        {
            var builder = new ExprBuilder(options.Simplify);
            var value = CanonicalCounters.Apply(builder, Simplifier.Canonicalize(builder, method.Body, cancellationToken), cancellationToken);
            var parameters = method.Parameters
                .Select((p, i) => (p, i))
                .Where(x => x.p.IsDifferentiable)
                .Select(x => x.p.Kind == ParameterKind.Array ? ExprBuilder.Array(x.p.Name, x.i) : ExprBuilder.Param(x.p.Name, x.i))
                .ToList();
            var (gradient, scatters) = value.Kind == ExprKind.Tabulate
                ? ReverseAccumulation.SweepBackward(builder, value, VectorEmitter.GradOutput, parameters, cancellationToken)
                : ReverseAccumulation.Sweep(builder, value, parameters, cancellationToken);
            var text = DerivativeEmitter.Emit(method, value, gradient, scatters, cancellationToken);
            return new GenerationResult(new GeneratedSource(method.HintName, text), default);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            var failure = DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, Location.None, method.Name, exception.Message);
            return new GenerationResult(null, new[] { failure }.ToEquatableArray());
        }
    }
}
