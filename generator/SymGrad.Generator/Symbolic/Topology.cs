using System.Collections.Generic;

namespace SymGrad.Generator.Symbolic;

/// <summary>Orders the nodes of expression DAGs; iterative, so deep trees cannot overflow the stack.</summary>
internal static class Topology
{
    /// <summary>Every distinct node reachable from <paramref name="roots"/>, operands before the nodes that use them.</summary>
    public static List<Expr> PostOrder(IEnumerable<Expr> roots)
    {
        var order = new List<Expr>();
        var visited = new HashSet<Expr>();
        var stack = new Stack<(Expr Node, int Next)>();
        foreach (var root in roots)
        {
            if (!visited.Add(root))
            {
                continue;
            }

            stack.Push((root, 0));
            while (stack.Count > 0)
            {
                var (node, next) = stack.Pop();
                if (next < node.Args.Count)
                {
                    stack.Push((node, next + 1));
                    var child = node.Args[next];
                    if (visited.Add(child))
                    {
                        stack.Push((child, 0));
                    }
                }
                else
                {
                    order.Add(node);
                }
            }
        }

        return order;
    }
}
