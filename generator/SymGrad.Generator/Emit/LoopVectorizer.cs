using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Emit;

/// <summary>What an identifier outside a loop holds, as far as the loop vectorizer needs to know.</summary>
internal enum ValueKind
{
    /// <summary>Not a name the emitter declared: the loop is left scalar.</summary>
    Unknown,

    /// <summary>A <c>float</c> or <c>double</c> value.</summary>
    Number,

    /// <summary>An <c>int</c>.</summary>
    Integer,

    /// <summary>A <c>bool</c>.</summary>
    Condition,

    /// <summary>A <c>Span</c> of the method's numeric type: a buffer or a gradient output.</summary>
    Span,

    /// <summary>A span or array parameter of the method's numeric type, which is only read.</summary>
    Input,
}

/// <summary>
/// Rewrites an innermost loop of the scalar code <see cref="CSharpExpressions"/> writes as a <c>Vector512</c> loop, then a
/// <c>Vector256</c> loop, then the scalar loop for the last elements, when every statement of its body is one of
/// <list type="bullet">
/// <item><c>var u = …;</c>, a local of the body;</item>
/// <item><c>sum += …;</c>, a sum over the loop (one vector of partial sums, added up after the loop);</item>
/// <item><c>max = Math.Max(max, …);</c> or <c>Min</c>, a reduction over the loop;</item>
/// <item><c>a[k] = …;</c> or <c>a[k] += …;</c> with <c>k</c> the counter plus something the loop does not change;</item>
/// </list>
/// and every element it reads is at such a position, or at one the loop does not change. Values the loop does not change
/// are broadcast once, before the vector loop. Anything else (a branch, a call, a read at a position that moves by more
/// than one per iteration, a class index) leaves the loop as it is.
/// </summary>
/// <remarks>
/// The vector loops compute each element with the scalar code's operations in the scalar code's order (exp, log and
/// tanh from <c>SymGrad.VectorMath</c>), so elementwise results match the scalar loop within the ulp or so those
/// functions may differ by; sums are added in another order, so they match within rounding. A conditional's two
/// branches are both evaluated and blended, so the vectorizer refuses a loop that reads an element inside one.
/// </remarks>
internal sealed class LoopVectorizer
{
    private static readonly (string Width, string Count)[] Widths = [("Vector512", "Vector512<{0}>.Count"), ("Vector256", "Vector256<{0}>.Count")];

    private readonly string counter;
    private readonly NumericType type;
    private readonly Func<string, ValueKind> kindOf;
    private readonly HashSet<string> usedNames;
    private readonly HashSet<string> vectors = new(StringComparer.Ordinal);
    private readonly HashSet<string> indices = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> references = new(StringComparer.Ordinal);
    private readonly HashSet<string> stored = new(StringComparer.Ordinal);
    private readonly HashSet<string> inexact = new(StringComparer.Ordinal);
    private readonly List<Step> steps = new();

    private LoopVectorizer(string counter, NumericType type, Func<string, ValueKind> kindOf, HashSet<string> usedNames)
    {
        this.counter = counter;
        this.type = type;
        this.kindOf = kindOf;
        this.usedNames = usedNames;
    }

    private string Element => type == NumericType.Float ? "float" : "double";

    private string MathClass => type == NumericType.Float ? "MathF" : "Math";

    /// <summary>
    /// The vectorized loop over <paramref name="counter"/> from <paramref name="start"/> to <paramref name="end"/> with
    /// <paramref name="statements"/> as its body, or null when the body has no vector form. Names it declares are
    /// taken from <paramref name="usedNames"/> for good; <paramref name="usesVectorMath"/> says whether it calls
    /// <c>SymGrad.VectorMath</c>.
    /// </summary>
    public static string? Vectorize(
        string counter,
        string start,
        string end,
        IReadOnlyList<string> statements,
        NumericType type,
        Func<string, ValueKind> kindOf,
        HashSet<string> usedNames,
        out bool usesVectorMath)
    {
        usesVectorMath = false;
        if (Guarded(statements, counter) is var (condition, body))
        {
            // Only locals besides one guarded statement: the guard holds for the whole loop or for none of it.
            var loop = Vectorize(counter, start, end, body, type, kindOf, usedNames, out usesVectorMath);
            return loop is null ? null : $"if ({condition})\n{{\n{string.Join("\n", loop.Split('\n').Select(line => "    " + line))}\n}}";
        }

        var vectorizer = new LoopVectorizer(counter, type, kindOf, usedNames);
        try
        {
            return vectorizer.Analyze(statements) ? vectorizer.Write(start, end, statements, out usesVectorMath) : null;
        }
        catch (VectorExpressions.NotVectorizableException)
        {
            return null;
        }
    }

    /// <summary>
    /// The condition and the statements without it, when the body is local declarations and one <c>if (c) { s; }</c>
    /// whose condition names no local of the body and not the counter.
    /// </summary>
    private static (string Condition, IReadOnlyList<string> Body)? Guarded(IReadOnlyList<string> statements, string counter)
    {
        var guarded = statements.Where(s => s.StartsWith("if (", StringComparison.Ordinal)).ToList();
        if (guarded.Count != 1 || SyntaxFactory.ParseStatement(guarded[0]) is not IfStatementSyntax { Else: null, Statement: BlockSyntax { Statements: [var inner] } } branch
            || branch.ToFullString().Length != guarded[0].Length)
        {
            return null;
        }

        var locals = statements.Where(s => !ReferenceEquals(s, guarded[0])).Select(s => SyntaxFactory.ParseStatement(s)).ToList();
        if (locals.Any(l => l is not LocalDeclarationStatementSyntax || l.ContainsDiagnostics))
        {
            return null;
        }

        var names = new HashSet<string>(
            locals.SelectMany(l => ((LocalDeclarationStatementSyntax)l).Declaration.Variables).Select(v => v.Identifier.ValueText).Append(counter),
            StringComparer.Ordinal);
        if (branch.Condition.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(n => names.Contains(n.Identifier.ValueText)))
        {
            return null;
        }

        return (branch.Condition.ToString(), statements.Select(s => ReferenceEquals(s, guarded[0]) ? inner.ToString() : s).ToList());
    }

    private bool Analyze(IReadOnlyList<string> statements)
    {
        foreach (var text in statements)
        {
            if (text.IndexOf('\n') >= 0)
            {
                if (!GuardedWrite(text))
                {
                    return false;
                }

                continue;
            }

            var statement = SyntaxFactory.ParseStatement(text);
            if (statement.ContainsDiagnostics || statement.FullSpan.Length != text.Length)
            {
                return false;
            }

            switch (statement)
            {
                case LocalDeclarationStatementSyntax { Declaration: { Variables: [{ Initializer: { } initializer } variable] } }:
                    {
                        var name = variable.Identifier.ValueText;
                        var value = initializer.Value;
                        if (IsContiguous(value))
                        {
                            indices.Add(name);
                            steps.Add(new Step(StepKind.Index, name, null, value));
                        }
                        else if (!IsInvariant(value))
                        {
                            if (IsInexact(value))
                            {
                                inexact.Add(name);
                            }

                            vectors.Add(name);
                            steps.Add(new Step(StepKind.Local, name, null, value));
                        }
                        else
                        {
                            return false;
                        }

                        break;
                    }

                case ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax assignment }:
                    if (!Assignment(assignment))
                    {
                        return false;
                    }

                    break;
                default:
                    return false;
            }
        }

        return steps.Any(s => s.Kind is StepKind.Sum or StepKind.Max or StepKind.Min or StepKind.Store or StepKind.Add)
            && steps.All(IsSafe);
    }

    /// <summary>
    /// Whether the vector code may round <paramref name="e"/> differently from the scalar code: it takes exp, log or
    /// tanh (from VectorMath instead of Math) or log1p (whose float vector and scalar kernels part ways outside
    /// [−0.5, 1]), directly or through a local.
    /// </summary>
    private bool IsInexact(ExpressionSyntax e) =>
        e.DescendantNodesAndSelf().Any(n => n switch
        {
            InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Exp" or "Log" or "Tanh" or "Log1P" } } => true,
            IdentifierNameSyntax name => inexact.Contains(name.Identifier.ValueText),
            _ => false,
        });

    /// <summary>
    /// <c>if (c) { a[k] += v; }</c> (or <c>=</c>) with k contiguous and v reading no element: each lane keeps its old
    /// value where c fails, so the vector code writes exactly what the scalar code writes (relu's bias gradient).
    /// </summary>
    private bool GuardedWrite(string text)
    {
        if (SyntaxFactory.ParseStatement(text) is not IfStatementSyntax { Else: null, Statement: BlockSyntax { Statements: [ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax assignment }] } } branch
            || branch.ContainsDiagnostics || branch.FullSpan.Length != text.Length || !IsCondition(branch.Condition) || IsInexact(branch.Condition)
            || assignment.Right.DescendantNodesAndSelf().OfType<ElementAccessExpressionSyntax>().Any()
            || !Assignment(assignment) || steps[steps.Count - 1].Kind is not (StepKind.Store or StepKind.Add))
        {
            return false;
        }

        steps[steps.Count - 1] = steps[steps.Count - 1] with { Guard = branch.Condition };
        return true;
    }

    private bool Assignment(AssignmentExpressionSyntax assignment)
    {
        switch (assignment.Left)
        {
            case ElementAccessExpressionSyntax { Expression: IdentifierNameSyntax target, ArgumentList.Arguments: [var index] }
                when kindOf(target.Identifier.ValueText) == ValueKind.Span && IsContiguous(index.Expression):
                {
                    var add = assignment.IsKind(SyntaxKind.AddAssignmentExpression);
                    if (!add && !assignment.IsKind(SyntaxKind.SimpleAssignmentExpression))
                    {
                        return false;
                    }

                    stored.Add(target.Identifier.ValueText);
                    steps.Add(new Step(add ? StepKind.Add : StepKind.Store, target.Identifier.ValueText, index.Expression, assignment.Right));
                    return true;
                }

            case IdentifierNameSyntax accumulator when !vectors.Contains(accumulator.Identifier.ValueText) && !indices.Contains(accumulator.Identifier.ValueText):
                {
                    var name = accumulator.Identifier.ValueText;
                    if (assignment.IsKind(SyntaxKind.AddAssignmentExpression))
                    {
                        steps.Add(new Step(StepKind.Sum, name, null, assignment.Right));
                        return true;
                    }

                    if (assignment.IsKind(SyntaxKind.SimpleAssignmentExpression)
                        && assignment.Right is InvocationExpressionSyntax
                        {
                            Expression: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax math, Name.Identifier.ValueText: "Max" or "Min" } member,
                            ArgumentList.Arguments: [{ Expression: IdentifierNameSyntax same }, var value],
                        }
                        && math.Identifier.ValueText == MathClass
                        && same.Identifier.ValueText == name)
                    {
                        steps.Add(new Step(member.Name.Identifier.ValueText == "Max" ? StepKind.Max : StepKind.Min, name, null, value.Expression));
                        return true;
                    }

                    return false;
                }

            default:
                return false;
        }
    }

    /// <summary>
    /// Accumulators appear only in their own statements, stored arrays are read only where they are written, and no
    /// element is read inside a branch of a conditional (the vector code evaluates both branches).
    /// </summary>
    private bool IsSafe(Step step)
    {
        var accumulators = steps.Where(s => s.Kind is StepKind.Sum or StepKind.Max or StepKind.Min).Select(s => s.Target).ToList();
        var identifiers = step.Value.DescendantNodesAndSelf().Concat(step.Guard?.DescendantNodesAndSelf() ?? [])
            .OfType<IdentifierNameSyntax>().Select(n => n.Identifier.ValueText).ToList();
        if (identifiers.Any(accumulators.Contains) || identifiers.Any(stored.Contains))
        {
            return false;
        }

        // An extremum is compared for equality with its elements elsewhere (to share its gradient among ties), by code
        // that may be scalar: the two must compute each element bit for bit alike.
        if ((step.Kind is StepKind.Max or StepKind.Min && IsInexact(step.Value))
            || step.Value.DescendantNodesAndSelf().OfType<BinaryExpressionSyntax>().Any(b =>
                b.Kind() is SyntaxKind.EqualsExpression or SyntaxKind.NotEqualsExpression && IsInexact(b)))
        {
            return false;
        }

        var branches = step.Value.DescendantNodesAndSelf().OfType<ConditionalExpressionSyntax>().SelectMany(c => new[] { c.WhenTrue, c.WhenFalse });
        return !branches.Any(b => b.DescendantNodesAndSelf().OfType<ElementAccessExpressionSyntax>().Any());
    }

    /// <summary>The counter, an index local, or one of those plus (or minus) something the loop does not change.</summary>
    private bool IsContiguous(ExpressionSyntax e) => e switch
    {
        IdentifierNameSyntax name => name.Identifier.ValueText == counter || indices.Contains(name.Identifier.ValueText),
        ParenthesizedExpressionSyntax parenthesized => IsContiguous(parenthesized.Expression),
        BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AddExpression) =>
            (IsContiguous(binary.Left) && IsInvariant(binary.Right) && IsInteger(binary.Right))
            || (IsInvariant(binary.Left) && IsInteger(binary.Left) && IsContiguous(binary.Right)),
        BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.SubtractExpression) =>
            IsContiguous(binary.Left) && IsInvariant(binary.Right) && IsInteger(binary.Right),
        _ => false,
    };

    /// <summary>Whether an invariant expression is certainly an <c>int</c>: whole literals, ints, lengths and their sums and products.</summary>
    private bool IsInteger(ExpressionSyntax e) => e switch
    {
        LiteralExpressionSyntax literal => literal.Token.Value is int,
        IdentifierNameSyntax name => kindOf(name.Identifier.ValueText) == ValueKind.Integer,
        MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax owner, Name.Identifier.ValueText: "Length" } => kindOf(owner.Identifier.ValueText) != ValueKind.Unknown,
        ParenthesizedExpressionSyntax parenthesized => IsInteger(parenthesized.Expression),
        BinaryExpressionSyntax binary when binary.Kind() is SyntaxKind.AddExpression or SyntaxKind.SubtractExpression or SyntaxKind.MultiplyExpression
            or SyntaxKind.DivideExpression or SyntaxKind.ModuloExpression =>
            IsInteger(binary.Left) && IsInteger(binary.Right),
        _ => false,
    };

    /// <summary>Whether the loop leaves <paramref name="e"/> unchanged: it names neither the counter nor a local of the body.</summary>
    private bool IsInvariant(ExpressionSyntax e) =>
        e.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().All(n =>
            n.Identifier.ValueText != counter && !vectors.Contains(n.Identifier.ValueText) && !indices.Contains(n.Identifier.ValueText));

    private string Write(string start, string end, IReadOnlyList<string> statements, out bool usesVectorMath)
    {
        var lines = new List<string> { $"var {counter} = {start};" };
        foreach (var span in steps.SelectMany(s => s.Value.DescendantNodesAndSelf().Concat(s.Guard?.DescendantNodesAndSelf() ?? []).OfType<ElementAccessExpressionSyntax>()
            .Where(a => a.ArgumentList.Arguments.Count == 1 && IsContiguous(a.ArgumentList.Arguments[0].Expression))
            .Select(a => a.Expression.ToString())
            .Concat(s.Kind is StepKind.Store or StepKind.Add ? [s.Target] : [])).Distinct(StringComparer.Ordinal))
        {
            references[span] = Take(usedNames, span + "0");
            var getReference = kindOf(span) switch
            {
                ValueKind.Input => $"MemoryMarshal.GetReference((ReadOnlySpan<{Element}>){span})",
                ValueKind.Span => $"MemoryMarshal.GetReference({span})",
                _ => throw new VectorExpressions.NotVectorizableException($"it reads {span}, which is not a span of {Element}"),
            };
            lines.Add($"ref var {references[span]} = ref {getReference};");
        }

        usesVectorMath = false;
        foreach (var (width, countFormat) in Widths)
        {
            // The narrowest width finishes the loop whenever it has at least one vector's worth of elements in all.
            var last = width == Widths[Widths.Length - 1].Width;
            var count = string.Format(CultureInfo.InvariantCulture, countFormat, Element);
            var block = WriteWidth(width, count, end, overlapTail: last, out var usesMath);
            usesVectorMath |= usesMath;
            var available = !last ? $"{end} - {counter}" : start == "0" ? end : $"{end} - {Parenthesized(start)}";
            lines.Add($"if ({width}.IsHardwareAccelerated && {available} >= {count})");
            lines.Add("{");
            lines.AddRange(block.Select(line => "    " + line));
            lines.Add("}");
        }

        lines.Add($"for (; {counter} < {end}; {counter}++)");
        lines.Add("{");
        lines.AddRange(statements.Select(s => "    " + s));
        lines.Add("}");

        // A block of its own, so that the counter, declared before the loops, cannot clash with a loop elsewhere in the method.
        return "{\n" + string.Join("\n", lines.Select(line => "    " + line)) + "\n}";
    }

    /// <summary>
    /// The vector loop at one width. With <paramref name="overlapTail"/>, elements left over after it (fewer than a vector)
    /// are done by one more vector ending at the last element, overlapping the elements already done: extrema may count
    /// those again, sums, stores and adds leave them out with a lane mask.
    /// </summary>
    private List<string> WriteWidth(string width, string count, string end, bool overlapTail, out bool usesVectorMath)
    {
        var vector = $"{width}<{Element}>";
        var broadcasts = new List<string>();
        var broadcastNames = new Dictionary<string, string>(StringComparer.Ordinal);
        var taken = new HashSet<string>(usedNames, StringComparer.Ordinal);

        string Broadcast(ExpressionSyntax e, bool reciprocal = false, string? hint = null)
        {
            var text = reciprocal ? $"1 / {Parenthesized(e.ToString())}" : e.ToString();
            if (!broadcastNames.TryGetValue(text, out var name))
            {
                name = Take(taken, reciprocal ? "inverse" : hint ?? Hint(e));
                var value = reciprocal ? $"{(type == NumericType.Float ? "1f" : "1.0")} / {Parenthesized(e.ToString())}"
                    : IsNumber(e)
                    ? text
                    : e is ParenthesizedExpressionSyntax or IdentifierNameSyntax or InvocationExpressionSyntax or MemberAccessExpressionSyntax or ElementAccessExpressionSyntax
                        ? $"({Element}){text}"
                        : $"({Element})({text})";
                broadcasts.Add($"var {name} = {width}.Create({value});");
                broadcastNames[text] = name;
            }

            return name;
        }

        string? Special(ExpressionSyntax e, VectorExpressions translation)
        {
            switch (e)
            {
                case ElementAccessExpressionSyntax access when access.ArgumentList.Arguments is [var index] && IsContiguous(index.Expression):
                    return $"{width}.LoadUnsafe(ref {references[access.Expression.ToString()]}, {Position(index.Expression.ToString())})";
                case BinaryExpressionSyntax division when division.IsKind(SyntaxKind.DivideExpression) && IsScaled(division, out var varying, out var factor):
                    // a·x/b: a/b once before the loop, one multiplication per element.
                    return $"{translation.Vector(varying)} * {Broadcast(SyntaxFactory.ParseExpression($"{Parenthesized(factor.ToString())} / {Parenthesized(division.Right.ToString())}"), hint: "scale")}";
                case BinaryExpressionSyntax division when division.IsKind(SyntaxKind.DivideExpression) && !IsInvariant(division.Left)
                    && IsInvariant(division.Right) && KnownNumbers(division.Right) && !IsCondition(division.Right):
                    // One division before the loop, a multiplication per element (within an ulp of dividing each).
                    return $"{translation.Vector(division.Left)} * {Broadcast(division.Right, reciprocal: true)}";
                case ConditionalExpressionSyntax conditional when IsInvariant(conditional.Condition):
                    return $"({conditional.Condition} ? {translation.Vector(conditional.WhenTrue)} : {translation.Vector(conditional.WhenFalse)})";
                case IdentifierNameSyntax name when name.Identifier.ValueText == counter || indices.Contains(name.Identifier.ValueText):
                    throw new VectorExpressions.NotVectorizableException("it computes with the loop counter");
                case LiteralExpressionSyntax or PrefixUnaryExpressionSyntax { Operand: LiteralExpressionSyntax }:
                case MemberAccessExpressionSyntax { Expression: PredefinedTypeSyntax }:
                    return null;
                case IdentifierNameSyntax name when vectors.Contains(name.Identifier.ValueText):
                    return null;
                case var _ when IsInvariant(e) && IsCondition(e):
                    return $"({e} ? {vector}.AllBitsSet : {vector}.Zero)";
                case var _ when IsInvariant(e):
                    return KnownNumbers(e) ? Broadcast(e) : throw new VectorExpressions.NotVectorizableException($"it uses {e}");
                default:
                    return null;
            }
        }

        var translation = VectorExpressions.ForLoop(width, type, taken, Special);
        var body = new List<string>();
        var tail = new List<string>();
        var fresh = Take(taken, "fresh");
        var accumulators = new Dictionary<string, (string Name, StepKind Kind)>(StringComparer.Ordinal);
        foreach (var step in steps)
        {
            var value = step.Kind == StepKind.Index ? string.Empty : translation.Vector(step.Value);
            switch (step.Kind)
            {
                case StepKind.Index:
                    body.Add($"var {step.Target} = {step.Value};");
                    tail.Add(body[body.Count - 1]);
                    break;
                case StepKind.Local:
                    translation.DeclareVector(step.Target);
                    body.Add($"var {step.Target} = {value};");
                    tail.Add(body[body.Count - 1]);
                    break;
                case StepKind.Store or StepKind.Add when step.Guard is not null:
                    {
                        var (reference, position) = (references[step.Target], Position(step.Index!.ToString()));
                        var old = Take(taken, step.Target + "Old");
                        var holds = translation.Vector(step.Guard);
                        var written = step.Kind == StepKind.Store ? value : $"{old} + {value}";
                        body.Add($"var {old} = {width}.LoadUnsafe(ref {reference}, {position});");
                        body.Add($"{width}.ConditionalSelect({holds}, {written}, {old}).StoreUnsafe(ref {reference}, {position});");
                        tail.Add(body[body.Count - 2]);
                        tail.Add($"{width}.ConditionalSelect({width}.BitwiseAnd({holds}, {fresh}), {written}, {old}).StoreUnsafe(ref {reference}, {position});");
                        break;
                    }

                case StepKind.Store when steps.Count(s => s.Target == step.Target && s.Kind is StepKind.Store or StepKind.Add) == 1:
                    // The only write to its array: the last vector stores the old lanes' values again.
                    body.Add($"{Operand(value)}.StoreUnsafe(ref {references[step.Target]}, {Position(step.Index!.ToString())});");
                    tail.Add(body[body.Count - 1]);
                    break;
                case StepKind.Store or StepKind.Add:
                    {
                        // The last vector writes only its new lanes: another statement may have added to the old ones.
                        var (reference, position) = (references[step.Target], Position(step.Index!.ToString()));
                        var old = $"{width}.LoadUnsafe(ref {reference}, {position})";
                        var kept = Take(taken, step.Target + "Old");
                        var stored = step.Kind == StepKind.Store ? value : $"{kept} + {value}";
                        body.Add(step.Kind == StepKind.Store
                            ? $"{Operand(value)}.StoreUnsafe(ref {reference}, {position});"
                            : $"({old} + {value}).StoreUnsafe(ref {reference}, {position});");
                        tail.Add($"var {kept} = {old};");
                        tail.Add($"{width}.ConditionalSelect({fresh}, {stored}, {kept}).StoreUnsafe(ref {reference}, {position});");
                        break;
                    }

                default:
                    if (!accumulators.TryGetValue(step.Target, out var accumulator))
                    {
                        accumulator = (Take(taken, step.Target + "s"), step.Kind);
                        accumulators[step.Target] = accumulator;
                    }

                    body.Add(step.Kind == StepKind.Sum
                        ? $"{accumulator.Name} += {value};"
                        : $"{accumulator.Name} = {width}.{step.Kind}({accumulator.Name}, {value});");
                    tail.Add(step.Kind == StepKind.Sum
                        ? $"{accumulator.Name} += {width}.BitwiseAnd({value}, {fresh});"
                        : body[body.Count - 1]);
                    break;
            }
        }

        var lines = new List<string>(translation.ConstantDeclarations);
        lines.AddRange(broadcasts);
        foreach (var (name, kind) in accumulators.Values)
        {
            lines.Add(kind switch
            {
                StepKind.Sum => $"var {name} = {vector}.Zero;",
                StepKind.Max => $"var {name} = {width}.Create({Element}.NegativeInfinity);",
                _ => $"var {name} = {width}.Create({Element}.PositiveInfinity);",
            });
        }

        lines.Add($"for (; {counter} <= {end} - {count}; {counter} += {count})");
        lines.Add("{");
        lines.AddRange(body.Select(line => "    " + line));
        lines.Add("}");
        if (overlapTail)
        {
            // Lane k of the last vector holds element end − count + k; it is new when that is at least the counter.
            var lanes = type == NumericType.Float ? "int" : "long";
            lines.Add($"if ({counter} < {end})");
            lines.Add("{");
            if (tail.Any(line => line.Contains(fresh)))
            {
                lines.Add($"    var {fresh} = {width}.GreaterThanOrEqual({width}<{lanes}>.Indices, {width}.Create(({lanes})({counter} - ({end} - {count})))).As{(type == NumericType.Float ? "Single" : "Double")}();");
            }

            lines.Add($"    {counter} = {end} - {count};");
            lines.AddRange(tail.Select(line => "    " + line));
            lines.Add($"    {counter} = {end};");
            lines.Add("}");
        }

        foreach (var (target, name, kind) in accumulators.Select(a => (a.Key, a.Value.Name, a.Value.Kind)))
        {
            lines.Add(kind == StepKind.Sum
                ? $"{target} += {width}.Sum({name});"
                : $"{target} = {MathClass}.{kind}({target}, VectorMath.{kind}Across({name}));");
        }

        usesVectorMath = translation.UsesVectorMath || accumulators.Values.Any(a => a.Kind != StepKind.Sum);
        usedNames.UnionWith(taken);
        return lines;
    }

    /// <summary>A name of the element type, or products and quotients of such names: broadcast without a cast.</summary>
    private bool IsNumber(ExpressionSyntax e) => e switch
    {
        IdentifierNameSyntax identifier => kindOf(identifier.Identifier.ValueText) == ValueKind.Number,
        ParenthesizedExpressionSyntax parenthesized => IsNumber(parenthesized.Expression),
        BinaryExpressionSyntax binary when binary.Kind() is SyntaxKind.MultiplyExpression or SyntaxKind.DivideExpression =>
            IsNumber(binary.Left) && IsNumber(binary.Right),
        _ => false,
    };

    /// <summary>Whether <paramref name="division"/> is a·x/b or x·a/b with a and b numbers the loop does not change.</summary>
    private bool IsScaled(BinaryExpressionSyntax division, out ExpressionSyntax varying, out ExpressionSyntax factor)
    {
        (varying, factor) = (division.Left, division.Right);
        if (division.Left is not BinaryExpressionSyntax product || !product.IsKind(SyntaxKind.MultiplyExpression)
            || !IsInvariant(division.Right) || !KnownNumbers(division.Right) || IsCondition(division.Right))
        {
            return false;
        }

        (varying, factor) = IsInvariant(product.Left) ? (product.Right, product.Left) : (product.Left, product.Right);
        return IsInvariant(factor) && !IsInvariant(varying) && KnownNumbers(factor) && !IsCondition(factor);
    }

    private static string Parenthesized(string start) =>
        SyntaxFactory.ParseExpression(start) is IdentifierNameSyntax or LiteralExpressionSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax or ParenthesizedExpressionSyntax ? start : "(" + start + ")";

    private static string Position(string index) => index.IndexOf(' ') < 0 ? "(nuint)" + index : "(nuint)(" + index + ")";

    private static string Operand(string vector) =>
        SyntaxFactory.ParseExpression(vector) is IdentifierNameSyntax or InvocationExpressionSyntax or MemberAccessExpressionSyntax or ParenthesizedExpressionSyntax
            ? vector
            : "(" + vector + ")";

    private bool IsCondition(ExpressionSyntax e) => e switch
    {
        ParenthesizedExpressionSyntax parenthesized => IsCondition(parenthesized.Expression),
        BinaryExpressionSyntax binary => binary.Kind() is SyntaxKind.LessThanExpression or SyntaxKind.LessThanOrEqualExpression
            or SyntaxKind.GreaterThanExpression or SyntaxKind.GreaterThanOrEqualExpression or SyntaxKind.EqualsExpression
            or SyntaxKind.NotEqualsExpression or SyntaxKind.LogicalAndExpression or SyntaxKind.LogicalOrExpression,
        PrefixUnaryExpressionSyntax unary => unary.IsKind(SyntaxKind.LogicalNotExpression),
        LiteralExpressionSyntax literal => literal.Kind() is SyntaxKind.TrueLiteralExpression or SyntaxKind.FalseLiteralExpression,
        IdentifierNameSyntax name => kindOf(name.Identifier.ValueText) == ValueKind.Condition,
        _ => false,
    };

    /// <summary>Whether every name in an invariant value is one the emitter declared, so the value can be broadcast.</summary>
    private bool KnownNumbers(ExpressionSyntax e) =>
        e.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>()
            .Where(n => n.Parent is not MemberAccessExpressionSyntax member || member.Expression == n)
            .Where(n => n.Parent is not InvocationExpressionSyntax)
            .All(n => n.Identifier.ValueText is "Math" or "MathF" || kindOf(n.Identifier.ValueText) != ValueKind.Unknown);

    private static string Hint(ExpressionSyntax e) => e is IdentifierNameSyntax name ? name.Identifier.ValueText + "s" : "b";

    private static string Take(HashSet<string> taken, string hint)
    {
        var name = hint;
        for (var k = 1; !taken.Add(name) || SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None; k++)
        {
            name = hint + k.ToString(CultureInfo.InvariantCulture);
        }

        return name;
    }

    private enum StepKind
    {
        Index,
        Local,
        Sum,
        Max,
        Min,
        Store,
        Add,
    }

    /// <summary>One statement of the loop body; a store or add with a <see cref="Guard"/> happens only where it holds.</summary>
    private sealed record Step(StepKind Kind, string Target, ExpressionSyntax? Index, ExpressionSyntax Value, ExpressionSyntax? Guard = null);
}
