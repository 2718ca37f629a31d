using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using SymGrad.Generator.Symbolic;

namespace SymGrad.Generator.Lowering;

/// <summary>
/// Spans, arrays and <c>for</c> loops. A loop is lowered once, with its counter as a symbol and
/// every variable it updates as a placeholder for "the value on entry to this iteration"; what
/// the body makes of them decides the closed form: <c>v = v + f(i)</c> becomes <c>v + Σᵢ f(i)</c>,
/// <c>a[i] = f(i)</c> over the whole of a local array becomes the tabulated array <c>[f(0), …]</c>.
/// Loop-carried values of any other shape (products, maxima, recurrences) are reported, never
/// approximated.
/// </summary>
internal sealed partial class BodyLowering
{
    private static readonly ExprBuilder Folding = new(simplify: true);

    private readonly HashSet<IOperation> reportedLoops = new();

    /// <summary>A local span or array: <c>stackalloc T[n]</c> or <c>new T[n]</c>, zero-filled.</summary>
    private Expr? NewArray(IOperation initializer, LoweringState state)
    {
        var creation = initializer is IConversionOperation conversion ? conversion.Operand : initializer;
        IOperation? size = creation switch
        {
            IArrayCreationOperation { DimensionSizes.Length: 1, Initializer: null } array => array.DimensionSizes[0],
            _ when creation.Syntax is StackAllocArrayCreationExpressionSyntax { Type: ArrayTypeSyntax { RankSpecifiers: [{ Sizes: [var sizeSyntax] }] }, Initializer: null }
                => creation.SemanticModel?.GetOperation(sizeSyntax),
            _ => null,
        };
        if (loopDepth > 0)
        {
            return Unsupported(initializer, "A span or array created inside a loop");
        }

        if (size is null)
        {
            return Unsupported(initializer, "A span or array local not created as 'stackalloc T[n]' or 'new T[n]'");
        }

        var length = LowerExpression(size, state);
        return length is null ? null : ExprBuilder.Tabulate(ExprBuilder.Loop("k", nextId++), length, ExprBuilder.Zero);
    }

    /// <summary>The array and index an element access names, or null (reported) when it is not one SymGrad can follow.</summary>
    private (ISymbol Array, Expr Index)? ElementTarget(IOperation access, LoweringState state)
    {
        var (instance, index) = access switch
        {
            IArrayElementReferenceOperation { Indices.Length: 1 } element => (element.ArrayReference, element.Indices[0]),
            IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1, Instance: { } span } indexer
                when IsNumeric(KnownSymbols.ElementType(span.Type)) || KnownSymbols.IsIntArray(span.Type) => (span, indexer.Arguments[0].Value),
            _ => (null, null),
        };
        if (instance is null || index is null || Variable(instance) is not { } array || !state.Variables.ContainsKey(array))
        {
            return access is IArrayElementReferenceOperation or IPropertyReferenceOperation { Property.IsIndexer: true }
                ? ReportElement(access)
                : null;
        }

        if (!KnownSymbols.IsInt(index.Type))
        {
            return ReportElement(access);
        }

        var lowered = LowerExpression(index, state);
        return lowered is null ? null : (array, Folding.Add(lowered));
    }

    private (ISymbol, Expr)? ReportElement(IOperation access)
    {
        Unsupported(access, "An element access other than 'a[int index]' on a span or array");
        return null;
    }

    private Expr? ReadElement((ISymbol Array, Expr Index) element, IOperation access, LoweringState state)
    {
        if (state.Elements.TryGetValue(element, out var written))
        {
            return written.Kind == ExprKind.Tabulate ? Unsupported(access, $"Reading '{element.Array.Name}' in the loop that writes it row by row") : written;
        }

        if (state.Elements.Keys.Any(k => SymbolEqualityComparer.Default.Equals(k.Array, element.Array)))
        {
            return Unsupported(access, $"Reading '{element.Array.Name}' at another index than the one this loop writes");
        }

        return ExprBuilder.Elem(state.Variables[element.Array], element.Index);
    }

    private void Loop(IForLoopOperation loop, LoweringState state)
    {
        if (!Counter(loop, state, out var counter, out var from, out var to))
        {
            Unsupported(loop, "A for loop that is not 'for (int i = start; i < end; i++)'");
            return;
        }

        var index = ExprBuilder.Loop(Names.Escape(counter.Name), nextId++);
        var inner = state.Clone();
        inner.Variables[counter] = index;
        var carried = new Dictionary<ISymbol, Expr>(SymbolEqualityComparer.Default);
        foreach (var variable in AssignedIn(loop.Body).Where(v => state.Variables.ContainsKey(v) && !IsArrayVariable(state, v)))
        {
            carried[variable] = inner.Variables[variable] = ExprBuilder.Placeholder(variable.Name, nextId++);
        }

        var carriedElements = new Dictionary<(ISymbol, Expr), Expr>();
        foreach (var key in state.Elements.Keys)
        {
            carriedElements[key] = inner.Elements[key] = ExprBuilder.Placeholder(key.Array.Name, nextId++);
        }

        var placeholders = new HashSet<Expr>(carried.Values.Concat(carriedElements.Values));
        loopDepth++;
        var errors = diagnostics.Count;
        Execute(loop.Body, inner);
        loopDepth--;
        if (diagnostics.Count > errors)
        {
            return;
        }

        // Recurrences first: a value that feeds itself through anything but a sum or an extremum
        // is kept step by step, and every other use of it in the loop reads its step's value.
        var steps = new Dictionary<Expr, Expr>();
        var nextSteps = new Dictionary<Expr, Expr>();
        var recurrences = new Dictionary<Expr, Expr>();
        var updates = carried.Select(p => (Placeholder: p.Value, Before: state.Variables[p.Key], After: inner.Variables[p.Key], p.Key.Name))
            .Concat(carriedElements.Select(p => (Placeholder: p.Value, Before: state.Elements[p.Key], After: inner.Elements[p.Key], p.Key.Item1.Name)))
            .ToList();
        foreach (var update in updates)
        {
            if (IsRecurrence(update.After, update.Placeholder, placeholders))
            {
                var scan = ExprBuilder.Scan(index, from, to, update.Before, update.After, update.Placeholder, Names.Escape(update.Name));
                steps[update.Placeholder] = ExprBuilder.Elem(scan, ExprBuilder.ScanStep(scan, index));
                nextSteps[update.After] = ExprBuilder.Elem(scan, Folding.Add(ExprBuilder.ScanStep(scan, index), ExprBuilder.One));
                recurrences[update.Placeholder] = ExprBuilder.Elem(scan, ExprBuilder.ScanStep(scan, to));
            }
        }

        // Uses after the update read the stored next step; uses before it, the stored current one.
        Expr StepValues(Expr e) => steps.Aggregate(
            nextSteps.Aggregate(e, (current, next) => Raw.Substitute(current, next.Key, next.Value)),
            (current, step) => Raw.Substitute(current, step.Key, step.Value));

        foreach (var pair in carried)
        {
            var updated = recurrences.TryGetValue(pair.Value, out var last) ? last
                : Carried(pair.Key.Name, state.Variables[pair.Key], StepValues(inner.Variables[pair.Key]), pair.Value, placeholders, index, from, to, loop);
            if (updated is not null)
            {
                state.Variables[pair.Key] = updated;
            }
        }

        foreach (var pair in carriedElements)
        {
            var updated = recurrences.TryGetValue(pair.Value, out var last) ? last
                : Carried(pair.Key.Item1.Name, state.Elements[pair.Key], StepValues(inner.Elements[pair.Key]), pair.Value, placeholders, index, from, to, loop);
            if (updated is not null)
            {
                state.Elements[pair.Key] = updated;
            }
        }

        foreach (var pair in inner.Elements.Where(e => !carriedElements.ContainsKey(e.Key)))
        {
            Tabulate(pair.Key.Array, pair.Key.Index, StepValues(pair.Value), placeholders, index, from, to, loop, state);
        }
    }

    /// <summary>A value the loop computes from its own previous value (and no other carried value), other than by a sum or an extremum.</summary>
    private static bool IsRecurrence(Expr after, Expr placeholder, HashSet<Expr> placeholders)
    {
        if (after.Equals(placeholder) || !Mentions(after, [placeholder])
            || Mentions(after, new HashSet<Expr>(placeholders.Where(p => !p.Equals(placeholder)))))
        {
            return false;
        }

        if (Extremum(after, placeholder) is var (_, candidate) && !Mentions(candidate, [placeholder]))
        {
            return false;
        }

        return Increment(after, placeholder) is not { } increment || Mentions(increment, [placeholder]);
    }

    /// <summary>
    /// The value after the loop of a variable the body updates: <c>v + Σ f(i)</c> for <c>v = v + f(i)</c>,
    /// <c>max(v, maxᵢ f(i))</c> for <c>v = Math.Max(v, f(i))</c> (or <c>if (f(i) &gt; v) v = f(i)</c>), likewise
    /// for the minimum; null (and reported) for anything else.
    /// </summary>
    private Expr? Carried(string name, Expr before, Expr after, Expr placeholder, HashSet<Expr> placeholders, Expr index, Expr from, Expr to, IOperation loop)
    {
        if (after.Equals(placeholder))
        {
            return before;
        }

        if (Extremum(after, placeholder) is var (function, candidate) && !Mentions(candidate, placeholders))
        {
            return Raw.Fn(function, before, ExprBuilder.Reduce(function, index, from, to, candidate));
        }

        var increment = Increment(after, placeholder);
        if (increment is null || Mentions(increment, placeholders))
        {
            // One report per loop: the first value it cannot follow names the problem.
            if (reportedLoops.Add(loop))
            {
                Unsupported(loop, $"A loop-carried value of '{name}' that depends on another value the loop carries");
            }

            return null;
        }

        return Raw.Add(before, Raw.Sum(index, from, to, increment));
    }

    /// <summary>(Max, f) for <c>Math.Max(p, f)</c> or <c>f &gt; p ? f : p</c>; (Min, f) for the mirror images.</summary>
    private static (Function Function, Expr Candidate)? Extremum(Expr after, Expr placeholder)
    {
        if (after.Kind == ExprKind.Fn && after.Function is Function.Max or Function.Min && after.Args.Count == 2)
        {
            var at = after.Args[0].Equals(placeholder) ? 1 : after.Args[1].Equals(placeholder) ? 0 : -1;
            return at < 0 ? null : (after.Function, after.Args[at]);
        }

        if (after.Kind == ExprKind.Select && after.Args[2].Equals(placeholder) && after.Args[0].Kind == ExprKind.Compare)
        {
            var (candidate, condition) = (after.Args[1], after.Args[0]);
            var (left, right) = (condition.Args[0], condition.Args[1]);
            return condition.Comparison switch
            {
                Comparison.Greater or Comparison.GreaterOrEqual when left.Equals(candidate) && right.Equals(placeholder) => (Function.Max, candidate),
                Comparison.Less or Comparison.LessOrEqual when left.Equals(placeholder) && right.Equals(candidate) => (Function.Max, candidate),
                Comparison.Less or Comparison.LessOrEqual when left.Equals(candidate) && right.Equals(placeholder) => (Function.Min, candidate),
                Comparison.Greater or Comparison.GreaterOrEqual when left.Equals(placeholder) && right.Equals(candidate) => (Function.Min, candidate),
                _ => null,
            };
        }

        return null;
    }

    /// <summary>f when <paramref name="after"/> is <c>p + f</c> on every path through the body (a select of such sums included).</summary>
    private static Expr? Increment(Expr after, Expr placeholder)
    {
        if (after.Equals(placeholder))
        {
            return ExprBuilder.Zero;
        }

        if (after.Kind == ExprKind.Add)
        {
            var at = after.Args.ToList().FindIndex(a => a.Equals(placeholder));
            if (at >= 0)
            {
                var rest = after.Args.Where((_, i) => i != at).ToList();
                return rest.Count == 1 ? rest[0] : Raw.Add(rest);
            }

            if (after.Args.Count == 2 && Increment(after.Args[0], placeholder) is { } inner)
            {
                return Raw.Add(inner, after.Args[1]);
            }
        }

        if (after.Kind == ExprKind.Select && !after.IsCondition
            && Increment(after.Args[1], placeholder) is { } whenTrue && Increment(after.Args[2], placeholder) is { } whenFalse)
        {
            return Raw.Select(after.Args[0], whenTrue, whenFalse);
        }

        return null;
    }

    /// <summary>
    /// Writes <c>a[i] = f(i)</c> over the whole of a fresh local array: <c>a</c> becomes the tabulated f. Inside another
    /// loop, a loop that writes one row, <c>a[o + j] = f(j)</c> for j from 0 to n, leaves the row <c>[f(0), …]</c> at
    /// offset o for that loop; when its rows are <c>a[b·n + j]</c> for every b from 0 to m and <c>a</c> has m·n elements,
    /// <c>a</c> becomes the table of f(b, j) at t = b·n + j, with b = ⌊t/n⌋ and j = t mod n.
    /// </summary>
    private void Tabulate(ISymbol array, Expr at, Expr value, HashSet<Expr> placeholders, Expr index, Expr from, Expr to, IOperation loop, LoweringState state)
    {
        var current = state.Variables[array];
        var output = array is IParameterSymbol && current.Kind == ExprKind.Tabulate && current.Args[1].Kind == ExprKind.Length;
        var fresh = current.Kind == ExprKind.Tabulate && current.Args[2].IsConstValue(0);
        if (Mentions(value, placeholders))
        {
            Unsupported(loop, $"A loop whose writes to '{array.Name}' depend on values carried between iterations");
            return;
        }

        if (value.Kind == ExprKind.Tabulate && fresh && from.IsConstValue(0))
        {
            var width = value.Args[1];
            if (Same(at, Folding.Mul(index, width)) && (output || Same(current.Args[1], Folding.Mul(to, width))))
            {
                var flat = ExprBuilder.Loop("t", nextId++);
                var element = Raw.Substitute(value.Args[2], value.Args[0], Raw.Fn(Function.Remainder, flat, width));
                element = Raw.Substitute(element, index, Raw.Fn(Function.Quotient, flat, width));
                state.Variables[array] = ExprBuilder.Tabulate(flat, Folding.Mul(to, width), element, Names.Escape(array.Name));
                return;
            }
        }
        else if (fresh && from.IsConstValue(0) && loopDepth > 0 && at.Kind == ExprKind.Add && at.Args.Any(a => a.Equals(index))
            && Folding.Sub(at, index) is var offset && !new FreeCounters().Of(offset).Contains(index))
        {
            state.Elements[(array, offset)] = ExprBuilder.Tabulate(index, to, value);
            return;
        }

        var covers = at.Equals(index) && from.IsConstValue(0) && current.Kind == ExprKind.Tabulate && (output || current.Args[1].Equals(to));
        if (!covers || !fresh)
        {
            Unsupported(loop, $"A loop that writes '{array.Name}' other than once per element, as '{array.Name}[i] = …' for every i from 0 to its length, or row by row, as '{array.Name}[b * n + j] = …' for every j from 0 to n inside a loop over every row b");
            return;
        }

        state.Variables[array] = ExprBuilder.Tabulate(index, to, value, Names.Escape(array.Name));
    }

    /// <summary>Whether two index expressions are equal once simplified.</summary>
    private static bool Same(Expr a, Expr b) =>
        Simplifier.Canonicalize(Folding, Raw.Sub(a, b), System.Threading.CancellationToken.None).IsConstValue(0);

    private bool Counter(IForLoopOperation loop, LoweringState state, out ILocalSymbol counter, out Expr from, out Expr to)
    {
        counter = null!;
        from = to = ExprBuilder.Zero;
        if (loop.Before is not [IVariableDeclarationGroupOperation { Declarations: [{ Declarators: [var declarator] } declaration] }]
            || !KnownSymbols.IsInt(declarator.Symbol.Type)
            || (declarator.Initializer ?? declaration.Initializer) is not { } start
            || loop.Condition is not IBinaryOperation { OperatorKind: BinaryOperatorKind.LessThan, LeftOperand: ILocalReferenceOperation left } condition
            || !SymbolEqualityComparer.Default.Equals(left.Local, declarator.Symbol)
            || loop.AtLoopBottom is not [IExpressionStatementOperation { Operation: var step }]
            || !IsIncrement(step, declarator.Symbol)
            || AssignedIn(loop.Body).Contains(declarator.Symbol, SymbolEqualityComparer.Default))
        {
            return false;
        }

        counter = declarator.Symbol;
        var lowerBound = LowerExpression(start.Value, state);
        var upperBound = LowerExpression(condition.RightOperand, state);
        if (lowerBound is null || upperBound is null)
        {
            return false;
        }

        (from, to) = (Folding.Add(lowerBound), Folding.Add(upperBound));
        return true;
    }

    private static bool IsIncrement(IOperation step, ILocalSymbol counter) => step switch
    {
        IIncrementOrDecrementOperation { Kind: OperationKind.Increment, Target: ILocalReferenceOperation target } => SymbolEqualityComparer.Default.Equals(target.Local, counter),
        ICompoundAssignmentOperation { OperatorKind: BinaryOperatorKind.Add, Target: ILocalReferenceOperation target, Value.ConstantValue: { HasValue: true, Value: 1 } }
            => SymbolEqualityComparer.Default.Equals(target.Local, counter),
        _ => false,
    };

    /// <summary>The locals and parameters a statement assigns (element writes name their array).</summary>
    private static IEnumerable<ISymbol> AssignedIn(IOperation body) =>
        body.DescendantsAndSelf()
            .Select(o => o switch
            {
                IAssignmentOperation assignment => Variable(assignment.Target),
                IIncrementOrDecrementOperation step => Variable(step.Target),
                _ => null,
            })
            .Where(s => s is not null)
            .Select(s => s!)
            .Distinct(SymbolEqualityComparer.Default);

    private static bool IsArrayVariable(LoweringState state, ISymbol variable) =>
        state.Variables[variable].Kind is ExprKind.Array or ExprKind.Tabulate;

    /// <summary>Whether <paramref name="root"/> uses one of the placeholders, other than inside a scan that binds it.</summary>
    private static bool Mentions(Expr root, HashSet<Expr> placeholders) =>
        placeholders.Count > 0 && new FreeCounters().Of(root).Overlaps(placeholders);
}
