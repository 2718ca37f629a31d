using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using SymGrad.Generator.Diagnostics;
using SymGrad.Generator.Model;

namespace SymGrad.Generator;

/// <summary>
/// Finds recursion among [Differentiable] methods: a generated gradient that calls itself through
/// other gradients would never terminate, so such methods get SGRAD006 instead of code.
/// </summary>
internal static class CallGraph
{
    public static RecursionReport FindCycles(ImmutableArray<CallGraphNode> nodes)
    {
        var byId = new Dictionary<string, CallGraphNode>();
        foreach (var node in nodes)
        {
            byId[node.Id] = node;
        }

        var recursive = new List<string>();
        var diagnostics = new List<DiagnosticInfo>();
        foreach (var node in nodes.OrderBy(n => n.Id, System.StringComparer.Ordinal))
        {
            var cycle = CycleThrough(node, byId);
            if (cycle is not null)
            {
                recursive.Add(node.Id);
                var names = string.Join(" → ", cycle.Select(id => byId[id].Name).Append(node.Name));
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.Recursion, node.Location, node.Name, names));
            }
        }

        return new RecursionReport(recursive.ToEquatableArray(), diagnostics.ToEquatableArray());
    }

    /// <summary>A path from <paramref name="start"/> back to itself, or null.</summary>
    private static List<string>? CycleThrough(CallGraphNode start, Dictionary<string, CallGraphNode> byId)
    {
        var parent = new Dictionary<string, string>();
        var queue = new Queue<string>();
        queue.Enqueue(start.Id);
        var seen = new HashSet<string> { start.Id };
        while (queue.Count > 0)
        {
            var current = queue.Dequeue();
            if (!byId.TryGetValue(current, out var node))
            {
                continue;
            }

            foreach (var callee in node.Callees)
            {
                if (callee == start.Id)
                {
                    var path = new List<string> { current };
                    while (parent.TryGetValue(path[0], out var previous))
                    {
                        path.Insert(0, previous);
                    }

                    return path;
                }

                if (seen.Add(callee))
                {
                    parent[callee] = current;
                    queue.Enqueue(callee);
                }
            }
        }

        return null;
    }
}
