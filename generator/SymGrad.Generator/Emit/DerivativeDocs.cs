using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.Symbolic;

namespace SymGrad.Generator.Emit;

/// <summary>
/// Writes the mathematics of a generated member for its XML doc: the function and each partial
/// derivative, with forward values that the derivative reuses given short names
/// (e.g. <c>∂f/∂x = s·(1 − s), where s = σ(x)</c>).
/// </summary>
internal static class DerivativeDocs
{
    public static string Describe(Expr value, Expr derivative)
    {
        var names = ReusedForwardValues(value, derivative);
        var text = MathPrinter.Print(derivative, names);
        var used = names.ToList();
        if (used.Count > 0)
        {
            text += ", where " + string.Join(", ", used.Select(n => n.Value + " = " + MathPrinter.Print(n.Key)));
        }

        return text;
    }

    /// <summary>
    /// The partials of a method with respect to the elements of an array parameter, one line per
    /// contribution: <c>∂f/∂x[i] += …  (i from 0 to n − 1)</c>.
    /// </summary>
    public static IReadOnlyList<string> DescribeArray(string method, string parameter, Expr array, IReadOnlyDictionary<Expr, List<Differentiation.Scatter>> scatters)
    {
        var list = scatters.TryGetValue(ExprBuilder.Adjoint(array), out var found) ? found : [];
        if (list.Count == 0)
        {
            return [$"∂{method}/∂{parameter} = 0"];
        }

        var single = list.Count == 1;
        return list.Select(s =>
        {
            var ranges = s.Loops.Count == 0 ? string.Empty
                : "  (" + string.Join(", ", s.Loops.Select(l => $"{MathPrinter.Print(l.Counter)} from {MathPrinter.Print(l.From)} to {MathPrinter.Print(l.To)} − 1")) + ")";
            return $"∂{method}/∂{parameter}[{MathPrinter.Print(s.Index)}] {(single ? "=" : "+=")} {MathPrinter.Print(s.Value)}{ranges}";
        }).ToList();
    }

    private static Dictionary<Expr, string> ReusedForwardValues(Expr value, Expr derivative)
    {
        var forward = new HashSet<Expr>(Topology.PostOrder([value]));
        var names = new Dictionary<Expr, string>();
        var taken = new HashSet<string>();
        foreach (var node in Topology.PostOrder([derivative]))
        {
            if (node.Kind != ExprKind.Fn || !forward.Contains(node))
            {
                continue;
            }

            var hint = node.Function switch
            {
                Function.Sigmoid => "s",
                Function.Tanh => "t",
                Function.Exp => "e",
                Function.Sqrt => "r",
                Function.Tan => "τ",
                _ => null,
            };
            if (hint is null)
            {
                continue;
            }

            var name = hint;
            for (var i = 1; !taken.Add(name); i++)
            {
                name = hint + Subscript(i);
            }

            names[node] = name;
        }

        return names;
    }

    private static string Subscript(int i) =>
        new(i.ToString(System.Globalization.CultureInfo.InvariantCulture).Select(c => "₀₁₂₃₄₅₆₇₈₉"[c - '0']).ToArray());
}
