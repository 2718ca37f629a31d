using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace SymGrad.Generator.Symbolic;

/// <summary>Prints expressions in readable mathematical notation, for XML docs and debugging.</summary>
internal static class MathPrinter
{
    private const int Conditional = 1;
    private const int Logical = 2;
    private const int Relational = 3;
    private const int Additive = 4;
    private const int Multiplicative = 5;
    private const int Unary = 6;
    private const int Power = 7;
    private const int Atom = 8;

    public static string Print(Expr e, IReadOnlyDictionary<Expr, string>? names = null) =>
        new Printer(names).Print(e, 0);

    private sealed class Printer(IReadOnlyDictionary<Expr, string>? names)
    {
        public string Print(Expr e, int context)
        {
            if (names is not null && names.TryGetValue(e, out var name))
            {
                return name;
            }

            var (text, precedence) = Render(e);
            return precedence < context ? "(" + text + ")" : text;
        }

        private (string Text, int Precedence) Render(Expr e)
        {
            switch (e.Kind)
            {
                case ExprKind.Const:
                    return (Number(e.Value), e.Value < 0 ? Unary : Atom);
                case ExprKind.Bool:
                    return (e.Value != 0 ? "true" : "false", Atom);
                case ExprKind.Param:
                    return (e.Name!.TrimStart('@'), Atom);
                case ExprKind.Add:
                    return (Sum(e), Additive);
                case ExprKind.Mul:
                    return Product(e);
                case ExprKind.Pow:
                    return PowerOf(e);
                case ExprKind.Fn:
                    return (FunctionCall(e), Atom);
                case ExprKind.Select:
                    return (Print(e.Args[0], Logical) + " ? " + Print(e.Args[1], Conditional) + " : " + Print(e.Args[2], Conditional), Conditional);
                case ExprKind.Compare:
                    return (Print(e.Args[0], Additive) + " " + Operator(e.Comparison) + " " + Print(e.Args[1], Additive), Relational);
                case ExprKind.And:
                    return (Print(e.Args[0], Relational) + " ∧ " + Print(e.Args[1], Relational), Logical);
                case ExprKind.Or:
                    return (Print(e.Args[0], Relational) + " ∨ " + Print(e.Args[1], Relational), Logical);
                case ExprKind.Not:
                    return ("¬" + Print(e.Args[0], Atom), Unary);
                case ExprKind.Call:
                    return (CallName(e.Target!.Method) + "(" + string.Join(", ", e.Args.Select(a => Print(a, 0))) + ")", Atom);
                case ExprKind.IntParam or ExprKind.Array or ExprKind.IntArray or ExprKind.Loop or ExprKind.Placeholder:
                    return (e.Name!.TrimStart('@'), Atom);
                case ExprKind.Length:
                    return ("len(" + Print(e.Args[0], 0) + ")", Atom);
                case ExprKind.Elem:
                    return (Print(e.Args[0], Atom) + "[" + Print(e.Args[1], 0) + "]", Atom);
                case ExprKind.Adjoint:
                    return ("∂/∂" + Print(e.Args[0], Atom), Atom);
                case ExprKind.Tabulate:
                    return (e.Name is { } array ? array.TrimStart('@') : "[" + Print(e.Args[2], 0) + "]", Atom);
                case ExprKind.Scan or ExprKind.ScanAdjoint:
                    return ((e.Kind == ExprKind.ScanAdjoint ? "∂/∂" : string.Empty) + (e.Name?.TrimStart('@') ?? "scan"), Atom);
                case ExprKind.Detach:
                    return (Print(e.Args[0], Atom), Atom);
                case ExprKind.Reduce:
                    return ((e.Function == Function.Max ? "max_" : "min_") + Print(e.Args[0], Atom) + " " + Print(e.Args[3], Atom), Atom);
                case ExprKind.Sum:
                    return ("Σ_" + Print(e.Args[0], Atom) + " " + Print(e.Args[3], Multiplicative), Additive);
                default:
                    {
                        var target = e.Target!;
                        var derivative = target.DifferentiableParameters.Count == 1
                            ? CallName(target.Method) + "′"
                            : "∂" + CallName(target.Method) + "/∂" + target.ParameterNames[e.Index].TrimStart('@');
                        return (derivative + "(" + string.Join(", ", e.Args.Select(a => Print(a, 0))) + ")", Atom);
                    }
            }
        }

        private string Sum(Expr e)
        {
            var text = new StringBuilder();
            foreach (var term in SumOrder(e.Args))
            {
                var negative = IsNegative(term);
                var magnitude = negative ? Negate(term) : term;
                if (text.Length == 0)
                {
                    text.Append(negative ? "−" + Print(magnitude, Unary) : Print(magnitude, Additive));
                }
                else
                {
                    text.Append(negative ? " − " : " + ").Append(Print(magnitude, Additive + 1));
                }
            }

            return text.ToString();
        }

        private (string, int) Product(Expr e)
        {
            var factors = e.Args.ToList();
            var negative = false;
            if (factors[0].IsConst && factors[0].Value < 0)
            {
                negative = true;
                factors[0] = ExprBuilder.Const(-factors[0].Value);
                if (factors[0].IsConstValue(1) && factors.Count > 1)
                {
                    factors.RemoveAt(0);
                }
            }

            var numerator = factors.Where(f => !IsReciprocal(f)).Select(f => Print(f, Multiplicative + 1)).ToList();
            var denominator = factors.Where(IsReciprocal).Select(f => Print(Reciprocal(f), Power)).ToList();
            var text = numerator.Count == 0 ? "1" : string.Join("·", numerator);
            if (denominator.Count > 0)
            {
                text += "/" + (denominator.Count == 1 ? denominator[0] : "(" + string.Join("·", denominator) + ")");
            }

            return negative ? ("−" + text, Unary) : (text, Multiplicative);
        }

        private (string, int) PowerOf(Expr e)
        {
            var (b, n) = (e.Args[0], e.Args[1]);
            if (IsReciprocal(e))
            {
                return ("1/" + Print(Reciprocal(e), Power), Multiplicative);
            }

            if (n.IsConstValue(0.5))
            {
                return ("√" + Print(b, Atom), Atom);
            }

            var exponent = n.IsConst ? Superscript(n.Value) : null;
            return exponent is null
                ? (Print(b, Atom) + "^" + Print(n, Atom), Power)
                : (Print(b, Atom) + exponent, Power);
        }

        private string FunctionCall(Expr e)
        {
            var args = string.Join(", ", e.Args.Select(a => Print(a, 0)));
            return e.Function switch
            {
                Function.Abs => "|" + args + "|",
                Function.Sqrt => "√" + Print(e.Args[0], Atom),
                Function.Cbrt => "∛" + Print(e.Args[0], Atom),
                Function.Sigmoid => "σ(" + args + ")",
                Function.Log => "ln(" + args + ")",
                Function.Log2 => "log₂(" + args + ")",
                Function.Log10 => "log₁₀(" + args + ")",
                Function.Log1P => "ln(1 + " + args + ")",
                Function.Quotient => "⌊" + Print(e.Args[0], Multiplicative) + "/" + Print(e.Args[1], Power) + "⌋",
                Function.Remainder => "(" + Print(e.Args[0], Multiplicative) + " mod " + Print(e.Args[1], Power) + ")",
                _ => e.Function.ToString().ToLowerInvariant() + "(" + args + ")",
            };
        }

        private static string CallName(string method)
        {
            var dot = method.LastIndexOf('.');
            return dot < 0 ? method : method.Substring(dot + 1);
        }
    }

    /// <summary>
    /// The order terms of a sum are written in: positive terms, then negative ones, then the
    /// constant — except that a constant leads when every other term is negative (1 − t²).
    /// </summary>
    public static IEnumerable<Expr> SumOrder(IReadOnlyList<Expr> terms)
    {
        var variable = terms.Where(t => !t.IsConst).ToList();
        var constants = terms.Where(t => t.IsConst).ToList();
        var ordered = variable.Where(t => !IsNegative(t)).Concat(variable.Where(IsNegative)).ToList();
        return ordered.Count > 0 && !IsNegative(ordered[0]) ? ordered.Concat(constants) : constants.Concat(ordered);
    }

    public static bool IsNegative(Expr e) =>
        (e.IsConst && e.Value < 0) || (e.Kind == ExprKind.Mul && e.Args[0].IsConst && e.Args[0].Value < 0);

    /// <summary>The negation of a term for which <see cref="IsNegative"/> holds, without re-canonicalizing it.</summary>
    public static Expr Negate(Expr e)
    {
        if (e.IsConst)
        {
            return ExprBuilder.Const(-e.Value);
        }

        var rest = e.Args.Skip(1).ToList();
        if (e.Args[0].Value != -1 || rest.Count == 0)
        {
            rest.Insert(0, ExprBuilder.Const(-e.Args[0].Value));
        }

        return rest.Count == 1 ? rest[0] : new Expr(ExprKind.Mul, rest.ToArray());
    }

    /// <summary>True for u⁻ⁿ with a positive constant n: printed in a denominator.</summary>
    public static bool IsReciprocal(Expr e) =>
        e.Kind == ExprKind.Pow && e.Args[1].IsConst && e.Args[1].Value < 0;

    public static Expr Reciprocal(Expr e) =>
        e.Args[1].IsConstValue(-1) ? e.Args[0] : new Expr(ExprKind.Pow, [e.Args[0], ExprBuilder.Const(-e.Args[1].Value)]);

    // A float method's constants are exact floats; print them as written (0.1, not 0.10000000149011612).
    private static string Number(double value) =>
        ((double)(float)value == value ? ((float)value).ToString("R", CultureInfo.InvariantCulture) : value.ToString("R", CultureInfo.InvariantCulture))
            .Replace("-", "−");

    private static string? Superscript(double value)
    {
        if (value != System.Math.Floor(value) || System.Math.Abs(value) > 99)
        {
            return null;
        }

        const string digits = "⁰¹²³⁴⁵⁶⁷⁸⁹";
        var text = ((int)value).ToString(CultureInfo.InvariantCulture);
        return new string(text.Select(c => c == '-' ? '⁻' : digits[c - '0']).ToArray());
    }

    private static string Operator(Comparison comparison) => comparison switch
    {
        Comparison.Less => "<",
        Comparison.LessOrEqual => "≤",
        Comparison.Greater => ">",
        Comparison.GreaterOrEqual => "≥",
        Comparison.Equal => "=",
        _ => "≠",
    };
}
