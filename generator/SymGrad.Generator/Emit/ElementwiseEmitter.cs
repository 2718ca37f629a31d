using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using SymGrad.Generator.Model;
using SymGrad.Generator.Optimization;
using SymGrad.Generator.Symbolic;

namespace SymGrad.Generator.Emit;

/// <summary>
/// Writes the elementwise span forms of a scalar function of one differentiable parameter (an
/// activation): <c>M(ReadOnlySpan&lt;T&gt; x, Span&lt;T&gt; result)</c>,
/// <c>MDerivative(ReadOnlySpan&lt;T&gt; x, Span&lt;T&gt; derivative)</c> and
/// <c>MBackward(ReadOnlySpan&lt;T&gt; x, ReadOnlySpan&lt;T&gt; gradOutput, Span&lt;T&gt; gradInput)</c> and, for a
/// layer's forward and backward pass in one read of its inputs,
/// <c>MForwardBackward(ReadOnlySpan&lt;T&gt; x, ReadOnlySpan&lt;T&gt; gradOutput, Span&lt;T&gt; result, Span&lt;T&gt; gradInput)</c>;
/// the other parameters are passed through as scalars.
/// </summary>
/// <remarks>
/// Each form runs a <c>Vector512</c> loop where the hardware accelerates it, then a <c>Vector256</c> loop,
/// then a scalar tail over the last few elements. The vector loops compute the very scalar code of
/// <c>MDerivative</c> (and of the value, after stable forms and sharing), rewritten lane by lane by
/// <see cref="VectorExpressions"/>; where that code has no vector form, the span form is a plain loop over
/// the scalar code. The loops live in <c>NoInlining</c> methods: inlined into a small caller, a large
/// vector loop makes the caller slower.
/// </remarks>
internal sealed class ElementwiseEmitter
{
    private static readonly string[] OutputNames = ["result", "derivative", "gradOutput", "gradInput"];

    private readonly MethodModel method;
    private readonly ParameterModel input;
    private readonly Kernel value;
    private readonly Kernel derivative;
    private readonly Kernel fused;
    private readonly HashSet<string> identifiers;

    private ElementwiseEmitter(MethodModel method, ParameterModel input, Kernel value, Kernel derivative, Kernel fused, HashSet<string> identifiers)
    {
        this.method = method;
        this.input = input;
        this.value = value;
        this.derivative = derivative;
        this.fused = fused;
        this.identifiers = identifiers;
    }

    /// <summary>The namespaces the span forms need beyond <c>System</c>.</summary>
    public IEnumerable<string> Usings
    {
        get
        {
            yield return "System.Runtime.CompilerServices";
            if (value.IsVectorized || derivative.IsVectorized || fused.IsVectorized)
            {
                yield return "System.Runtime.InteropServices";
                yield return "System.Runtime.Intrinsics";
            }

            if (value.UsesVectorMath || derivative.UsesVectorMath || fused.UsesVectorMath
                || value.ScalarUsesVectorMath || derivative.ScalarUsesVectorMath || fused.ScalarUsesVectorMath)
            {
                yield return "SymGrad";
            }
        }
    }

    private string Type => method.NumericType == NumericType.Float ? "float" : "double";

    private string X => input.Name;

    /// <summary>
    /// The span forms of <paramref name="method"/>, or null when it has none: it must take scalars (and ints) only,
    /// exactly one of them differentiable, and no parameter may be named like an output of the span forms.
    /// </summary>
    public static ElementwiseEmitter? Plan(MethodModel method, Expr value, IReadOnlyList<Expr> gradient, CancellationToken cancellationToken)
    {
        var differentiable = method.Parameters.Where(p => p.IsDifferentiable).ToList();
        if (differentiable.Count != 1
            || differentiable[0].Kind != ParameterKind.Scalar
            || method.Parameters.Any(p => p.Kind is not (ParameterKind.Scalar or ParameterKind.Int))
            || method.Parameters.Any(p => OutputNames.Contains(Bare(p.Name))))
        {
            return null;
        }

        var kernels = new[]
        {
            Kernel.Create(method, [value], cancellationToken),
            Kernel.Create(method, [gradient[0]], cancellationToken),
            Kernel.Create(method, [value, gradient[0]], cancellationToken),
        };
        var identifiers = new HashSet<string>(
            method.Parameters.Select(p => Bare(p.Name))
                .Concat(OutputNames)
                .Concat(kernels.SelectMany(k => VectorExpressions.Identifiers(k.Statements.Concat(k.Results)))),
            StringComparer.Ordinal);
        foreach (var kernel in kernels)
        {
            kernel.Vectorize(method, identifiers);
        }

        return new ElementwiseEmitter(method, differentiable[0], kernels[0], kernels[1], kernels[2], identifiers);
    }

    public void Write(SourceWriter writer)
    {
        WriteValue(writer);
        WriteDerivative(writer);
        WriteBackward(writer);
        WriteForwardBackward(writer);
    }

    private void WriteValue(SourceWriter writer)
    {
        var x = Bare(X);
        var names = new Names(identifiers);
        var scalar = names.Take("Value");
        writer.Line();
        writer.Line("/// <summary>");
        writer.Line($"/// Computes {Cref()} for each element of <paramref name=\"{x}\"/>.");
        writer.Line("/// </summary>");
        writer.Line("/// <remarks>");
        writer.Line("/// <code>");
        writer.Line($"/// result[i] = {Xml(Call(ElementOf(x)))}");
        writer.Line($"/// {Xml(Signature())} = {Xml(MathPrinter.Print(value.Root))}");
        writer.Line("/// </code>");
        WriteStrategy(writer, value, "result", [x]);
        writer.Line("/// </remarks>");
        WriteParameterDocs(writer);
        writer.Line($"/// <param name=\"result\">Receives {Xml(Call(ElementOf(x)))} for every i; must have the length of {x}.</param>");
        WriteException(writer, "result", [x]);
        WriteAttributes(writer);
        writer.Open($"{method.Accessibility} static void {method.Name}({SpanParameters("result")})");
        WriteChecks(writer, names, [("result", [X])]);
        WriteLoops(
            writer,
            names,
            value,
            names.Take("Value512"),
            names.Take("Value256"),
            ["result"],
            (kernel, width, load) => $"{kernel}({KernelArguments(width, load)}).StoreUnsafe(ref {{result}}, (nuint){{i}})",
            i => $"result[{i}] = {scalar}({ScalarArguments(i)})");
        writer.Line();
        WriteScalarFunction(writer, scalar, value);
        writer.Close();
    }

    private void WriteDerivative(SourceWriter writer)
    {
        var x = Bare(X);
        var names = new Names(identifiers);
        writer.Line();
        writer.Line("/// <summary>");
        writer.Line($"/// Computes d{method.Name}/d{x}, the derivative of {Cref()} with respect to {x}, for each element of <paramref name=\"{x}\"/>.");
        writer.Line("/// </summary>");
        writer.Line("/// <remarks>");
        writer.Line("/// <code>");
        writer.Line($"/// derivative[i] = d/d{x} {Xml(Call(ElementOf(x)))}");
        writer.Line($"/// d/d{x} {Xml(Signature())} = {Xml(DerivativeDocs.Describe(value.Root, derivative.Root))}");
        writer.Line("/// </code>");
        WriteStrategy(writer, derivative, "derivative", [x]);
        writer.Line("/// </remarks>");
        WriteParameterDocs(writer);
        writer.Line($"/// <param name=\"derivative\">Receives d{method.Name}/d{x} at {x}[i] for every i; must have the length of {x}.</param>");
        WriteException(writer, "derivative", [x]);
        WriteAttributes(writer);
        writer.Open($"{method.Accessibility} static void {method.Name}Derivative({SpanParameters("derivative")})");
        WriteChecks(writer, names, [("derivative", [X])]);
        WriteLoops(
            writer,
            names,
            derivative,
            names.Take("Derivative512"),
            names.Take("Derivative256"),
            ["derivative"],
            (kernel, width, load) => $"{kernel}({KernelArguments(width, load)}).StoreUnsafe(ref {{derivative}}, (nuint){{i}})",
            i => $"derivative[{i}] = {method.Name}Derivative({ScalarArguments(i)})");
        writer.Close();
    }

    private void WriteBackward(SourceWriter writer)
    {
        var x = Bare(X);
        var names = new Names(identifiers);
        writer.Line();
        writer.Line("/// <summary>");
        writer.Line($"/// Backpropagates through {Cref()} applied to each element of <paramref name=\"{x}\"/>: multiplies each");
        writer.Line($"/// element of <paramref name=\"gradOutput\"/> by d{method.Name}/d{x} at the matching element of <paramref name=\"{x}\"/>.");
        writer.Line("/// </summary>");
        writer.Line("/// <remarks>");
        writer.Line("/// <code>");
        writer.Line($"/// gradInput[i] = gradOutput[i]·d/d{x} {Xml(Call(ElementOf(x)))}");
        writer.Line($"/// d/d{x} {Xml(Signature())} = {Xml(DerivativeDocs.Describe(value.Root, derivative.Root))}");
        writer.Line("/// </code>");
        WriteStrategy(writer, derivative, "gradInput", [x, "gradOutput"]);
        writer.Line("/// </remarks>");
        WriteParameterDocs(writer);
        writer.Line($"/// <param name=\"gradOutput\">The gradient of the loss with respect to each {Xml(Call(ElementOf(x)))}; must have the length of {x}.</param>");
        writer.Line($"/// <param name=\"gradInput\">Receives the gradient of the loss with respect to each {x}[i]; must have the length of {x}.</param>");
        WriteException(writer, "gradOutput or gradInput", [x, "gradOutput"]);
        WriteAttributes(writer);
        writer.Open($"{method.Accessibility} static void {method.Name}Backward({SpanParameters("gradOutput", "gradInput")})");
        WriteChecks(writer, names, [("gradOutput", []), ("gradInput", [X, "gradOutput"])]);
        WriteLoops(
            writer,
            names,
            derivative,
            names.Take("Derivative512"),
            names.Take("Derivative256"),
            ["gradOutput", "gradInput"],
            (kernel, width, load) => $"({load("gradOutput")} * {kernel}({KernelArguments(width, load)})).StoreUnsafe(ref {{gradInput}}, (nuint){{i}})",
            i => $"gradInput[{i}] = gradOutput[{i}] * {method.Name}Derivative({ScalarArguments(i)})");
        writer.Close();
    }

    private void WriteForwardBackward(SourceWriter writer)
    {
        var x = Bare(X);
        var names = new Names(identifiers);
        var scalar = names.Take("ValueAndDerivative");
        var slope = names.Take("slope");
        var grad = names.Take("grad");
        writer.Line();
        writer.Line("/// <summary>");
        writer.Line($"/// The forward and backward pass of {Cref()} applied to each element of <paramref name=\"{x}\"/>, in one pass:");
        writer.Line($"/// computes each value and multiplies each element of <paramref name=\"gradOutput\"/> by d{method.Name}/d{x} there.");
        writer.Line("/// </summary>");
        writer.Line("/// <remarks>");
        writer.Line("/// <code>");
        writer.Line($"/// result[i] = {Xml(Call(ElementOf(x)))}");
        writer.Line($"/// gradInput[i] = gradOutput[i]·d/d{x} {Xml(Call(ElementOf(x)))}");
        writer.Line($"/// d/d{x} {Xml(Signature())} = {Xml(DerivativeDocs.Describe(value.Root, derivative.Root))}");
        writer.Line("/// </code>");
        WriteStrategy(writer, fused, "result", [x, "gradOutput"]);
        writer.Line("/// Each element costs what the value alone costs, plus the few operations the derivative adds to it: what");
        writer.Line($"/// the two have in common is computed once, and <paramref name=\"{x}\"/> and <paramref name=\"gradOutput\"/> are read once.");
        writer.Line("/// </remarks>");
        WriteParameterDocs(writer);
        writer.Line($"/// <param name=\"gradOutput\">The gradient of the loss with respect to each {Xml(Call(ElementOf(x)))}; must have the length of {x}.</param>");
        writer.Line($"/// <param name=\"result\">Receives {Xml(Call(ElementOf(x)))} for every i; must have the length of {x}.</param>");
        writer.Line($"/// <param name=\"gradInput\">Receives the gradient of the loss with respect to each {x}[i]; must have the length of {x}.</param>");
        writer.Line($"/// <exception cref=\"ArgumentException\">gradOutput, result or gradInput does not have the length of {x}, an output partially overlaps an input, or result overlaps gradInput.</exception>");
        WriteAttributes(writer);
        writer.Open($"{method.Accessibility} static void {method.Name}ForwardBackward({SpanParameters("gradOutput", "result", "gradInput")})");
        WriteChecks(writer, names, [("gradOutput", []), ("result", [X, "gradOutput"]), ("gradInput", [X, "gradOutput"])]);
        writer.Open("if (result.Overlaps(gradInput))");
        writer.Line("throw new ArgumentException(\"result and gradInput must not overlap.\", nameof(gradInput));");
        writer.Close();
        writer.Line();

        // Both inputs are read before either output is written, so each output may be either input itself.
        WriteLoops(
            writer,
            names,
            fused,
            names.Take("ForwardBackward512"),
            names.Take("ForwardBackward256"),
            ["gradOutput", "result", "gradInput"],
            (kernel, width, load) => $"{kernel}({KernelArguments(width, load)}, {load("gradOutput")}, out var {grad}).StoreUnsafe(ref {{result}}, (nuint){{i}})\n"
                + $"{grad}.StoreUnsafe(ref {{gradInput}}, (nuint){{i}})",
            i => $"var {grad} = gradOutput[{i}];\nresult[{i}] = {scalar}({ScalarArguments(i)}, out var {slope})\ngradInput[{i}] = {grad} * {slope}");
        writer.Line();
        WriteScalarFunction(writer, scalar, fused);
        writer.Close();
    }

    /// <summary>
    /// Writes the vector loops (when the kernel is vectorized) or the plain loop. <paramref name="vectorStep"/> gets the
    /// kernel's name, the vector width and a function that writes the load of a span at the loop counter; <c>{name}</c> in its text
    /// stands for the reference to element 0 of the span <c>name</c> and <c>{i}</c> for the counter. Both steps are statements
    /// without their semicolons, one per line.
    /// </summary>
    private void WriteLoops(
        SourceWriter writer,
        Names names,
        Kernel kernel,
        string kernel512,
        string kernel256,
        IReadOnlyList<string> spans,
        Func<string, string, Func<string, string>, string> vectorStep,
        Func<string, string> scalarStep)
    {
        var i = names.Take("i");
        if (!kernel.IsVectorized)
        {
            writer.Open($"for (var {i} = 0; {i} < {X}.Length; {i}++)");
            WriteStatements(writer, scalarStep(i));
            writer.Close();
            return;
        }

        var references = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var span in new[] { X }.Concat(spans))
        {
            references[span] = names.Take(Bare(span) + "0");
            writer.Line($"ref var {references[span]} = ref MemoryMarshal.GetReference({span});");
        }

        writer.Line($"var {i} = 0;");
        foreach (var (width, name) in new[] { ("Vector512", kernel512), ("Vector256", kernel256) })
        {
            var count = $"{width}<{Type}>.Count";
            string Load(string span) => $"{width}.LoadUnsafe(ref {references[span]}, (nuint){i})";
            var step = vectorStep(name, width, Load).Replace("{i}", i);
            foreach (var reference in references)
            {
                step = step.Replace("{" + reference.Key + "}", reference.Value);
            }

            writer.Open($"if ({width}.IsHardwareAccelerated)");
            writer.Open($"for (; {i} <= {X}.Length - {count}; {i} += {count})");
            WriteStatements(writer, step);
            writer.Close();
            writer.Close();
            writer.Line();
        }

        writer.Open($"for (; {i} < {X}.Length; {i}++)");
        WriteStatements(writer, scalarStep(i));
        writer.Close();
        foreach (var (width, name) in new[] { ("Vector512", kernel512), ("Vector256", kernel256) })
        {
            writer.Line();
            WriteKernel(writer, kernel, width, name);
        }
    }

    private static void WriteStatements(SourceWriter writer, string statements)
    {
        foreach (var statement in statements.Split('\n'))
        {
            writer.Line(statement.EndsWith(";", StringComparison.Ordinal) ? statement : statement + ";");
        }
    }

    /// <summary>
    /// The vector form of a kernel as a local function. A kernel of the value and the derivative also takes the incoming
    /// gradient and returns the value, with the outgoing gradient in an <c>out</c> parameter.
    /// </summary>
    private void WriteKernel(SourceWriter writer, Kernel kernel, string width, string name)
    {
        var vector = $"{width}<{Type}>";
        var translation = kernel.Translations[width];
        var parameters = VectorParameters().Select(p => $"{vector} {p.Name}").ToList();
        var names = new Names(new HashSet<string>(method.Parameters.Select(p => Bare(p.Name)).Concat(VectorExpressions.Identifiers(translation.Lines.Concat(translation.Results))), StringComparer.Ordinal));
        var (gradOutput, gradInput) = (names.Take("gradOutput"), names.Take("gradInput"));
        if (translation.Results.Count == 2)
        {
            parameters.Add($"{vector} {gradOutput}");
            parameters.Add($"out {vector} {gradInput}");
        }

        writer.Line("[MethodImpl(MethodImplOptions.AggressiveInlining)]");
        writer.Open($"static {vector} {name}({string.Join(", ", parameters)})");
        foreach (var line in translation.Lines)
        {
            writer.Line(line);
        }

        if (translation.Results.Count == 2)
        {
            var slope = translation.Results[1];
            writer.Line($"{gradInput} = {gradOutput} * {(slope.IndexOf(' ') < 0 ? slope : "(" + slope + ")")};");
        }

        writer.Line($"return {translation.Results[0]};");
        writer.Close();
    }

    /// <summary>The scalar code of a kernel as a local function; one of the value and the derivative returns the value and puts the derivative in an <c>out</c> parameter.</summary>
    private void WriteScalarFunction(SourceWriter writer, string name, Kernel kernel)
    {
        var parameters = method.Parameters.Select(p => $"{p.Type} {p.Name}").ToList();
        var slope = new Names(new HashSet<string>(method.Parameters.Select(p => Bare(p.Name)).Concat(VectorExpressions.Identifiers(kernel.Statements.Concat(kernel.Results))), StringComparer.Ordinal)).Take("derivative");
        if (kernel.Results.Count == 2)
        {
            parameters.Add($"out {Type} {slope}");
        }

        writer.Open($"static {Type} {name}({string.Join(", ", parameters)})");
        foreach (var statement in kernel.Statements)
        {
            foreach (var line in statement.Split('\n'))
            {
                writer.Line(line);
            }
        }

        if (kernel.Results.Count == 2)
        {
            writer.Line($"{slope} = {kernel.Results[1]};");
        }

        writer.Line($"return {kernel.Results[0]};");
        writer.Close();
    }

    /// <summary>Length checks, then overlap checks: each output may be one of its inputs itself, never a shifted view of it.</summary>
    private void WriteChecks(SourceWriter writer, Names names, IReadOnlyList<(string Span, string[] Inputs)> checks)
    {
        foreach (var (span, _) in checks)
        {
            writer.Open($"if ({span}.Length != {X}.Length)");
            writer.Line($"throw new ArgumentException(\"{span} must have the length of {Bare(X)}.\", nameof({span}));");
            writer.Close();
            writer.Line();
        }

        var offset = names.Take("offset");
        foreach (var (span, inputs) in checks)
        {
            foreach (var other in inputs)
            {
                writer.Open($"if ({other}.Overlaps({span}, out var {offset}) && {offset} != 0)");
                writer.Line($"throw new ArgumentException(\"{span} must not overlap {Bare(other)} unless it is {Bare(other)} itself.\", nameof({span}));");
                writer.Close();
                writer.Line();
                offset = names.Take("offset");
            }
        }
    }

    private void WriteStrategy(SourceWriter writer, Kernel kernel, string output, IReadOnlyList<string> inputs)
    {
        var inPlace = string.Join(" or ", inputs.Select(s => $"<paramref name=\"{s}\"/>"));
        writer.Line("/// <para>");
        if (!kernel.IsVectorized)
        {
            writer.Line($"/// Not vectorized, because {Xml(kernel.Obstacle!)}: a loop over the scalar code.");
        }
        else if (kernel.UsesVectorMath)
        {
            writer.Line("/// Vectorized with <c>Vector512</c> where the hardware accelerates it, then <c>Vector256</c>, then the scalar code for");
            writer.Line("/// the last few elements. Each lane does the scalar code's arithmetic in the same order, except that exp, log and");
            writer.Line($"/// tanh come from <see cref=\"VectorMath\"/> instead of {(method.NumericType == NumericType.Float ? "MathF" : "Math")}: as accurate, but they may round the last bit differently.");
        }
        else
        {
            writer.Line("/// Vectorized with <c>Vector512</c> where the hardware accelerates it, then <c>Vector256</c>, then the scalar code for");
            writer.Line("/// the last few elements. Each lane does the scalar code's arithmetic in the same order, so the results are identical.");
        }

        writer.Line($"/// <paramref name=\"{output}\"/> may be {inPlace} itself, for an update in place. Allocates nothing.");
        writer.Line("/// </para>");
    }

    private void WriteParameterDocs(SourceWriter writer)
    {
        foreach (var p in method.Parameters)
        {
            writer.Line(p == input
                ? $"/// <param name=\"{Bare(p.Name)}\">The values of {Bare(p.Name)}.</param>"
                : $"/// <param name=\"{Bare(p.Name)}\">The {Bare(p.Name)} argument of {Cref()}, the same for every element.</param>");
        }
    }

    private static void WriteException(SourceWriter writer, string outputs, IReadOnlyList<string> inputs) =>
        writer.Line($"/// <exception cref=\"ArgumentException\">{Xml(outputs)} does not have the length of {inputs[0]}, or an output partially overlaps an input.</exception>");

    private static void WriteAttributes(SourceWriter writer)
    {
        writer.Line(DerivativeEmitter.GeneratedCode);
        writer.Line("[MethodImpl(MethodImplOptions.NoInlining)]");
    }

    private string SpanParameters(params string[] after)
    {
        var parameters = method.Parameters.Select(p => p == input ? $"ReadOnlySpan<{Type}> {p.Name}" : $"{p.Type} {p.Name}").ToList();
        foreach (var name in after)
        {
            parameters.Add($"{(name == "gradOutput" ? "ReadOnlySpan" : "Span")}<{Type}> {name}");
        }

        return string.Join(", ", parameters);
    }

    private IEnumerable<ParameterModel> VectorParameters() => method.Parameters.Where(p => p.Kind == ParameterKind.Scalar);

    private string KernelArguments(string width, Func<string, string> load) =>
        string.Join(", ", VectorParameters().Select(p => p == input ? load(X) : $"{width}.Create({p.Name})"));

    private string ScalarArguments(string i) => string.Join(", ", method.Parameters.Select(p => p == input ? $"{X}[{i}]" : p.Name));

    private string ElementOf(string x) => x + "[i]";

    private string Call(string argument) =>
        $"{method.Name}({string.Join(", ", method.Parameters.Select(p => p == input ? argument : Bare(p.Name)))})";

    private string Cref() => $"<see cref=\"{method.Name}({string.Join(", ", method.Parameters.Select(p => p.Type))})\"/>";

    private string Signature() => $"{method.Name}({string.Join(", ", method.Parameters.Select(p => Bare(p.Name)))})";

    private static string Bare(string name) => name.TrimStart('@');

    private static string Xml(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    /// <summary>
    /// One computation (the value, the derivative, or both at once): its scalar code as the scalar members write it, and
    /// its vector forms.
    /// </summary>
    private sealed class Kernel
    {
        private Kernel(Expr root, IReadOnlyList<string> statements, IReadOnlyList<string> results, bool scalarUsesVectorMath)
        {
            Root = root;
            Statements = statements;
            Results = results;
            ScalarUsesVectorMath = scalarUsesVectorMath;
        }

        /// <summary>The IR of the first result before stable forms, for the docs.</summary>
        public Expr Root { get; }

        public IReadOnlyList<string> Statements { get; }

        public IReadOnlyList<string> Results { get; }

        public Dictionary<string, VectorExpressions> Translations { get; } = new(StringComparer.Ordinal);

        public bool IsVectorized => Translations.Count > 0 && Translations.Values.All(t => t.Obstacle is null);

        public bool UsesVectorMath => IsVectorized && Translations.Values.Any(t => t.UsesVectorMath);

        /// <summary>Whether the scalar code itself calls <c>SymGrad.VectorMath</c> (log1p).</summary>
        public bool ScalarUsesVectorMath { get; }

        public string? Obstacle => Translations.Values.Select(t => t.Obstacle).FirstOrDefault(o => o is not null);

        /// <summary>The scalar code of <paramref name="results"/>, written exactly as <c>MDerivative</c> writes its body, sharing what they have in common.</summary>
        public static Kernel Create(MethodModel method, IReadOnlyList<Expr> results, CancellationToken cancellationToken)
        {
            var hints = new Dictionary<Expr, string>();
            var roots = StableForms.Expand(results, hints, cancellationToken);
            var code = new CSharpExpressions(
                method.NumericType,
                method.FullyQualifiedType,
                SharedValues.Find(roots),
                hints,
                method.Parameters.Select(p => p.Name),
                roots);
            var written = roots.Select(code.Write).ToList();
            return new Kernel(results[0], code.Statements.ToList(), written, code.UsesVectorMath);
        }

        public void Vectorize(MethodModel method, HashSet<string> identifiers)
        {
            var parameters = method.Parameters.Where(p => p.Kind == ParameterKind.Scalar).Select(p => p.Name).ToList();
            foreach (var width in new[] { "Vector512", "Vector256" })
            {
                Translations[width] = VectorExpressions.Translate(width, method.NumericType, Statements, Results, parameters, identifiers);
            }
        }
    }

    /// <summary>Picks names for generated locals that no parameter, local or called method already uses.</summary>
    private sealed class Names(HashSet<string> taken)
    {
        private readonly HashSet<string> used = new(taken, StringComparer.Ordinal);

        public string Take(string hint)
        {
            var name = hint;
            for (var k = 1; !used.Add(name) || Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(name) != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None; k++)
            {
                name = hint + k.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return name;
        }
    }
}
