using System.Collections.Generic;
using System.Threading;
using SymGrad.Generator.Symbolic;

namespace SymGrad.Generator.Optimization;

/// <summary>
/// Replaces σ and softplus by numerically stable primitive forms that share one e^(−|u|):
/// σ(u) = u ≥ 0 ? 1/(1 + e) : e/(1 + e) and softplus(u) = max(u, 0) + log1p(e), where log1p
/// (<c>VectorMath.Log1P</c>) keeps its relative accuracy for a tiny e: ln(1 + e) as written would make
/// softplus(−40) zero instead of 4.2e−18. Neither overflows for any |u|, and a sigmoid next to a
/// softplus of the same u costs one exponential. max(u, 0) is written u ≥ 0 ? u : 0, the sign test σ
/// makes too: <c>Math.Max</c>'s rules for NaN and −0 cost three vector instructions, and neither can
/// change softplus (a NaN u makes log1p(e) NaN; −0 + log1p(1) = ln 2).
/// Runs after differentiation, so derivatives are still written in terms of σ.
/// </summary>
internal static class StableForms
{
    /// <summary>Rewrites <paramref name="roots"/>; <paramref name="hints"/> receives variable-name hints for the expanded nodes.</summary>
    public static IReadOnlyList<Expr> Expand(IReadOnlyList<Expr> roots, Dictionary<Expr, string> hints, CancellationToken cancellationToken)
    {
        var raw = new ExprBuilder(simplify: false);
        var rewritten = new Dictionary<Expr, Expr>();
        foreach (var node in Topology.PostOrder(roots))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var args = new Expr[node.Args.Count];
            var changed = false;
            for (var i = 0; i < args.Length; i++)
            {
                args[i] = rewritten[node.Args[i]];
                changed |= !ReferenceEquals(args[i], node.Args[i]);
            }

            var rebuilt = changed ? raw.Rebuild(node, args) : node;
            if (node.Kind == ExprKind.Fn && node.Function is Function.Sigmoid or Function.Softplus)
            {
                var u = args[0];
                var e = raw.Fn(Function.Exp, raw.Neg(raw.Fn(Function.Abs, u)));
                var nonNegative = raw.Compare(Comparison.GreaterOrEqual, u, ExprBuilder.Zero);
                if (node.Function == Function.Sigmoid)
                {
                    var inverse = raw.Pow(raw.Add(ExprBuilder.One, e), ExprBuilder.MinusOne);
                    rebuilt = raw.Select(nonNegative, inverse, raw.Mul(e, inverse));
                    hints[rebuilt] = "s";
                }
                else
                {
                    rebuilt = raw.Add(raw.Select(nonNegative, u, ExprBuilder.Zero), raw.Fn(Function.Log1P, e));
                    hints[rebuilt] = "sp";
                }

                hints[e] = "e";
            }

            rewritten[node] = rebuilt;
        }

        var result = new List<Expr>(roots.Count);
        foreach (var root in roots)
        {
            result.Add(rewritten[root]);
        }

        return result;
    }
}
