using System.Collections.Generic;
using System.Linq;
using System.Threading;
using SymGrad.Generator.Differentiation;
using SymGrad.Generator.Symbolic;

namespace SymGrad.Generator.Emit;

/// <summary>
/// Matrix products. A table written row by row over t = q·n + r (q a row of the batch, r a column) whose element holds
/// Σᵢ a[q·k + i]·b[r·k + i] is a dense layer's pre-activations, A·Bᵀ; a scatter d[r·k + i] += s(t)·x[q·k + i] over t
/// and i is its weight gradient, Sᵀ·X; and d[q·k + i] += s(t)·w[r·k + i] its input gradient, S·W. Each becomes one call
/// to a blocked <c>SymGrad.VectorMath</c> kernel instead of a loop nest of dot products or rank-one updates, which
/// reads every row of both operands once per row of the other.
/// </summary>
internal sealed partial class CSharpExpressions
{
    /// <summary>
    /// Computes the sums of <paramref name="body"/> (a table's element at <paramref name="counter"/>) that are products of
    /// rows of two matrices with <c>VectorMath.MultiplyTransposed</c>, into buffers read at the counter in the loop that
    /// fills the table.
    /// </summary>
    private List<(Expr Sum, string Buffer)> LayerProducts(Expr counter, Expr length, Expr body)
    {
        var products = new List<(Expr, string)>();
        if (length.Kind != ExprKind.Mul || length.Args.Count != 2)
        {
            return products;
        }

        foreach (var sum in OwnSums(body).Where(n => !declared.ContainsKey(n)).Distinct().ToList())
        {
            var (i, from, k, summand) = (sum.Args[0], sum.Args[1], sum.Args[2], sum.Args[3]);
            if (!from.IsConstValue(0) || free.Of(k).Contains(counter) || summand.Kind != ExprKind.Mul || summand.Args.Count != 2
                || summand.Args.Any(f => f.Kind != ExprKind.Elem))
            {
                continue;
            }

            foreach (var n in length.Args)
            {
                var m = length.Args[0].Equals(n) ? length.Args[1] : length.Args[0];
                var (byRow, byColumn) = (Row(counter, n, k, i), Column(counter, n, k, i));
                var (first, second) = (summand.Args[0], summand.Args[1]);
                var (a, b) = Same(first.Args[1], byRow) && Same(second.Args[1], byColumn) ? (first, second)
                    : Same(second.Args[1], byRow) && Same(first.Args[1], byColumn) ? (second, first)
                    : (null, null);
                if (a is null || b is null)
                {
                    continue;
                }

                var buffer = Buffer("products", length);
                ScopeFor(length).Statements.Add(
                    $"{VectorMathCall("MultiplyTransposed")}({Write(a.Args[0])}, {Write(b.Args[0])}, {Write(m)}, {Write(n)}, {Write(k)}, {buffer});");
                products.Add((sum, buffer));
                break;
            }
        }

        return products;
    }

    /// <summary>
    /// The kernel call for a scatter over t from 0 to m·n and i from 0 to k that adds s(t) times a row of a matrix to a
    /// row of <paramref name="target"/>, or null when it is not one. s is tabulated first.
    /// </summary>
    private string? LayerGradient(string target, Scatter scatter)
    {
        if (scatter.Loops.Count != 2 || scatter.Loops[0].To.Kind != ExprKind.Mul || scatter.Loops[0].To.Args.Count != 2
            || !scatter.Loops[0].From.IsConstValue(0) || !scatter.Loops[1].From.IsConstValue(0))
        {
            return null;
        }

        var (t, i, k) = (scatter.Loops[0].Counter, scatter.Loops[1].Counter, scatter.Loops[1].To);
        if (free.Of(k).Contains(t))
        {
            return null;
        }

        var (guards, product) = Unguarded(scatter.Value, i);
        if (product.Kind != ExprKind.Mul)
        {
            return null;
        }

        var reading = product.Args.Where(f => free.Of(f).Contains(i)).ToList();
        if (reading is not [{ Kind: ExprKind.Elem } row])
        {
            return null;
        }

        foreach (var n in scatter.Loops[0].To.Args)
        {
            var m = scatter.Loops[0].To.Args[0].Equals(n) ? scatter.Loops[0].To.Args[1] : scatter.Loops[0].To.Args[0];
            string kernel;
            if (Same(scatter.Index, Column(t, n, k, i)) && Same(row.Args[1], Row(t, n, k, i)))
            {
                kernel = "AddTransposedMultiply";
            }
            else if (Same(scatter.Index, Row(t, n, k, i)) && Same(row.Args[1], Column(t, n, k, i)))
            {
                kernel = "AddMultiply";
            }
            else
            {
                continue;
            }

            var rest = product.Args.Where(f => !ReferenceEquals(f, row)).ToList();
            var weight = guards.Aggregate(rest.Count == 1 ? rest[0] : Unsimplified.Mul(rest.ToArray()), (value, guard) => Unsimplified.Select(guard, value, ExprBuilder.Zero));
            // A table read at t is passed as it is; anything else is tabulated first.
            var weights = weight.Kind == ExprKind.Elem && weight.Args[1].Equals(t) && weight.Args[0].Kind is ExprKind.Tabulate or ExprKind.Adjoint
                ? Write(weight.Args[0])
                : Write(ExprBuilder.Tabulate(t, scatter.Loops[0].To, weight, "scaled"));
            return $"{VectorMathCall(kernel)}({weights}, {Write(row.Args[0])}, {Write(m)}, {Write(n)}, {Write(k)}, {target});";
        }

        return null;
    }

    /// <summary>Whether computing <paramref name="body"/> (tables it reads aside) takes a loop that is not declared already.</summary>
    private bool HasOwnLoops(Expr body) => OwnSums(body, includeExtrema: true).Any(n => !declared.ContainsKey(n));

    /// <summary>The sums (and extrema) in <paramref name="body"/> itself: not those inside a table it reads or inside another sum.</summary>
    private static IEnumerable<Expr> OwnSums(Expr body, bool includeExtrema = false)
    {
        var stack = new Stack<Expr>([body]);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (node.Kind == ExprKind.Sum || (includeExtrema && node.Kind == ExprKind.Reduce))
            {
                yield return node;
            }
            else if (node.Kind is not (ExprKind.Tabulate or ExprKind.Adjoint or ExprKind.Scan or ExprKind.ScanAdjoint or ExprKind.Reduce))
            {
                foreach (var arg in node.Args)
                {
                    stack.Push(arg);
                }
            }
        }
    }

    /// <summary>The value of a guarded scatter, <c>c ? v : 0</c> (nested), without its guards, which must not depend on <paramref name="i"/>.</summary>
    private (List<Expr> Guards, Expr Value) Unguarded(Expr value, Expr i)
    {
        var guards = new List<Expr>();
        while (value.Kind == ExprKind.Select && value.Args[2].IsConstValue(0) && !free.Of(value.Args[0]).Contains(i))
        {
            guards.Insert(0, value.Args[0]);
            value = value.Args[1];
        }

        return (guards, value);
    }

    /// <summary>⌊t/n⌋·k + i: element i of the row of a batch matrix that t's row reads.</summary>
    private static Expr Row(Expr t, Expr n, Expr k, Expr i) => Unsimplified.Add(Unsimplified.Mul(Unsimplified.Fn(Function.Quotient, t, n), k), i);

    /// <summary>(t mod n)·k + i: element i of the row of a weight matrix that t's column reads.</summary>
    private static Expr Column(Expr t, Expr n, Expr k, Expr i) => Unsimplified.Add(Unsimplified.Mul(Unsimplified.Fn(Function.Remainder, t, n), k), i);

    /// <summary>Whether two index expressions are equal once simplified.</summary>
    private static bool Same(Expr a, Expr b) => Simplifier.Canonicalize(Folding, Unsimplified.Sub(a, b), CancellationToken.None).IsConstValue(0);
}
