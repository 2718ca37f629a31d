using System;
using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.Differentiation;
using SymGrad.Generator.Symbolic;

namespace SymGrad.Generator.Emit;

/// <summary>
/// Loops, spans and arrays: a Σ becomes an accumulator and a <c>for</c> loop, a tabulated array a
/// buffer filled by a loop, the adjoint of an array a cleared buffer that its scatters add into.
/// Each value is declared in the outermost loop whose counters it depends on, so anything a loop
/// body uses that does not change with the counter is computed once, before the loop.
/// </summary>
internal sealed partial class CSharpExpressions
{
    /// <summary>Buffers of at most this many elements live on the stack; longer ones are rented from the shared pool.</summary>
    private const int StackElements = 256;

    private static readonly ExprBuilder Unsimplified = new(simplify: false);

    /// <summary>Folds constants (a row-major extent of 3·2 is written 6).</summary>
    private static readonly ExprBuilder Folding = new(simplify: true);

    private readonly IReadOnlyDictionary<Expr, List<Scatter>> scatters;
    private readonly List<Scope> scopes = new();
    private readonly FreeCounters free = new();
    private readonly Dictionary<Expr, string> counterNames = new();
    private readonly List<string> rented = new();
    private readonly HashSet<string> spans = new(StringComparer.Ordinal);

    /// <summary>Tables whose filling a sum's loop was asked to take over (once: it may decline and read them instead).</summary>
    private readonly HashSet<Expr> tried = new();
    private int freshCounters;
    private List<Expr> pendingSums = [];

    /// <summary>The pooled arrays the method must return to the pool before it returns.</summary>
    public IReadOnlyList<string> RentedArrays => rented;

    /// <summary>
    /// Writes the adjoints of array parameters into their output spans. Scatters that run over the
    /// same loops share one loop nest, so what they have in common (a layer's pre-activation, say)
    /// is computed once. A scatter that covers its output element by element is written first and
    /// assigns; an output without one is cleared first; every other scatter adds.
    /// </summary>
    /// <remarks>
    /// Sums of <paramref name="values"/> over the range of one of those loops (a batch loss next to
    /// its gradient, say) are accumulated in the same loop when nothing in it needs their total,
    /// so what each iteration computes serves both.
    /// </remarks>
    public void WriteGradients(IReadOnlyList<(Expr Adjoint, string Target)> outputs, IReadOnlyList<Expr> values)
    {
        pendingSums = Topology.PostOrder(values).Where(n => n.Kind == ExprKind.Sum && free.Of(n).Count == 0).ToList();
        spans.UnionWith(outputs.Select(o => o.Target));
        var items = outputs.SelectMany(output => Items(output.Adjoint, output.Target, scopes[0])).ToList();
        WriteNest(scopes[0], Ordered(items), 0);
        pendingSums = [];
    }

    /// <summary>
    /// The scatters into one adjoint. One that covers it element by element comes first and assigns,
    /// together with those that add to the element it has just assigned; every other scatter comes
    /// later, in loops of its own, since it may add to an element that the covering loop assigns
    /// only afterwards (<c>dx[n − 1 − i]</c> in iteration i). Without a covering scatter a clear of
    /// <paramref name="target"/> goes into <paramref name="scope"/> and every scatter adds.
    /// </summary>
    private List<Item> Items(Expr adjoint, string target, Scope scope)
    {
        var list = (scatters.TryGetValue(adjoint, out var found) ? found : []).ToList();
        var covering = list.FindIndex(s => s.Loops is [var only] && s.Index.Equals(only.Counter) && only.From.IsConstValue(0)
            && only.To.Equals(ExprBuilder.Length(adjoint.Args[0])));
        var rows = covering >= 0 ? null : list.Select(RowMajorExtent).FirstOrDefault(extent => extent is not null);
        if (rows is not null)
        {
            covering = list.FindIndex(s => RowMajorExtent(s) is { } extent && extent.Equals(rows));

            // Elements past the last row are not read: their adjoint is zero.
            scope.Statements.Add($"{target}.Slice(Math.Clamp({Write(rows)}, 0, {target}.Length)).Clear();");
        }

        if (covering < 0)
        {
            scope.Statements.Add($"{target}.Clear();");
            return list.Select(scatter => new Item(target, scatter, Assign: false, Late: false)).ToList();
        }

        var first = list[covering];
        list.RemoveAt(covering);
        var items = new List<Item> { new(target, first, Assign: true, Late: false) };
        items.AddRange(list.Select(scatter => new Item(target, scatter, Assign: false, Late: !SameElement(first, scatter))));
        return items;
    }

    /// <summary>
    /// For <c>Σ_j Σ_i adjoint[C·j + i]</c> with j from 0 to N and i from 0 to C, C·N: such a scatter
    /// writes elements 0 to C·N − 1, each once, row after row.
    /// </summary>
    private Expr? RowMajorExtent(Scatter scatter)
    {
        if (scatter.Loops is not [var outer, var inner] || !outer.From.IsConstValue(0) || !inner.From.IsConstValue(0)
            || free.Of(inner.To).Contains(outer.Counter) || scatter.Index is not { Kind: ExprKind.Add, Args: [var a, var b] })
        {
            return null;
        }

        var product = a.Equals(inner.Counter) ? b : b.Equals(inner.Counter) ? a : null;
        return product is { Kind: ExprKind.Mul, Args: [var p, var q] }
            && ((p.Equals(inner.To) && q.Equals(outer.Counter)) || (q.Equals(inner.To) && p.Equals(outer.Counter)))
            ? Folding.Mul(inner.To, outer.To)
            : null;
    }

    /// <summary>Whether <paramref name="other"/> runs over the loops of <paramref name="scatter"/> and adds to the element it writes in the same iteration.</summary>
    private static bool SameElement(Scatter scatter, Scatter other)
    {
        if (other.Loops.Count != scatter.Loops.Count)
        {
            return false;
        }

        for (var depth = 0; depth < scatter.Loops.Count; depth++)
        {
            other = Renamed(other, depth, scatter.Loops[depth].Counter);
            if (!other.Loops[depth].From.Equals(scatter.Loops[depth].From) || !other.Loops[depth].To.Equals(scatter.Loops[depth].To))
            {
                return false;
            }
        }

        return other.Index.Equals(scatter.Index);
    }

    /// <summary>Every late item after every other, so that no loop adds to an element before the loop that assigns it.</summary>
    private static List<Item> Ordered(List<Item> items) => items.Where(i => !i.Late).Concat(items.Where(i => i.Late)).ToList();

    private void WriteNest(Scope scope, List<Item> items, int depth)
    {
        var done = new HashSet<int>();
        for (var k = 0; k < items.Count; k++)
        {
            if (done.Contains(k))
            {
                continue;
            }

            var (target, scatter, assign, late) = items[k];
            if (depth == 0 && !assign && !items.Any(other => other.Target == target && other.Assign) && LayerGradient(target, scatter) is { } product)
            {
                done.Add(k);
                scope.Statements.Add(product);
                continue;
            }

            if (scatter.Loops.Count == depth)
            {
                done.Add(k);
                scope.Statements.Add(ScatterStatement(target, scatter, assign));
                continue;
            }

            // Scatters over the same range share the loop, whichever counter they were swept with.
            var range = scatter.Loops[depth];
            var group = Enumerable.Range(k, items.Count - k)
                .Where(j => !done.Contains(j) && items[j].Late == late && items[j].Scatter.Loops.Count > depth
                    && items[j].Scatter.Loops[depth].From.Equals(range.From) && items[j].Scatter.Loops[depth].To.Equals(range.To))
                .ToList();
            done.UnionWith(group);
            var counter = scopes.Any(s => s.Bound.Contains(range.Counter)) ? Fresh(range.Counter) : range.Counter;
            var members = group.Select(j => items[j] with { Scatter = Renamed(items[j].Scatter, depth, counter) }).ToList();
            var fused = depth == 0 ? FusableSums(range, members.Select(m => m.Scatter)) : [];
            var totals = fused.Select(sum => Reserve("sum")).ToList();
            foreach (var total in totals)
            {
                scope.Statements.Add($"var {total} = {Literal(0, typed: true).Text};");
            }

            var reads = fused.Count > 0 ? null : members.SelectMany(m => m.Scatter.Loops.Skip(depth + 1).SelectMany(l => new[] { l.From, l.To })
                .Concat([m.Scatter.Index, m.Scatter.Value])).ToList();
            scope.Statements.Add(Loop(scope, counter, range.From, range.To, inner =>
            {
                WriteNest(inner, members, depth + 1);
                for (var f = 0; f < fused.Count; f++)
                {
                    inner.Statements.Add($"{totals[f]} += {Write(Unsimplified.Substitute(fused[f].Args[3], fused[f].Args[0], counter))};");
                }
            }, anyOrder: reads, elementwise: reads is not null && members.All(m => m.Scatter.Loops.Count == depth + 1) && !reads.Any(HasOwnLoops)));
            for (var f = 0; f < fused.Count; f++)
            {
                declared[fused[f]] = totals[f];
            }
        }
    }

    private static bool IsMaterialized(Expr e) => e.Kind is ExprKind.Sum or ExprKind.Reduce or ExprKind.Tabulate or ExprKind.Adjoint
        or ExprKind.Scan or ExprKind.ScanAdjoint;

    private void Add(Expr node, string statement) => ScopeFor(node).Statements.Add(statement);

    private Scope ScopeFor(Expr node)
    {
        var counters = free.Of(node);
        return scopes.First(s => counters.IsSubsetOf(s.Bound));
    }

    private string Materialize(Expr e)
    {
        var scope = ScopeFor(e);
        string name;
        switch (e.Kind)
        {
            case ExprKind.Sum:
                {
                    name = Reserve("sum");
                    var (counter, body) = Unbound(e.Args[0], e.Args[3]);
                    scope.Statements.Add($"var {name} = {Literal(0, typed: true).Text};");
                    scope.Statements.Add(Loop(scope, counter, e.Args[1], e.Args[2], inner =>
                    {
                        if (e.Args[1].IsConstValue(0))
                        {
                            FillAlong(inner, counter, e.Args[2], body);
                        }

                        inner.Statements.Add($"{name} += {Write(body)};");
                    }));
                    break;
                }

            case ExprKind.Reduce:
                {
                    var max = e.Function == Function.Max;
                    name = Reserve(max ? "max" : "min");
                    var (counter, body) = Unbound(e.Args[0], e.Args[3]);
                    scope.Statements.Add($"var {name} = {Keyword}.{(max ? "NegativeInfinity" : "PositiveInfinity")};");
                    scope.Statements.Add(Loop(scope, counter, e.Args[1], e.Args[2], inner => inner.Statements.Add($"{name} = {MathClass}.{(max ? "Max" : "Min")}({name}, {Write(body)});")));
                    break;
                }

            case ExprKind.Scan:
                {
                    // The steps are stored: the reverse sweep reads each one.
                    name = Buffer(e.Name ?? "c", ExprBuilder.Length(e));
                    scope.Statements.Add($"{name}[0] = {Write(e.Args[3])};");
                    var (counter, body) = Unbound(e.Args[0], e.Args[4]);
                    scope.Statements.Add(Loop(
                        scope,
                        counter,
                        e.Args[1],
                        e.Args[2],
                        inner =>
                        {
                            declared[e.Args[5]] = $"{name}[{Write(ExprBuilder.ScanStep(e, counter))}]";
                            inner.Statements.Add($"{name}[{Write(ExprBuilder.ScanStep(e, counter))} + 1] = {Write(body)};");
                        },
                        alsoBound: e.Args[5]));
                    break;
                }

            case ExprKind.ScanAdjoint:
                {
                    // Backwards over the steps: c̄[k] = direct[k] + c̄[k + 1]·∂body/∂c at step k.
                    var scan = e.Args[0];
                    name = Buffer("d" + Pascal(scan.Name ?? "c"), ExprBuilder.Length(scan));
                    var last = Write(ExprBuilder.ScanStep(scan, scan.Args[2]));
                    scope.Statements.Add($"{name}[{last}] = {Write(ExprBuilder.Elem(e.Args[1], ExprBuilder.ScanStep(scan, scan.Args[2])))};");
                    var (counter, step) = Unbound(scan.Args[0], e.Args[2]);
                    var direct = Unsimplified.Substitute(ExprBuilder.Elem(e.Args[1], ExprBuilder.ScanStep(scan, scan.Args[0])), scan.Args[0], counter);
                    scope.Statements.Add(Loop(scope, counter, scan.Args[1], scan.Args[2], inner =>
                    {
                        var k = Write(ExprBuilder.ScanStep(scan, counter));
                        inner.Statements.Add($"{name}[{k}] = {Write(direct)} + {name}[{k} + 1] * {Write(step, Multiplicative)};");
                    }, descending: true));
                    break;
                }

            case ExprKind.Tabulate:
                {
                    // A sum of the elements is written first when its loop can fill the table as it goes.
                    var sum = !tried.Add(e) ? null : nodes.FirstOrDefault(n => n.Kind == ExprKind.Sum && !declared.ContainsKey(n) && n.Args[1].IsConstValue(0)
                        && free.Of(n).IsSubsetOf(free.Of(e)) && Topology.PostOrder([n.Args[3]]).Contains(ExprBuilder.Elem(e, n.Args[0])));
                    if (sum is not null)
                    {
                        Write(sum);
                        if (declared.TryGetValue(e, out var filled))
                        {
                            return filled;
                        }
                    }

                    name = Buffer(e.Name ?? "a", e.Args[1]);
                    var (counter, body) = Unbound(e.Args[0], e.Args[2]);
                    var products = LayerProducts(counter, e.Args[1], body);
                    var elementwise = OwnSums(body, includeExtrema: true).All(n => declared.ContainsKey(n) || products.Any(p => p.Sum.Equals(n)));
                    scope.Statements.Add(Loop(
                        scope,
                        counter,
                        ExprBuilder.Zero,
                        e.Args[1],
                        inner =>
                        {
                            foreach (var (product, buffer) in products)
                            {
                                declared[product] = $"{buffer}[{counterNames[counter]}]";
                            }

                            inner.Statements.Add($"{name}[{counterNames[counter]}] = {Write(body)};");
                        },
                        anyOrder: [body],
                        elementwise: elementwise));
                    break;
                }

            default:
                {
                    var array = e.Args[0];
                    name = Buffer("d" + Pascal(array.Name ?? "a"), ExprBuilder.Length(array));
                    WriteNest(scope, Ordered(Items(e, name, scope)), 0);

                    break;
                }
        }

        declared[e] = name;
        return name;
    }

    /// <summary>
    /// Fills, in the loop being written, the tables that <paramref name="body"/> reads only at the
    /// loop's counter and whose length is the loop's range (0 to <paramref name="to"/>): each element
    /// is computed once, stored, and used from a local (the exponentials of a row and their sum, in
    /// one pass instead of a fill and a sum).
    /// </summary>
    private void FillAlong(Scope inner, Expr counter, Expr to, Expr body)
    {
        var nodes = Topology.PostOrder([body]).ToList();
        var length = Unsimplified.Fn(Function.Max, to, ExprBuilder.Zero);
        foreach (var table in nodes.Where(n => n.Kind == ExprKind.Tabulate && !declared.ContainsKey(n) && (n.Args[1].Equals(to) || n.Args[1].Equals(length))).ToList())
        {
            var element = ExprBuilder.Elem(table, counter);
            // Not when a loop of its own (a sum nested in the body, say) reads the table: that loop would run before this one fills it.
            if (nodes.Any(n => (n.Args.Contains(table) && !n.Equals(element)) || (IsMaterialized(n) && !n.Equals(table) && Topology.PostOrder([n]).Contains(table)))
                || ScopeFor(table) == inner)
            {
                continue;
            }

            var name = Buffer(table.Name ?? "a", table.Args[1]);
            declared[table] = name;
            var value = Unsimplified.Substitute(table.Args[2], table.Args[0], counter);
            var text = Write(value);
            if (!declared.TryGetValue(value, out var local))
            {
                local = Reserve(NameHint(value));
                inner.Statements.Add($"var {local} = {text};");
            }

            inner.Statements.Add($"{name}[{counterNames[counter]}] = {local};");
            declared[element] = local;
        }
    }

    /// <summary>
    /// <c>target[index] += value</c>; a value that is zero unless a condition holds (a read in one
    /// branch of an <c>if</c>) adds only when it holds, so an element that branch guards (<c>x[0]</c>
    /// after <c>if (x.Length == 0) return 0;</c>) is never touched otherwise.
    /// </summary>
    private string ScatterStatement(string target, Scatter scatter, bool assign)
    {
        var value = scatter.Value;
        if (!assign && value.Kind == ExprKind.Select && (value.Args[1].IsConstValue(0) || value.Args[2].IsConstValue(0)))
        {
            var holds = value.Args[2].IsConstValue(0);
            var condition = holds ? value.Args[0] : Unsimplified.Not(value.Args[0]);
            var guarded = scatter with { Value = holds ? value.Args[1] : value.Args[2] };
            var test = Write(condition);
            var inner = ScatterStatement(target, guarded, assign: false);
            return $"if ({test})\n{{\n{string.Join("\n", inner.Split('\n').Select(line => "    " + line))}\n}}";
        }

        var statement = $"{target}[{Write(scatter.Index)}] {(assign ? "=" : "+=")} {Write(value)};";
        return scatter.Index.IsConst && scatter.Loops.Count == 0
            ? $"if ({target}.Length > {Write(scatter.Index)})\n{{\n    {statement}\n}}"
            : statement;
    }

    /// <summary>The pending sums over <paramref name="range"/> that neither the scatters of that loop nor each other need.</summary>
    private List<Expr> FusableSums(LoopRange range, IEnumerable<Scatter> members)
    {
        var used = new HashSet<Expr>(Topology.PostOrder(members.SelectMany(m => m.Loops.SelectMany(l => new[] { l.From, l.To }).Concat([m.Index, m.Value]))));
        var candidates = pendingSums
            .Where(s => !declared.ContainsKey(s) && s.Args[1].Equals(range.From) && s.Args[2].Equals(range.To) && !used.Contains(s))
            .ToList();
        var fused = candidates.Where(s => !Topology.PostOrder([s.Args[3]]).Any(n => candidates.Contains(n) && !n.Equals(s))).ToList();
        pendingSums.RemoveAll(fused.Contains);
        return fused;
    }

    /// <summary>The scatter with the counter of its loop at <paramref name="depth"/> replaced by <paramref name="counter"/>.</summary>
    private static Scatter Renamed(Scatter scatter, int depth, Expr counter)
    {
        var old = scatter.Loops[depth].Counter;
        if (old.Equals(counter))
        {
            return scatter;
        }

        Expr Rename(Expr e) => Unsimplified.Substitute(e, old, counter);
        var loops = scatter.Loops.Select((l, i) => i < depth ? l : i == depth ? l with { Counter = counter } : new LoopRange(l.Counter, Rename(l.From), Rename(l.To))).ToList();
        return new Scatter(loops, Rename(scatter.Index), Rename(scatter.Value));
    }

    /// <summary>
    /// The counter and body of a Σ or tabulation, with a fresh counter when a loop that is open
    /// already runs over the same one (the reverse sweep reuses the forward loops' counters).
    /// </summary>
    private (Expr Counter, Expr Body) Unbound(Expr counter, Expr body)
    {
        if (!scopes.Any(s => s.Bound.Contains(counter)))
        {
            return (counter, body);
        }

        var fresh = Fresh(counter);
        return (fresh, Unsimplified.Substitute(body, counter, fresh));
    }

    /// <summary>A new counter of the same name, for a loop nested in one that already runs over <paramref name="counter"/>.</summary>
    private Expr Fresh(Expr counter) => ExprBuilder.Loop(counter.Name ?? "i", --freshCounters);

    /// <summary>A <c>for</c> loop over <paramref name="counter"/> placed in <paramref name="parent"/>; <paramref name="body"/> writes its statements.</summary>
    private string Loop(
        Scope parent, Expr counter, Expr from, Expr to, Action<Scope> body, bool descending = false, Expr? alsoBound = null,
        IReadOnlyList<Expr>? anyOrder = null, bool elementwise = false)
    {
        if (anyOrder is not null && from.IsConstValue(0) && RowWidth(counter, to, anyOrder) is { } width)
        {
            return Rows(parent, counter, to, width, body, elementwise);
        }

        var start = Write(from);
        var end = Write(to);
        var name = Reserve(counter.Name ?? "i");
        counterNames[counter] = name;
        var scope = new Scope(new HashSet<Expr>(parent.Bound) { counter });
        if (alsoBound is not null)
        {
            scope.Bound.Add(alsoBound);
        }

        scopes.Add(scope);
        body(scope);
        var math = false;
        var vectorized = descending || alsoBound is not null || scope.Rented.Count > 0
            ? null
            : LoopVectorizer.Vectorize(name, start, end, scope.Statements, type, KindOf, usedNames, out math);
        UsesVectors |= vectorized is not null;
        UsesVectorMath |= math;
        scope.Statements.AddRange(scope.Rented.Select(pool => $"ArrayPool<{Keyword}>.Shared.Return({pool});"));
        scopes.Remove(scope);
        if (vectorized is null)
        {
            // A vectorized loop declares its counter before the loop, so the name stays taken.
            usedNames.Remove(name);
        }

        foreach (var key in declared.Keys.Where(k => free.Of(k).Contains(counter) || (alsoBound is not null && (k.Equals(alsoBound) || free.Of(k).Contains(alsoBound)))).ToList())
        {
            declared.Remove(key);
        }

        if (vectorized is not null)
        {
            return vectorized;
        }

        var lines = scope.Statements.SelectMany(s => s.Split('\n')).Select(line => "    " + line);
        var header = descending
            ? $"for (int {name} = {end} - 1; {name} >= {start}; {name}--)"
            : $"for (int {name} = {start}; {name} < {end}; {name}++)";
        return $"{header}\n{{\n{string.Join("\n", lines)}\n}}";
    }

    /// <summary>
    /// The width n of the rows of a loop over t from 0 to m·n whose iterations may run in any order and whose body
    /// <paramref name="reads"/> ⌊t/n⌋ or t mod n: a table written row by row, or the scatters of its adjoint.
    /// </summary>
    private Expr? RowWidth(Expr counter, Expr to, IReadOnlyList<Expr> reads)
    {
        if (to.Kind != ExprKind.Mul || to.Args.Count != 2)
        {
            return null;
        }

        return Topology.PostOrder(reads)
            .Where(n => n.Kind == ExprKind.Fn && n.Function is Function.Quotient or Function.Remainder && n.Args[0].Equals(counter))
            .Select(n => n.Args[1])
            .FirstOrDefault(w => to.Args.Contains(w));
    }

    /// <summary>
    /// The loop over t from 0 to m·n as two, with t = r·n + c, ⌊t/n⌋ = r and t mod n = c: no division per element.
    /// An <paramref name="elementwise"/> body runs row by row, each row a vectorizable loop over its columns; one with
    /// loops of its own runs column by column, each column over every row, so that the column's weights (a row of a
    /// layer's matrix, read or accumulated) stay in cache while the loop goes through the rows of the batch.
    /// </summary>
    private string Rows(Scope parent, Expr counter, Expr to, Expr width, Action<Scope> body, bool elementwise)
    {
        var rows = to.Args[0].Equals(width) ? to.Args[1] : to.Args[0];
        var (rowsText, widthText) = (Write(rows), Write(width));
        var column = Reserve("column");
        var row = Reserve("row");
        var flat = Reserve(counter.Name ?? "t");
        counterNames[counter] = flat;
        declared[Unsimplified.Fn(Function.Quotient, counter, width)] = row;
        declared[Unsimplified.Fn(Function.Remainder, counter, width)] = column;
        var scope = new Scope(new HashSet<Expr>(parent.Bound) { counter });
        scopes.Add(scope);
        body(scope);
        scope.Statements.AddRange(scope.Rented.Select(pool => $"ArrayPool<{Keyword}>.Shared.Return({pool});"));
        scopes.Remove(scope);
        var statements = scope.Statements.ToList();
        if (statements.Any(statement => System.Text.RegularExpressions.Regex.IsMatch(statement, $@"\b{flat}\b")))
        {
            statements.Insert(0, $"var {flat} = {row} * {widthText} + {column};");
        }

        string Nest(string counterName, string end, string inside) =>
            $"for (int {counterName} = 0; {counterName} < {end}; {counterName}++)\n{{\n{string.Join("\n", inside.Split('\n').Select(line => "    " + line))}\n}}";

        string result;
        if (elementwise)
        {
            var math = false;
            var vectorized = scope.Rented.Count > 0 ? null : LoopVectorizer.Vectorize(column, "0", widthText, statements, type, KindOf, usedNames, out math);
            UsesVectors |= vectorized is not null;
            UsesVectorMath |= math;
            result = Nest(row, rowsText, vectorized ?? Nest(column, widthText, string.Join("\n", statements)));
        }
        else
        {
            result = Nest(column, widthText, Nest(row, rowsText, string.Join("\n", statements)));
        }

        foreach (var key in declared.Keys.Where(k => free.Of(k).Contains(counter)).ToList())
        {
            declared.Remove(key);
        }

        return result;
    }

    /// <summary>
    /// Declares a span of <paramref name="length"/> elements: on the stack when short, else rented
    /// from the pool. It is declared outside every loop its length does not depend on, so a buffer
    /// refilled in each iteration of a loop is allocated once, not once per iteration. One whose
    /// length changes from iteration to iteration is always rented, and returned at the end of the
    /// iteration: stack memory would not be given back until the method returns.
    /// </summary>
    private string Buffer(string hint, Expr length)
    {
        var scope = ScopeFor(length);
        var name = Reserve(hint);
        spans.Add(name);
        var size = Write(length);
        var pool = Reserve(name + "Rented");
        if (scope == scopes[0])
        {
            scope.Statements.Add($"var {pool} = {size} > {StackElements} ? ArrayPool<{Keyword}>.Shared.Rent({size}) : null;");
            scope.Statements.Add($"var {name} = {pool} is null ? stackalloc {Keyword}[{size}] : {pool}.AsSpan(0, {size});");
            rented.Add(pool);
        }
        else
        {
            scope.Statements.Add($"var {pool} = ArrayPool<{Keyword}>.Shared.Rent({size});");
            scope.Statements.Add($"var {name} = {pool}.AsSpan(0, {size});");
            scope.Rented.Add(pool);
        }

        return name;
    }

    /// <summary>Whether a loop was vectorized, so the file needs System.Runtime.Intrinsics and System.Runtime.InteropServices.</summary>
    public bool UsesVectors { get; private set; }

    /// <summary>Whether the code calls SymGrad.VectorMath: in a vectorized loop, or for log1p.</summary>
    public bool UsesVectorMath { get; private set; }

    /// <summary>What a name in the code written so far holds, for <see cref="LoopVectorizer"/>.</summary>
    private ValueKind KindOf(string name)
    {
        if (counterNames.ContainsValue(name))
        {
            return ValueKind.Integer;
        }

        if (spans.Contains(name))
        {
            return ValueKind.Span;
        }

        var parameter = nodes.FirstOrDefault(n => n.Kind is ExprKind.Param or ExprKind.IntParam or ExprKind.Array && n.Name == name);
        if (parameter is not null)
        {
            return parameter.Kind switch
            {
                ExprKind.Param => ValueKind.Number,
                ExprKind.IntParam => ValueKind.Integer,
                _ => ValueKind.Input,
            };
        }

        foreach (var entry in declared)
        {
            if (entry.Value == name)
            {
                return entry.Key.IsCondition ? ValueKind.Condition
                    : IsMaterialized(entry.Key) && entry.Key.Kind is not (ExprKind.Sum or ExprKind.Reduce) ? ValueKind.Span
                    : IsIndex(entry.Key) ? ValueKind.Integer
                    : ValueKind.Number;
            }
        }

        return ValueKind.Unknown;
    }

    private string Indexing(Expr e) => e.Kind switch
    {
        ExprKind.Detach => Write(e.Args[0], Primary),
        ExprKind.IntParam or ExprKind.Array or ExprKind.IntArray => e.Name!,
        ExprKind.Loop => counterNames[e],
        ExprKind.Length => Write(e.Args[0], Primary) + ".Length",
        // x[0] outside any loop may sit behind a guard such as if (x.Length == 0) return …; the
        // derivative can evaluate it on the other path too, so it reads 0 where there is no element.
        _ when e.Args[0].Kind == ExprKind.Array && e.Args[1].IsConst =>
            $"({e.Args[0].Name}.Length > {Write(e.Args[1])} ? {e.Args[0].Name}[{Write(e.Args[1])}] : {Literal(0, typed: false).Text})",
        _ => (e.Args[0].Kind is ExprKind.Array or ExprKind.IntArray ? e.Args[0].Name! : Write(e.Args[0])) + "[" + Write(e.Args[1]) + "]",
    };

    /// <summary>A scatter into <see cref="Target"/>; <see cref="Late"/> ones are written after all others.</summary>
    private sealed record Item(string Target, Scatter Scatter, bool Assign, bool Late);

    private sealed class Scope(HashSet<Expr> bound)
    {
        public HashSet<Expr> Bound { get; } = bound;

        public List<string> Statements { get; } = new();

        /// <summary>Arrays rented in this loop's body, returned at the end of each iteration.</summary>
        public List<string> Rented { get; } = new();
    }
}
