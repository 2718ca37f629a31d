using System.Collections.Generic;
using System.Linq;

namespace SymGrad.Generator.Symbolic;

/// <summary>
/// The loop counters (and recurrence placeholders) an expression depends on that no Σ, tabulation or scan inside it binds: where a
/// value can be computed (outside every loop it does not depend on) and what a sweep must sum.
/// </summary>
internal sealed class FreeCounters
{
    private readonly Dictionary<Expr, HashSet<Expr>> cache = new();

    public HashSet<Expr> Of(Expr node)
    {
        if (cache.TryGetValue(node, out var known))
        {
            return known;
        }

        foreach (var n in Topology.PostOrder([node]).Where(n => !cache.ContainsKey(n)))
        {
            var set = n.Kind is ExprKind.Loop or ExprKind.Placeholder ? new HashSet<Expr> { n } : new HashSet<Expr>();
            foreach (var arg in n.Args)
            {
                set.UnionWith(cache[arg]);
            }

            if (n.Kind is ExprKind.Sum or ExprKind.Reduce or ExprKind.Tabulate or ExprKind.Scan)
            {
                set.Remove(n.Args[0]);
            }

            if (n.Kind == ExprKind.Scan)
            {
                set.Remove(n.Args[5]);
            }

            if (n.Kind == ExprKind.ScanAdjoint)
            {
                set.Remove(n.Args[0].Args[0]);
            }

            cache[n] = set;
        }

        return cache[node];
    }
}
