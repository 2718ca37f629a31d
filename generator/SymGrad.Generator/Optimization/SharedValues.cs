using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.Symbolic;

namespace SymGrad.Generator.Optimization;

/// <summary>
/// Common-subexpression elimination: decides which nodes of the output DAG become local
/// variables. Canonical IR makes equal subexpressions equal nodes, so a node used more than once
/// — typically a forward value such as eᵘ, tanh or σ that the derivative reuses — is computed once.
/// Cheap nodes (a sum or product of two names, a square) are recomputed rather than named. A
/// reciprocal used twice is named, so that 1/(1 + e) and e/(1 + e) cost one division, not two —
/// but not inside a loop: there x·(1/y) and x/y, which round differently, could both be written
/// for one element, and a reduction's tie test compares such values for equality.
/// </summary>
internal static class SharedValues
{
    public static HashSet<Expr> Find(IReadOnlyList<Expr> roots)
    {
        var order = Topology.PostOrder(roots);
        var uses = new Dictionary<Expr, int>();
        foreach (var root in roots)
        {
            Count(uses, root, 1);
        }

        foreach (var node in order)
        {
            var repeat = node.Kind == ExprKind.Pow && node.Args[1].IsConst && System.Math.Abs(node.Args[1].Value) is 2 or 3
                ? (int)System.Math.Abs(node.Args[1].Value)
                : 1;
            foreach (var arg in node.Args)
            {
                Count(uses, arg, repeat);
            }
        }

        var free = new FreeCounters();
        var fixedReads = new Dictionary<Expr, bool>();
        var shared = new HashSet<Expr>();
        foreach (var node in order)
        {
            // A value that reads an element at a position given by the caller (x[target]) is computed
            // where it is used: a branch may guard the read, and hoisting the value would read the
            // element before the guard. (Reads at constant positions are bounds-checked instead.)
            if (IsLeaf(node) || node.Kind == ExprKind.Compare || (node.Kind == ExprKind.Not && node.Args[0].Kind == ExprKind.Compare)
                || ReadsFixedElement(node, fixedReads))
            {
                continue;
            }

            if (node.Kind is ExprKind.CallPartial || (uses[node] >= 2 && !IsCheap(node, shared, free)))
            {
                shared.Add(node);
            }
        }

        return shared;
    }

    private static bool ReadsFixedElement(Expr node, Dictionary<Expr, bool> known)
    {
        if (known.TryGetValue(node, out var reads))
        {
            return reads;
        }

        reads = node.Kind switch
        {
            ExprKind.Elem => (!node.Args[1].IsConst && !Topology.PostOrder([node.Args[1]]).Any(n => n.Kind == ExprKind.Loop)) || node.Args.Any(a => ReadsFixedElement(a, known)),
            ExprKind.Sum or ExprKind.Reduce or ExprKind.Tabulate or ExprKind.Scan or ExprKind.ScanAdjoint or ExprKind.Adjoint => false,
            _ => node.Args.Any(a => ReadsFixedElement(a, known)),
        };
        known[node] = reads;
        return reads;
    }

    private static void Count(Dictionary<Expr, int> uses, Expr node, int times) =>
        uses[node] = (uses.TryGetValue(node, out var n) ? n : 0) + times;

    private static bool IsLeaf(Expr node) => node.Kind is ExprKind.Const or ExprKind.Param or ExprKind.Bool
        or ExprKind.IntParam or ExprKind.Array or ExprKind.IntArray or ExprKind.Loop or ExprKind.Length;

    private static bool IsCheap(Expr node, HashSet<Expr> shared, FreeCounters free)
    {
        bool Named(Expr e) => IsLeaf(e) || shared.Contains(e);
        return node.Kind switch
        {
            ExprKind.Add or ExprKind.Mul => node.Args.Count <= 2 && node.Args.All(Named),
            ExprKind.Pow => node.Args[1].IsConst && (node.Args[1].Value is 2 || (node.Args[1].Value is -1 && free.Of(node).Count > 0))
                && (Named(node.Args[0]) || (node.Args[0].Kind == ExprKind.Add && node.Args[0].Args.Count <= 2 && node.Args[0].Args.All(Named))),
            _ => false,
        };
    }
}
