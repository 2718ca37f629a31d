using System;
using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.Differentiation;
using SymGrad.Generator.Symbolic;

namespace SymGrad.Generator.Optimization;

/// <summary>
/// Stores per-element values that several loops need. A transcendental of the loop element (the
/// eˣⁱ⁻ᵐ of a softmax, read by Σe, by Σe·g and by the gradient loop) that two or more loops over the
/// same counter use becomes a tabulated array, computed once per element and read by each loop,
/// instead of being recomputed in every loop.
/// </summary>
internal static class ElementBuffers
{
    private static readonly ExprBuilder Raw = new(simplify: false);

    public static (IReadOnlyList<Expr> Roots, Dictionary<Expr, List<Scatter>> Scatters) Store(
        IReadOnlyList<Expr> roots, Dictionary<Expr, List<Scatter>> scatters)
    {
        (roots, scatters) = ReuseTabulated(roots, scatters);
        var free = new FreeCounters();

        // The loops (a binder over counter c, or a scatter running over c) each candidate is used in.
        var uses = new Dictionary<(Expr Node, Expr Counter), HashSet<object>>();
        void Count(Expr body, Expr counter, object loop)
        {
            foreach (var node in Visible(body).Where(n => IsCostly(n) && free.Of(n).Contains(counter)))
            {
                if (!uses.TryGetValue((node, counter), out var loops))
                {
                    uses[(node, counter)] = loops = [];
                }

                loops.Add(loop);
            }
        }

        // The emitter runs a sum of the value over the range of a scatter's outermost loop in that
        // loop (a batch loss beside its gradient): the two are one loop here too.
        var outerRanges = new HashSet<(Expr From, Expr To)>(scatters.Values.SelectMany(l => l).Where(s => s.Loops.Count > 0).Select(s => (s.Loops[0].From, s.Loops[0].To)));
        var valueSums = new HashSet<Expr>(Topology.PostOrder(roots).Where(n => n.Kind == ExprKind.Sum && free.Of(n).Count == 0));
        object LoopOf(Expr binder) => valueSums.Contains(binder) && outerRanges.Contains((binder.Args[1], binder.Args[2]))
            ? (binder.Args[1], binder.Args[2])
            : binder;

        var lengths = new Dictionary<Expr, Expr>();
        var everything = roots.Concat(scatters.Values.SelectMany(l => l.SelectMany(s => new[] { s.Index, s.Value }))).ToList();
        foreach (var binder in Topology.PostOrder(everything).Where(n => n.Kind is ExprKind.Sum or ExprKind.Reduce or ExprKind.Tabulate))
        {
            var counter = binder.Args[0];
            if (binder.Kind == ExprKind.Tabulate || binder.Args[1].IsConstValue(0))
            {
                lengths[counter] = binder.Kind == ExprKind.Tabulate ? binder.Args[1] : binder.Args[2];
                Count(binder.Args[binder.Kind == ExprKind.Tabulate ? 2 : 3], counter, LoopOf(binder));
            }
        }

        foreach (var scatter in scatters.Values.SelectMany(l => l))
        {
            for (var depth = 0; depth < scatter.Loops.Count; depth++)
            {
                var loop = scatter.Loops[depth];
                if (loop.From.IsConstValue(0))
                {
                    lengths[loop.Counter] = loop.To;
                    Count(scatter.Value, loop.Counter, depth == 0 ? (loop.From, loop.To) : scatter);
                }
            }
        }

        // Outermost candidates first: storing eᵘ makes storing u's pieces pointless.
        var stored = new Dictionary<Expr, Expr>();
        foreach (var use in uses.OrderByDescending(u => Topology.PostOrder([u.Key.Node]).Count))
        {
            var (node, counter, loops) = (use.Key.Node, use.Key.Counter, use.Value);
            if (loops.Count < 2 || !lengths.TryGetValue(counter, out var length)
                || stored.Keys.Any(s => Topology.PostOrder([s]).Contains(node)) || Ends(length, counter, loops))
            {
                continue;
            }

            var element = ExprBuilder.Loop(counter.Name ?? "i", unchecked(counter.Index * 31 + 7) & 0x7fffffff);
            // A loop's end can be below its start (for (i = 0; i < n − k; …) with k > n): no elements then.
            var size = length.Kind == ExprKind.Length ? length : Raw.Fn(Function.Max, length, ExprBuilder.Zero);
            var table = ExprBuilder.Tabulate(element, size, Raw.Substitute(node, counter, element), Hint(node));
            stored[node] = ExprBuilder.Elem(table, counter);
        }

        if (stored.Count == 0)
        {
            return (roots, scatters);
        }

        Expr Replace(Expr e) => stored.Aggregate(e, (current, pair) => Raw.Substitute(current, pair.Key, pair.Value));
        var newRoots = roots.Select(Replace).ToList();
        var newScatters = scatters.ToDictionary(
            pair => Replace(pair.Key),
            pair => pair.Value.Select(s => new Scatter(s.Loops, Replace(s.Index), Replace(s.Value))).ToList());
        return (newRoots, newScatters);
    }

    /// <summary>
    /// A tabulated array's element, wherever else its defining expression appears at the same
    /// counter (the backward pass of a layer needs tanh(pre[j]), which is h[j]), is read from the
    /// array instead of being computed again.
    /// </summary>
    private static (IReadOnlyList<Expr> Roots, Dictionary<Expr, List<Scatter>> Scatters) ReuseTabulated(
        IReadOnlyList<Expr> roots, Dictionary<Expr, List<Scatter>> scatters)
    {
        var everything = roots.Concat(scatters.Keys).Concat(scatters.Values.SelectMany(l => l.SelectMany(s => new[] { s.Index, s.Value }))).ToList();
        var tables = Topology.PostOrder(everything).Where(n => n.Kind == ExprKind.Tabulate && !n.Args[2].IsConst).ToList();
        if (tables.Count == 0)
        {
            return (roots, scatters);
        }

        var reads = new Dictionary<Expr, Expr>();
        foreach (var table in tables)
        {
            reads[table.Args[2]] = ExprBuilder.Elem(table, table.Args[0]);
        }

        var rewritten = new Dictionary<Expr, Expr>();
        Expr Rewrite(Expr root)
        {
            foreach (var node in Topology.PostOrder([root]).Where(n => !rewritten.ContainsKey(n)))
            {
                if (node.Kind == ExprKind.Tabulate)
                {
                    // The definition itself stays; only its length may change.
                    rewritten[node] = node;
                    continue;
                }

                var args = node.Args.Select(a => rewritten[a]).ToArray();
                var rebuilt = args.Where((a, i) => !ReferenceEquals(a, node.Args[i])).Any() ? Raw.Rebuild(node, args) : node;
                rewritten[node] = reads.TryGetValue(rebuilt, out var read) ? read : rebuilt;
            }

            return rewritten[root];
        }

        return (
            roots.Select(Rewrite).ToList(),
            scatters.ToDictionary(p => Rewrite(p.Key), p => p.Value.Select(s => new Scatter(s.Loops, Rewrite(s.Index), Rewrite(s.Value))).ToList()));
    }

    /// <summary>The nodes a loop body evaluates itself: it does not look inside the loops it only reads from.</summary>
    private static IEnumerable<Expr> Visible(Expr body)
    {
        var seen = new HashSet<Expr>();
        var stack = new Stack<Expr>();
        stack.Push(body);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (!seen.Add(node))
            {
                continue;
            }

            yield return node;
            if (node.Kind is ExprKind.Sum or ExprKind.Reduce or ExprKind.Tabulate or ExprKind.Scan or ExprKind.ScanAdjoint or ExprKind.Adjoint)
            {
                continue;
            }

            foreach (var arg in node.Args)
            {
                stack.Push(arg);
            }
        }
    }

    private static bool IsCostly(Expr node) =>
        node.Kind is ExprKind.Sum or ExprKind.Reduce
        || (node.Kind == ExprKind.Fn && node.Function is not (Function.Abs or Function.Max or Function.Min or Function.Clamp or Function.Sqrt or Function.Quotient or Function.Remainder))
        || (node.Kind == ExprKind.Pow && !(node.Args[1].IsConst && node.Args[1].Value is 2 or 3 or -1 or 0.5 or -2));

    /// <summary>Whether some loop using the value runs over another range than its length.</summary>
    private static bool Ends(Expr length, Expr counter, HashSet<object> loops) =>
        loops.Any(loop => loop switch
        {
            Expr { Kind: ExprKind.Tabulate } t => !t.Args[1].Equals(length),
            Expr b => !b.Args[2].Equals(length),
            ValueTuple<Expr, Expr> range => !range.Item2.Equals(length),
            Scatter s => s.Loops.Any(l => l.Counter.Equals(counter) && !l.To.Equals(length)),
            _ => true,
        });

    private static string Hint(Expr node) => node.Kind == ExprKind.Fn && node.Function == Function.Exp ? "exps" : "values";
}
