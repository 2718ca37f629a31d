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
/// <remarks>
/// Loops are swept scope by scope. A Σᵢ node hands its adjoint to its summand for every i and
/// sweeps the summand with i bound; what reaches a node outside the loop comes back summed over
/// i. An element read <c>a[idx]</c> of an array that varies becomes a <see cref="Scatter"/> into
/// the adjoint of <c>a</c>; a tabulated array, once every read of it has scattered, sweeps its
/// body with the element of its adjoint as the seed.
/// </remarks>
internal sealed class ReverseAccumulation
{
    private readonly ExprBuilder b;
    private readonly HashSet<Expr> wrt;
    private readonly CancellationToken cancellationToken;
    private readonly Dictionary<Expr, bool> varies = new();
    private readonly FreeCounters free = new();
    private readonly Dictionary<Expr, List<Scatter>> scatters = new();

    private ReverseAccumulation(ExprBuilder b, IEnumerable<Expr> wrt, CancellationToken cancellationToken)
    {
        this.b = b;
        this.wrt = new HashSet<Expr>(wrt);
        this.cancellationToken = cancellationToken;
    }

    /// <summary>The partials of <paramref name="root"/> with respect to scalar <paramref name="parameters"/>.</summary>
    public static IReadOnlyList<Expr> Gradient(ExprBuilder b, Expr root, IReadOnlyList<Expr> parameters, CancellationToken cancellationToken) =>
        Sweep(b, root, parameters, cancellationToken).Partials;

    /// <summary>
    /// The partials of <paramref name="root"/> with respect to <paramref name="parameters"/>: an
    /// expression for a scalar parameter (zero for an array), and for every array that varies —
    /// array parameters and tabulated intermediates — the scatters that make up its adjoint,
    /// keyed by <see cref="ExprBuilder.Adjoint"/> of it.
    /// </summary>
    public static (IReadOnlyList<Expr> Partials, IReadOnlyDictionary<Expr, List<Scatter>> Scatters) Sweep(
        ExprBuilder b, Expr root, IReadOnlyList<Expr> parameters, CancellationToken cancellationToken)
    {
        var sweep = new ReverseAccumulation(b, parameters, cancellationToken);
        var adjoints = sweep.Propagate([(root, ExprBuilder.One)], []);
        var partials = parameters.Select(p => adjoints.TryGetValue(p, out var a) ? a : ExprBuilder.Zero).ToList();
        return (partials, sweep.scatters);
    }

    /// <summary>
    /// The vector-Jacobian product of a vector-valued method whose result is the tabulated
    /// <paramref name="output"/>: the partials of Σₖ gradOutput[k]·output[k], swept from the
    /// output's elements without ever forming the sum.
    /// </summary>
    public static (IReadOnlyList<Expr> Partials, IReadOnlyDictionary<Expr, List<Scatter>> Scatters) SweepBackward(
        ExprBuilder b, Expr output, Expr gradOutput, IReadOnlyList<Expr> parameters, CancellationToken cancellationToken)
    {
        var sweep = new ReverseAccumulation(b, parameters, cancellationToken);
        var counter = output.Args[0];
        var outside = sweep.Propagate([(output.Args[2], ExprBuilder.Elem(gradOutput, counter))], [new LoopRange(counter, ExprBuilder.Zero, output.Args[1])]);
        // The output's body joins the top-level sweep with no seed of its own: a tabulated intermediate it reads only
        // through elements (a hidden layer h[j]) has scattered into its adjoint above, and must still sweep its body.
        var adjoints = sweep.Propagate([.. outside.Select(p => (p.Key, p.Value)), (output.Args[2], ExprBuilder.Zero)], []);
        var partials = parameters.Select(p => adjoints.TryGetValue(p, out var a) ? a : ExprBuilder.Zero).ToList();
        return (partials, sweep.scatters);
    }

    /// <summary>
    /// Sweeps the nodes that depend on the innermost loop of <paramref name="loops"/> (all nodes
    /// at the top level) from the given seeds, and returns the adjoints that reach nodes outside it.
    /// </summary>
    private Dictionary<Expr, Expr> Propagate(IReadOnlyList<(Expr Root, Expr Seed)> seeds, IReadOnlyList<LoopRange> loops)
    {
        var bound = new HashSet<Expr>(loops.Select(l => l.Counter));
        var innermost = loops.Count == 0 ? null : loops[loops.Count - 1].Counter;
        var order = InScope(seeds.Select(s => s.Root), bound);
        var contributions = new Dictionary<Expr, List<Expr>>();
        foreach (var (root, seed) in seeds)
        {
            Contribute(contributions, root, seed);
        }

        var outside = new Dictionary<Expr, Expr>();
        for (var n = order.Count - 1; n >= 0; n--)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var node = order[n];
            var local = innermost is null || Free(node).Contains(innermost);
            if (node.Kind == ExprKind.Scan && local && scatters.ContainsKey(ExprBuilder.Adjoint(node)))
            {
                Recurrence(node, loops, contributions);
                continue;
            }

            if (node.Kind == ExprKind.Tabulate && local && scatters.ContainsKey(ExprBuilder.Adjoint(node)))
            {
                var counter = node.Args[0];
                var inner = Propagate([(node.Args[2], ExprBuilder.Elem(ExprBuilder.Adjoint(node), counter))], [.. loops, new LoopRange(counter, ExprBuilder.Zero, node.Args[1])]);
                Merge(contributions, inner);
                continue;
            }

            if (!Varies(node) || !contributions.TryGetValue(node, out var parts))
            {
                continue;
            }

            var adjoint = b.Add(parts);
            if (!local)
            {
                outside[node] = b.Sum(innermost!, loops[loops.Count - 1].From, loops[loops.Count - 1].To, adjoint);
                continue;
            }

            switch (node.Kind)
            {
                case ExprKind.Param:
                    outside[node] = adjoint;
                    break;
                case ExprKind.Elem:
                    Record(ExprBuilder.Adjoint(node.Args[0]), new Scatter(loops, node.Args[1], adjoint));
                    break;
                case ExprKind.Sum:
                    {
                        var counter = node.Args[0];
                        Merge(contributions, Propagate([(node.Args[3], adjoint)], [.. loops, new LoopRange(counter, node.Args[1], node.Args[2])]));
                        break;
                    }

                case ExprKind.Reduce:
                    {
                        // The largest (smallest) elements share the adjoint evenly, like torch.amax.
                        var (counter, from, to, body) = (node.Args[0], node.Args[1], node.Args[2], node.Args[3]);
                        var wins = b.Compare(Comparison.Equal, body, node);
                        var ties = b.Sum(counter, from, to, b.Select(wins, ExprBuilder.One, ExprBuilder.Zero));
                        var share = b.Select(wins, b.Div(adjoint, ties), ExprBuilder.Zero);
                        Merge(contributions, Propagate([(body, share)], [.. loops, new LoopRange(counter, from, to)]));
                        break;
                    }

                case ExprKind.Select:
                    Contribute(contributions, node.Args[1], b.Select(node.Args[0], adjoint, ExprBuilder.Zero));
                    Contribute(contributions, node.Args[2], b.Select(node.Args[0], ExprBuilder.Zero, adjoint));
                    break;
                default:
                    for (var i = 0; i < node.Args.Count; i++)
                    {
                        if (Varies(node.Args[i]))
                        {
                            Contribute(contributions, node.Args[i], Times(adjoint, DerivativeRules.Partial(b, node, i, Varies)));
                        }
                    }

                    break;
            }
        }

        return outside;
    }

    /// <summary>
    /// Reverse mode through a recurrence c[k + 1] = body(c[k], from + k): the adjoint of every step is
    /// found backwards (c̄[k] = direct[k] + c̄[k + 1]·∂body/∂c at step k), then each step's body hands
    /// c̄[k + 1] to everything else it reads, with the stored c[k] in place of the placeholder.
    /// </summary>
    private void Recurrence(Expr scan, IReadOnlyList<LoopRange> loops, Dictionary<Expr, List<Expr>> contributions)
    {
        var (counter, from, to, initial, body, placeholder) = (scan.Args[0], scan.Args[1], scan.Args[2], scan.Args[3], scan.Args[4], scan.Args[5]);
        var stored = ExprBuilder.Elem(ExprBuilder.Detach(scan), ExprBuilder.ScanStep(scan, counter));
        // ∂body/∂c at one step, with the placeholder and the counter as plain symbols while it is taken.
        var value = ExprBuilder.Param("step value", -2);
        var step = ExprBuilder.IntParam("step", -3);
        var local = new ReverseAccumulation(b, [value], cancellationToken);
        var plain = b.Substitute(b.Substitute(body, placeholder, value), counter, step);
        var partial = local.Propagate([(plain, ExprBuilder.One)], []).TryGetValue(value, out var d) ? d : ExprBuilder.Zero;
        var stepDerivative = b.Substitute(b.Substitute(partial, value, stored), step, counter);
        var adjoint = ExprBuilder.ScanAdjoint(scan, ExprBuilder.Adjoint(scan), stepDerivative);
        var next = b.Add(ExprBuilder.ScanStep(scan, counter), ExprBuilder.One);
        Merge(contributions, Propagate([(b.Substitute(body, placeholder, stored), ExprBuilder.Elem(adjoint, next))], [.. loops, new LoopRange(counter, from, to)]));
        Contribute(contributions, initial, ExprBuilder.Elem(adjoint, ExprBuilder.Zero));
    }

    /// <summary>
    /// adjoint·partial, with an adjoint that only one branch of a condition receives kept as a
    /// select outside the product: (c ? a·p : 0), not (c ? a : 0)·p, whose p from the branch not
    /// taken may be NaN (0/0 over an empty span behind an early return) and spoil the zero.
    /// </summary>
    private Expr Times(Expr adjoint, Expr partial)
    {
        if (adjoint.Kind == ExprKind.Select && !adjoint.IsCondition)
        {
            if (adjoint.Args[2].IsConstValue(0))
            {
                return b.Select(adjoint.Args[0], Times(adjoint.Args[1], partial), ExprBuilder.Zero);
            }

            if (adjoint.Args[1].IsConstValue(0))
            {
                return b.Select(adjoint.Args[0], ExprBuilder.Zero, Times(adjoint.Args[2], partial));
            }
        }

        return b.Mul(adjoint, partial);
    }

    private void Contribute(Dictionary<Expr, List<Expr>> contributions, Expr node, Expr contribution)
    {
        if (!Varies(node) || contribution.IsConstValue(0))
        {
            return;
        }

        if (!contributions.TryGetValue(node, out var list))
        {
            contributions[node] = list = [];
        }

        list.Add(contribution);
    }

    private void Merge(Dictionary<Expr, List<Expr>> contributions, Dictionary<Expr, Expr> adjoints)
    {
        foreach (var pair in adjoints)
        {
            Contribute(contributions, pair.Key, pair.Value);
        }
    }

    private void Record(Expr adjoint, Scatter scatter)
    {
        if (!scatters.TryGetValue(adjoint, out var list))
        {
            scatters[adjoint] = list = [];
        }

        list.Add(scatter);
    }

    /// <summary>Operands before users, every node reachable from the roots whose free counters are all bound.</summary>
    private List<Expr> InScope(IEnumerable<Expr> roots, HashSet<Expr> bound) =>
        Topology.PostOrder(roots).Where(n => Free(n).IsSubsetOf(bound)).ToList();

    private HashSet<Expr> Free(Expr node) => free.Of(node);

    private bool Varies(Expr node)
    {
        if (varies.TryGetValue(node, out var result))
        {
            return result;
        }

        foreach (var n in Topology.PostOrder([node]).Where(n => !varies.ContainsKey(n)))
        {
            varies[n] = n.Kind switch
            {
                ExprKind.Param or ExprKind.Array => wrt.Contains(n),
                ExprKind.Const or ExprKind.Bool or ExprKind.IntParam or ExprKind.IntArray or ExprKind.Loop or ExprKind.Length or ExprKind.Adjoint or ExprKind.Placeholder
                    or ExprKind.ScanAdjoint or ExprKind.Detach => false,
                _ when n.IsCondition => false,
                ExprKind.Select => varies[n.Args[1]] || varies[n.Args[2]],
                ExprKind.Elem => varies[n.Args[0]],
                ExprKind.Sum or ExprKind.Reduce => varies[n.Args[3]],
                ExprKind.Tabulate => varies[n.Args[2]],
                ExprKind.Scan => varies[n.Args[3]] || varies[n.Args[4]],
                _ => n.Args.Any(a => varies[a]),
            };
        }

        return varies[node];
    }
}
