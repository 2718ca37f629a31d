using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace SymGrad.Generator.Symbolic;

/// <summary>
/// Renames the counter of every Σ, extremum, tabulation and scan to one that depends only on its
/// range and on how many such loops it encloses. Loops that run side by side over the same range
/// then share their counter, so the same per-element value (eˣⁱ⁻ᵐ in a softmax, say) is the same
/// node in each of them — for the simplifier, the sweep and the emitter alike — while nested loops
/// still have distinct counters. The innermost loops count with <c>i</c>, the next with <c>j</c>, …
/// </summary>
internal static class CanonicalCounters
{
    private static readonly string[] Names = ["i", "j", "k", "l", "m", "n"];

    public static Expr Apply(ExprBuilder builder, Expr root, CancellationToken cancellationToken)
    {
        var rewritten = new Dictionary<Expr, Expr>();
        var level = new Dictionary<Expr, int>();
        var free = new FreeCounters();
        foreach (var node in Topology.PostOrder([root]))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var args = node.Args.Select(a => rewritten[a]).ToArray();
            var rebuilt = args.Where((a, i) => !ReferenceEquals(a, node.Args[i])).Any() ? builder.Rebuild(node, args) : node;
            if (node.Kind is ExprKind.Sum or ExprKind.Reduce or ExprKind.Tabulate or ExprKind.Scan)
            {
                var body = node.Kind switch
                {
                    ExprKind.Tabulate => 2,
                    ExprKind.Scan => 4,
                    _ => 3,
                };

                // Only loops that run inside this one count: those that depend on its counter.
                var old = node.Args[0];
                var inner = Topology.PostOrder([args[body]])
                    .Where(n => level.ContainsKey(n) && free.Of(n).Contains(old))
                    .Select(n => level[n] + 1)
                    .DefaultIfEmpty(0)
                    .Max();
                var (from, to) = node.Kind == ExprKind.Tabulate ? (ExprBuilder.Zero, args[1]) : (args[1], args[2]);
                var name = inner < Names.Length ? Names[inner] : "i" + inner;
                var counter = ExprBuilder.Loop(name, unchecked((((from.GetHashCode() * 31) + to.GetHashCode()) * 31) + inner) & 0x7fffffff);
                if (!counter.Equals(old))
                {
                    args[0] = counter;
                    args[body] = builder.Substitute(args[body], old, counter);
                    rebuilt = builder.Rebuild(node, args);
                }

                level[rebuilt] = inner;
            }

            rewritten[node] = rebuilt;
        }

        return rewritten[root];
    }
}
