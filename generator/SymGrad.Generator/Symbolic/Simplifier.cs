using System.Collections.Generic;
using System.Threading;

namespace SymGrad.Generator.Symbolic;

/// <summary>Rebuilds an expression bottom-up through a builder, which puts it in that builder's canonical form.</summary>
internal static class Simplifier
{
    public static Expr Canonicalize(ExprBuilder builder, Expr root, CancellationToken cancellationToken)
    {
        var rebuilt = new Dictionary<Expr, Expr>();
        foreach (var node in Topology.PostOrder([root]))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var args = new Expr[node.Args.Count];
            for (var i = 0; i < args.Length; i++)
            {
                args[i] = rebuilt[node.Args[i]];
            }

            rebuilt[node] = builder.Rebuild(node, args);
        }

        return rebuilt[root];
    }
}
