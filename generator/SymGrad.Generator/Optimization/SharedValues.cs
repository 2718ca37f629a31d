using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.Symbolic;

namespace SymGrad.Generator.Optimization;

/// <summary>
/// Common-subexpression elimination: decides which nodes of the output DAG become local
/// variables. Canonical IR makes equal subexpressions equal nodes, so a node used more than once
/// — typically a forward value such as eᵘ, tanh or σ that the derivative reuses — is computed once.
/// Cheap nodes (a sum or product of two names) are recomputed rather than named.
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

        var shared = new HashSet<Expr>();
        foreach (var node in order)
        {
            if (IsLeaf(node) || node.Kind == ExprKind.Compare || (node.Kind == ExprKind.Not && node.Args[0].Kind == ExprKind.Compare))
            {
                continue;
            }

            if (node.Kind is ExprKind.CallPartial || (uses[node] >= 2 && !IsCheap(node, shared)))
            {
                shared.Add(node);
            }
        }

        return shared;
    }

    private static void Count(Dictionary<Expr, int> uses, Expr node, int times) =>
        uses[node] = (uses.TryGetValue(node, out var n) ? n : 0) + times;

    private static bool IsLeaf(Expr node) => node.Kind is ExprKind.Const or ExprKind.Param or ExprKind.Bool
        or ExprKind.IntParam or ExprKind.Array or ExprKind.IntArray or ExprKind.Loop or ExprKind.Length;

    private static bool IsCheap(Expr node, HashSet<Expr> shared)
    {
        bool Named(Expr e) => IsLeaf(e) || shared.Contains(e);
        return node.Kind switch
        {
            ExprKind.Add or ExprKind.Mul => node.Args.Count <= 2 && node.Args.All(Named),
            ExprKind.Pow => node.Args[1].IsConst && node.Args[1].Value is 2 or -1
                && (Named(node.Args[0]) || (node.Args[0].Kind == ExprKind.Add && node.Args[0].Args.Count <= 2 && node.Args[0].Args.All(Named))),
            _ => false,
        };
    }
}
