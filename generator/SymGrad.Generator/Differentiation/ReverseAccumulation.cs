using System.Collections.Generic;
using System.Linq;
using System.Threading;
using SymGrad.Generator.Symbolic;

namespace SymGrad.Generator.Differentiation;

/// <summary>
/// Reverse-mode differentiation of an expression DAG in one sweep: adjoints flow from the root
/// to the leaves in reverse topological order, each node handing its adjoint times its local
/// derivative to each operand that varies. Every partial derivative comes out of the same sweep.
/// </summary>
internal static class ReverseAccumulation
{
    public static IReadOnlyList<Expr> Gradient(ExprBuilder b, Expr root, IReadOnlyList<Expr> parameters, CancellationToken cancellationToken)
    {
        var order = Topology.PostOrder([root]);
        var wrt = new HashSet<Expr>(parameters);
        var varies = new Dictionary<Expr, bool>();
        foreach (var node in order)
        {
            varies[node] = node.Kind switch
            {
                ExprKind.Param => wrt.Contains(node),
                ExprKind.Const or ExprKind.Bool => false,
                _ when node.IsCondition => false,
                ExprKind.Select => varies[node.Args[1]] || varies[node.Args[2]],
                _ => node.Args.Any(a => varies[a]),
            };
        }

        var contributions = new Dictionary<Expr, List<Expr>> { [root] = [ExprBuilder.One] };
        var adjoints = new Dictionary<Expr, Expr>();
        for (var n = order.Count - 1; n >= 0; n--)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var node = order[n];
            if (!varies[node] || !contributions.TryGetValue(node, out var parts))
            {
                continue;
            }

            var adjoint = b.Add(parts);
            adjoints[node] = adjoint;
            if (node.Kind == ExprKind.Param)
            {
                continue;
            }

            for (var i = 0; i < node.Args.Count; i++)
            {
                var arg = node.Args[i];
                if (!varies[arg])
                {
                    continue;
                }

                var contribution = node.Kind == ExprKind.Select
                    ? (i == 1 ? b.Select(node.Args[0], adjoint, ExprBuilder.Zero) : b.Select(node.Args[0], ExprBuilder.Zero, adjoint))
                    : b.Mul(adjoint, DerivativeRules.Partial(b, node, i, e => varies.TryGetValue(e, out var v) && v));
                if (contribution.IsConstValue(0))
                {
                    continue;
                }

                if (!contributions.TryGetValue(arg, out var list))
                {
                    contributions[arg] = list = [];
                }

                list.Add(contribution);
            }
        }

        return parameters.Select(p => adjoints.TryGetValue(p, out var a) ? a : ExprBuilder.Zero).ToList();
    }
}
