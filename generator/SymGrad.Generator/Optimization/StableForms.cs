using System.Collections.Generic;
using System.Threading;
using SymGrad.Generator.Symbolic;

namespace SymGrad.Generator.Optimization;

/// <summary>
/// Replaces σ and softplus by numerically stable primitive forms that share one e^(−|u|):
/// σ(u) = u ≥ 0 ? 1/(1 + e) : e/(1 + e) and softplus(u) = max(u, 0) + ln(1 + e), the logarithm
/// taken so that it stays accurate when e is tiny. Neither overflows for any |u|, and a sigmoid
/// next to a softplus of the same u costs one exponential.
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
                var onePlusE = raw.Add(ExprBuilder.One, e);
                if (node.Function == Function.Sigmoid)
                {
                    rebuilt = raw.Select(
                        raw.Compare(Comparison.GreaterOrEqual, u, ExprBuilder.Zero),
                        raw.Pow(onePlusE, ExprBuilder.MinusOne),
                        raw.Mul(e, raw.Pow(onePlusE, ExprBuilder.MinusOne)));
                    hints[rebuilt] = "s";
                }
                else
                {
                    rebuilt = raw.Add(raw.Fn(Function.Max, u, ExprBuilder.Zero), Log1P(raw, e, onePlusE));
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

    /// <summary>
    /// ln(1 + e) to full precision for small e as well (Goldberg's trick): e·ln(1 + e)/((1 + e) − 1),
    /// which cancels the rounding of 1 + e, and e itself where 1 + e rounds to 1. Plain ln(1 + e)
    /// would make softplus(−40) zero instead of 4.2e−18.
    /// </summary>
    private static Expr Log1P(ExprBuilder raw, Expr e, Expr onePlusE) =>
        raw.Select(
            raw.Compare(Comparison.Equal, onePlusE, ExprBuilder.One),
            e,
            raw.Mul(e, raw.Fn(Function.Log, onePlusE), raw.Pow(raw.Add(onePlusE, ExprBuilder.MinusOne), ExprBuilder.MinusOne)));
}
