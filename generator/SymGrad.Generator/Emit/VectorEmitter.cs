using System.Collections.Generic;
using System.Linq;
using System.Threading;
using SymGrad.Generator.Differentiation;
using SymGrad.Generator.Model;
using SymGrad.Generator.Symbolic;
using static SymGrad.Generator.Emit.DerivativeEmitter;

namespace SymGrad.Generator.Emit;

/// <summary>
/// The members of a vector-valued method <c>M(inputs, Span&lt;T&gt; output)</c>: <c>MBackward</c>,
/// the vector-Jacobian product in one reverse sweep, and <c>MJacobian</c>, the full Jacobian
/// row by row from <c>MBackward</c> with one-hot output gradients.
/// </summary>
internal static class VectorEmitter
{
    /// <summary>The <c>gradOutput</c> parameter of <c>MBackward</c> in the IR.</summary>
    public static readonly Expr GradOutput = ExprBuilder.Array("gradOutput", -1);

    public static void WriteBackward(
        SourceWriter writer,
        MethodModel method,
        Expr value,
        IReadOnlyList<Expr> gradient,
        IReadOnlyDictionary<Expr, List<Scatter>> scatters,
        List<ParameterModel> differentiable,
        ISet<string> usings,
        CancellationToken cancellationToken)
    {
        var type = TypeKeyword(method.NumericType);
        var output = method.Parameters.First(p => p.Kind == ParameterKind.Output);
        (value, gradient, scatters) = WithoutOutput(output.Name, value, gradient, scatters);
        var outputs = differentiable.Select(p => GradientName(p.Name)).ToList();
        var inputs = method.Parameters.Where(p => p.Kind != ParameterKind.Output).Select(p => $"{p.Type} {p.Name}");
        var parameters = inputs.Concat([$"ReadOnlySpan<{type}> gradOutput"])
            .Concat(outputs.Select((o, i) => differentiable[i].Kind == ParameterKind.Array ? $"Span<{type}> {o}" : $"out {type} {o}"));

        writer.Line("/// <summary>");
        writer.Line($"/// Back-propagates through {Cref(method)}: the vector-Jacobian product gradOutput·J with respect to {string.Join(", ", differentiable.Select(p => Bare(p.Name)))}.");
        writer.Line("/// </summary>");
        writer.Line("/// <remarks>");
        writer.Line("/// <code>");
        writer.Line($"/// {Xml(Bare(output.Name))}[{Xml(MathPrinter.Print(value.Args[0]))}] = {Xml(MathPrinter.Print(value.Args[2]))}");
        WritePartialDocs(writer, method, value, gradient, scatters, differentiable);

        writer.Line("/// </code>");
        writer.Line("/// </remarks>");
        foreach (var p in method.Parameters.Where(p => p.Kind != ParameterKind.Output))
        {
            writer.Line($"/// <param name=\"{Bare(p.Name)}\">The {Bare(p.Name)} argument of {Cref(method)}.</param>");
        }

        writer.Line($"/// <param name=\"gradOutput\">The gradient of the loss with respect to each element of {Bare(output.Name)}.</param>");
        for (var i = 0; i < differentiable.Count; i++)
        {
            writer.Line($"/// <param name=\"{Bare(outputs[i])}\">Receives the gradient of the loss with respect to {Bare(differentiable[i].Name)}.</param>");
        }

        writer.Line(GeneratedCode);
        writer.Open($"{method.Accessibility} static void {method.Name}Backward({string.Join(", ", parameters)})");
        if (!value.Args[1].Equals(ExprBuilder.Length(GradOutput)))
        {
            var length = new CSharpExpressions(method.NumericType, method.FullyQualifiedType, [], new Dictionary<Expr, string>(), [], [value.Args[1]]).Write(value.Args[1]);
            writer.Open($"if (gradOutput.Length != {length})");
            writer.Line($"throw new ArgumentException(\"gradOutput must have one element per output ({length}).\", nameof(gradOutput));");
            writer.Close();
            writer.Line();
        }

        WriteBody(writer, method, null, gradient, scatters, differentiable, outputs, usings, cancellationToken);
        writer.Close();
    }

    /// <summary>
    /// The method with the output's length read from <c>gradOutput</c>, which has one element per output:
    /// <c>MBackward</c> has no output parameter to ask (a loop to <c>y.Length</c> is a loop to <c>gradOutput.Length</c>).
    /// </summary>
    private static (Expr Value, IReadOnlyList<Expr> Gradient, IReadOnlyDictionary<Expr, List<Scatter>> Scatters) WithoutOutput(
        string output, Expr value, IReadOnlyList<Expr> gradient, IReadOnlyDictionary<Expr, List<Scatter>> scatters)
    {
        var everything = Topology.PostOrder(gradient.Concat(scatters.Values.SelectMany(l => l.SelectMany(s => s.Loops.SelectMany(r => new[] { r.From, r.To }).Concat([s.Index, s.Value])))).Concat([value]));
        var array = everything.FirstOrDefault(n => n.Kind == ExprKind.Array && n.Name == output);
        if (array is null)
        {
            return (value, gradient, scatters);
        }

        var raw = new ExprBuilder(simplify: false);
        var (old, replacement) = (ExprBuilder.Length(array), ExprBuilder.Length(GradOutput));
        Expr Fix(Expr e) => raw.Substitute(e, old, replacement);
        return (
            Fix(value),
            gradient.Select(Fix).ToList(),
            scatters.ToDictionary(
                pair => Fix(pair.Key),
                pair => pair.Value.Select(s => new Scatter([.. s.Loops.Select(l => new LoopRange(Fix(l.Counter), Fix(l.From), Fix(l.To)))], Fix(s.Index), Fix(s.Value))).ToList()));
    }

    /// <summary>The Jacobian, for a method with exactly one differentiable input, which must be a span or array.</summary>
    public static void WriteJacobian(SourceWriter writer, MethodModel method, Expr value, List<ParameterModel> differentiable)
    {
        if (differentiable is not [{ Kind: ParameterKind.Array } input])
        {
            return;
        }

        var type = TypeKeyword(method.NumericType);
        var output = method.Parameters.First(p => p.Kind == ParameterKind.Output);
        var arguments = method.Parameters.Where(p => p.Kind != ParameterKind.Output).Select(p => p.Name).ToList();
        writer.Line();
        writer.Line("/// <summary>");
        writer.Line($"/// Computes {Cref(method)} into {Bare(output.Name)} and its Jacobian with respect to {Bare(input.Name)} into <paramref name=\"jacobian\"/>, row-major: jacobian[r * {Bare(input.Name)}.Length + c] = ∂{Bare(output.Name)}[r]/∂{Bare(input.Name)}[c].");
        writer.Line("/// </summary>");
        WriteParameterDocs(writer, method);
        writer.Line($"/// <param name=\"jacobian\">Receives the {Bare(output.Name)}.Length × {Bare(input.Name)}.Length Jacobian.</param>");
        writer.Line(GeneratedCode);
        writer.Open($"{method.Accessibility} static void {method.Name}Jacobian({string.Join(", ", method.Parameters.Select(p => $"{p.Type} {p.Name}"))}, Span<{type}> jacobian)");
        writer.Open($"if (jacobian.Length != {output.Name}.Length * {input.Name}.Length)");
        writer.Line($"throw new ArgumentException(\"jacobian must have {Bare(output.Name)}.Length × {Bare(input.Name)}.Length elements.\", nameof(jacobian));");
        writer.Close();
        writer.Line();
        writer.Line($"{method.Name}({string.Join(", ", method.Parameters.Select(p => p.Name))});");
        writer.Line($"var rented = {output.Name}.Length > 256 ? ArrayPool<{type}>.Shared.Rent({output.Name}.Length) : null;");
        writer.Line($"var seed = rented is null ? stackalloc {type}[{output.Name}.Length] : rented.AsSpan(0, {output.Name}.Length);");
        writer.Line("seed.Clear();");
        writer.Open($"for (int row = 0; row < {output.Name}.Length; row++)");
        writer.Line("seed[row] = 1;");
        writer.Line($"{method.Name}Backward({string.Join(", ", arguments)}, seed, jacobian.Slice(row * {input.Name}.Length, {input.Name}.Length));");
        writer.Line("seed[row] = 0;");
        writer.Close();
        writer.Open("if (rented is not null)");
        writer.Line($"ArrayPool<{type}>.Shared.Return(rented);");
        writer.Close();
        writer.Close();
    }
}
