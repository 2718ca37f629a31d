using System;
using System.Collections.Generic;
using System.Linq;

namespace SymGrad.Generator.Symbolic;

/// <summary>
/// Builds IR nodes. With <see cref="Simplify"/> on, every factory returns its node in canonical
/// form — sums and products flattened and sorted, constants folded, like terms and powers of the
/// same base combined, hand-written sigmoid, tanh and softplus recognized — so that equal
/// mathematics is equal IR. With it off, nodes are built exactly as written, which lets the tests
/// prove that simplification changes no values.
/// </summary>
internal sealed partial class ExprBuilder
{
    public static readonly Expr Zero = Const(0);
    public static readonly Expr One = Const(1);
    public static readonly Expr MinusOne = Const(-1);
    public static readonly Expr True = new(ExprKind.Bool, value: 1);
    public static readonly Expr False = new(ExprKind.Bool, value: 0);

    public ExprBuilder(bool simplify)
    {
        Simplify = simplify;
    }

    public bool Simplify { get; }

    public static Expr Const(double value) => new(ExprKind.Const, value: value);

    public static Expr Param(string name, int index) => new(ExprKind.Param, name: name, index: index);

    public static Expr Bool(bool value) => value ? True : False;

    public static Expr IntParam(string name, int index) => new(ExprKind.IntParam, name: name, index: index);

    public static Expr Array(string name, int index) => new(ExprKind.Array, name: name, index: index);

    public static Expr IntArray(string name, int index) => new(ExprKind.IntArray, name: name, index: index);

    public static Expr Loop(string name, int id) => new(ExprKind.Loop, name: name, index: id);

    public static Expr Placeholder(string name, int id) => new(ExprKind.Placeholder, name: name, index: id);

    public static Expr Length(Expr array) => array.Kind switch
    {
        ExprKind.Tabulate => array.Args[1],
        ExprKind.Scan => ScanLength(array),
        ExprKind.ScanAdjoint or ExprKind.Adjoint or ExprKind.Detach => Length(array.Args[0]),
        _ => new(ExprKind.Length, [array]),
    };

    public static Expr Adjoint(Expr array) => new(ExprKind.Adjoint, [array]);

    /// <summary>An element. Elements of a tabulated array stay reads of that array: it is computed once, not per read.</summary>
    public static Expr Elem(Expr array, Expr index) =>
        array.Kind == ExprKind.Tabulate && array.Args[2].IsConst ? array.Args[2] : new(ExprKind.Elem, [array, index]);

    /// <summary>
    /// Σ_{counter = from}^{to − 1} body; zero when the body is zero, and factors that do not depend
    /// on the counter taken out (Σ c·f(i) = c·Σ f(i)), so that equal sums are equal nodes.
    /// </summary>
    public Expr Sum(Expr counter, Expr from, Expr to, Expr body)
    {
        if (!Simplify)
        {
            return new(ExprKind.Sum, [counter, from, to, body]);
        }

        if (body.IsConstValue(0))
        {
            return Zero;
        }

        if (body.Kind == ExprKind.Mul)
        {
            var counters = new FreeCounters();
            var invariant = body.Args.Where(f => !counters.Of(f).Contains(counter)).ToList();
            if (invariant.Count > 0 && invariant.Count < body.Args.Count)
            {
                var varying = body.Args.Where(f => !invariant.Contains(f)).ToList();
                return Mul(invariant.Concat([Sum(counter, from, to, Mul(varying))]));
            }
        }

        return new(ExprKind.Sum, [counter, from, to, body]);
    }

    /// <summary>The array <c>[body(0), …, body(length − 1)]</c>; <paramref name="name"/> is what the source called it.</summary>
    /// <summary>max (or min, by <paramref name="function"/>) of body over counter = from … to − 1; −∞ (+∞) over no elements.</summary>
    public static Expr Reduce(Function function, Expr counter, Expr from, Expr to, Expr body) =>
        new(ExprKind.Reduce, [counter, from, to, body], function: function);

    /// <summary>The steps of a recurrence; see <see cref="ExprKind.Scan"/>.</summary>
    public static Expr Scan(Expr counter, Expr from, Expr to, Expr initial, Expr body, Expr placeholder, string? name = null) =>
        new(ExprKind.Scan, [counter, from, to, initial, body, placeholder], name: name);

    public static Expr ScanAdjoint(Expr scan, Expr direct, Expr stepDerivative) => new(ExprKind.ScanAdjoint, [scan, direct, stepDerivative], name: scan.Name);

    public static Expr Detach(Expr value) => value.Kind == ExprKind.Detach ? value : new(ExprKind.Detach, [value]);

    /// <summary>The number of elements of a <see cref="ExprKind.Scan"/>: max(to − from, 0) + 1.</summary>
    public static Expr ScanLength(Expr scan) =>
        Folding.Add(new Expr(ExprKind.Fn, [Folding.Add(scan.Args[2], Folding.Neg(scan.Args[1])), Zero], function: Function.Max), One);

    /// <summary>The index of step <paramref name="counter"/> of a scan, counter − from.</summary>
    public static Expr ScanStep(Expr scan, Expr counter) => Folding.Add(counter, Folding.Neg(scan.Args[1]));

    private static readonly ExprBuilder Folding = new(simplify: true);

    public static Expr Tabulate(Expr counter, Expr length, Expr body, string? name = null) => new(ExprKind.Tabulate, [counter, length, body], name: name);

    /// <summary><paramref name="root"/> with every occurrence of <paramref name="variable"/> replaced by <paramref name="value"/>.</summary>
    public Expr Substitute(Expr root, Expr variable, Expr value)
    {
        if (variable.Equals(value))
        {
            return root;
        }

        var rewritten = new Dictionary<Expr, Expr>();
        var counters = new FreeCounters();
        foreach (var node in Topology.PostOrder([root]))
        {
            if (node.Equals(variable))
            {
                rewritten[node] = value;
                continue;
            }

            if (variable.Kind is ExprKind.Loop or ExprKind.Placeholder && !counters.Of(node).Contains(variable))
            {
                // Nothing to replace, or a Σ that binds a counter of the same name: leave it be.
                rewritten[node] = node;
                continue;
            }

            var args = new Expr[node.Args.Count];
            var changed = false;
            for (var i = 0; i < args.Length; i++)
            {
                args[i] = rewritten[node.Args[i]];
                changed |= !ReferenceEquals(args[i], node.Args[i]);
            }

            rewritten[node] = changed ? Rebuild(node, args) : node;
        }

        return rewritten[root];
    }

    public Expr Neg(Expr x) => Mul(MinusOne, x);

    public Expr Sub(Expr a, Expr b) => Add(a, Neg(b));

    public Expr Div(Expr a, Expr b) => Mul(a, Pow(b, MinusOne));

    public Expr Square(Expr x) => Pow(x, Const(2));

    public Expr Add(params Expr[] terms) => Add((IEnumerable<Expr>)terms);

    public Expr Add(IEnumerable<Expr> terms)
    {
        var list = terms.ToList();
        if (!Simplify)
        {
            return list.Count switch
            {
                0 => Zero,
                1 => list[0],
                _ => new Expr(ExprKind.Add, list.ToArray()),
            };
        }

        var flat = new List<Expr>();
        var constant = 0.0;
        foreach (var term in list)
        {
            Flatten(term, ExprKind.Add, flat);
        }

        var coefficients = new Dictionary<Expr, double>();
        var order = new List<Expr>();
        foreach (var term in MergeSelects(flat))
        {
            if (term.IsConst)
            {
                constant += term.Value;
                continue;
            }

            var (coefficient, rest) = SplitCoefficient(term);
            if (coefficients.TryGetValue(rest, out var existing))
            {
                coefficients[rest] = existing + coefficient;
            }
            else
            {
                coefficients[rest] = coefficient;
                order.Add(rest);
            }
        }

        var result = new List<Expr>();
        foreach (var rest in order)
        {
            var coefficient = coefficients[rest];
            if (coefficient != 0)
            {
                result.Add(coefficient == 1 ? rest : Mul(Const(coefficient), rest));
            }
        }

        if (result.Count > 1 && result.Any(t => t.Kind == ExprKind.Add))
        {
            // Multiplying a coefficient back in can distribute over a sum; flatten once more.
            return Add(result.Append(Const(constant)));
        }

        result.Sort(ExprOrder.Instance);
        if (constant != 0 || result.Count == 0)
        {
            result.Insert(0, Const(constant));
        }

        if (result.Count == 1)
        {
            return result[0];
        }

        return new Expr(ExprKind.Add, result.ToArray());
    }

    public Expr Mul(params Expr[] factors) => Mul((IEnumerable<Expr>)factors);

    public Expr Mul(IEnumerable<Expr> factors)
    {
        var list = factors.ToList();
        if (!Simplify)
        {
            return list.Count switch
            {
                0 => One,
                1 => list[0],
                _ => new Expr(ExprKind.Mul, list.ToArray()),
            };
        }

        var flat = new List<Expr>();
        foreach (var factor in list)
        {
            Flatten(factor, ExprKind.Mul, flat);
        }

        var constant = 1.0;
        var exponents = new Dictionary<Expr, Expr>();
        var order = new List<Expr>();
        foreach (var factor in flat)
        {
            if (factor.IsConst)
            {
                constant *= factor.Value;
                continue;
            }

            var (baseExpr, exponent) = factor.Kind == ExprKind.Pow && factor.Args[1].IsConst
                ? (factor.Args[0], factor.Args[1])
                : (factor, One);
            if (exponents.TryGetValue(baseExpr, out var existing))
            {
                exponents[baseExpr] = Add(existing, exponent);
            }
            else
            {
                exponents[baseExpr] = exponent;
                order.Add(baseExpr);
            }
        }

        if (constant == 0)
        {
            return Zero;
        }

        var result = new List<Expr>();
        foreach (var baseExpr in order)
        {
            var power = Pow(baseExpr, exponents[baseExpr]);
            if (power.IsConst)
            {
                constant *= power.Value;
            }
            else if (power.Kind == ExprKind.Mul)
            {
                // (2·x)⁻¹ and the like split back into a constant and factors.
                foreach (var part in power.Args)
                {
                    if (part.IsConst)
                    {
                        constant *= part.Value;
                    }
                    else
                    {
                        result.Add(part);
                    }
                }
            }
            else
            {
                result.Add(power);
            }
        }

        if (result.Count == 0 || constant == 0)
        {
            return Const(constant);
        }

        var recognized = RecognizeProduct(result);
        if (recognized is not null)
        {
            return Mul(recognized.Append(Const(constant)));
        }

        var select = result.FindIndex(f => f.Kind == ExprKind.Select && !f.IsCondition
            && (f.Args[1].IsConstValue(0) || f.Args[2].IsConstValue(0)));
        if (select >= 0)
        {
            // k·(c ? a : 0) = c ? k·a : 0 — keeps gradients of branches readable and lets sums merge them.
            var s = result[select];
            var others = result.Where((_, i) => i != select).Append(Const(constant)).ToList();
            return Select(s.Args[0], Mul(others.Append(s.Args[1])), Mul(others.Append(s.Args[2])));
        }

        if (constant != 1 && result.Count == 1 && result[0].Kind == ExprKind.Add)
        {
            // A numeric coefficient distributes over a sum, so that like terms can cancel.
            return Add(result[0].Args.Select(t => Mul(Const(constant), t)));
        }

        result.Sort(ExprOrder.Instance);
        if (constant != 1)
        {
            result.Insert(0, Const(constant));
        }

        return result.Count == 1 ? result[0] : new Expr(ExprKind.Mul, result.ToArray());
    }

    public Expr Pow(Expr baseExpr, Expr exponent)
    {
        if (!Simplify)
        {
            return new Expr(ExprKind.Pow, [baseExpr, exponent]);
        }

        if (exponent.IsConst)
        {
            var n = exponent.Value;
            if (n == 0)
            {
                return One;
            }

            if (n == 1)
            {
                return baseExpr;
            }

            if (baseExpr.IsConst)
            {
                return Const(Math.Pow(baseExpr.Value, n));
            }

            var isInteger = Math.Floor(n) == n;
            if (isInteger && baseExpr.Kind == ExprKind.Pow && baseExpr.Args[1].IsConst)
            {
                return Pow(baseExpr.Args[0], Const(baseExpr.Args[1].Value * n));
            }

            if (isInteger && baseExpr.Kind == ExprKind.Mul)
            {
                return Mul(baseExpr.Args.Select(f => Pow(f, exponent)));
            }

            if (n == -1)
            {
                var sigmoid = RecognizeReciprocal(baseExpr);
                if (sigmoid is not null)
                {
                    return sigmoid;
                }
            }
        }
        else if (baseExpr.IsConstValue(1))
        {
            return One;
        }

        return new Expr(ExprKind.Pow, [baseExpr, exponent]);
    }

    public Expr Fn(Function function, params Expr[] args)
    {
        if (!Simplify)
        {
            return new Expr(ExprKind.Fn, args, function: function);
        }

        if (args.All(a => a.IsConst))
        {
            var folded = Intrinsics.Evaluate(function, args.Select(a => a.Value).ToArray());
            if (!double.IsNaN(folded) && !double.IsInfinity(folded))
            {
                return Const(folded);
            }
        }

        // max(−∞, u) = u and min(+∞, u) = u: the usual start of a running maximum or minimum.
        var identity = function == Function.Max ? double.NegativeInfinity : function == Function.Min ? double.PositiveInfinity : double.NaN;
        if (args.Length == 2 && args.FirstOrDefault(a => a.IsConstValue(identity)) is { } neutral)
        {
            return ReferenceEquals(neutral, args[0]) ? args[1] : args[0];
        }

        return RecognizeFunction(function, args) ?? new Expr(ExprKind.Fn, args, function: function);
    }

    public Expr Select(Expr condition, Expr whenTrue, Expr whenFalse)
    {
        if (Simplify)
        {
            if (condition.Kind == ExprKind.Bool)
            {
                return condition.Value != 0 ? whenTrue : whenFalse;
            }

            if (whenTrue.Equals(whenFalse))
            {
                return whenTrue;
            }

            if (whenTrue.Kind == ExprKind.Bool && whenFalse.Kind == ExprKind.Bool)
            {
                return whenTrue.Value != 0 ? condition : Not(condition);
            }

            // c ? true : b is c || b, and so on: keeps merged early-return conditions flat.
            if (whenTrue.Kind == ExprKind.Bool && whenFalse.IsCondition)
            {
                return whenTrue.Value != 0 ? Or(condition, whenFalse) : And(Not(condition), whenFalse);
            }

            if (whenFalse.Kind == ExprKind.Bool && whenTrue.IsCondition)
            {
                return whenFalse.Value != 0 ? Or(Not(condition), whenTrue) : And(condition, whenTrue);
            }

            if (condition.Kind == ExprKind.Not)
            {
                return Select(condition.Args[0], whenFalse, whenTrue);
            }
        }

        return new Expr(ExprKind.Select, [condition, whenTrue, whenFalse]);
    }

    public Expr Compare(Comparison comparison, Expr left, Expr right)
    {
        if (Simplify && left.IsConst && right.IsConst)
        {
            return Bool(Intrinsics.Compare(comparison, left.Value, right.Value));
        }

        return new Expr(ExprKind.Compare, [left, right], comparison: comparison);
    }

    public Expr And(Expr left, Expr right)
    {
        if (Simplify)
        {
            if (left.Kind == ExprKind.Bool)
            {
                return left.Value != 0 ? right : False;
            }

            if (right.Kind == ExprKind.Bool)
            {
                return right.Value != 0 ? left : False;
            }

            if (left.Equals(right))
            {
                return left;
            }
        }

        return new Expr(ExprKind.And, [left, right]);
    }

    public Expr Or(Expr left, Expr right)
    {
        if (Simplify)
        {
            if (left.Kind == ExprKind.Bool)
            {
                return left.Value != 0 ? True : right;
            }

            if (right.Kind == ExprKind.Bool)
            {
                return right.Value != 0 ? True : left;
            }

            if (left.Equals(right))
            {
                return left;
            }
        }

        return new Expr(ExprKind.Or, [left, right]);
    }

    public Expr Not(Expr operand)
    {
        if (Simplify)
        {
            if (operand.Kind == ExprKind.Bool)
            {
                return Bool(operand.Value == 0);
            }

            if (operand.Kind == ExprKind.Not)
            {
                return operand.Args[0];
            }
        }

        return new Expr(ExprKind.Not, [operand]);
    }

    public static Expr Call(CallTarget target, IReadOnlyList<Expr> args) =>
        new(ExprKind.Call, args.ToArray(), target: target);

    public static Expr CallPartial(CallTarget target, IReadOnlyList<Expr> args, int parameter) =>
        new(ExprKind.CallPartial, args.ToArray(), index: parameter, target: target);

    /// <summary>Builds a node of the same kind as <paramref name="node"/> over new operands.</summary>
    public Expr Rebuild(Expr node, IReadOnlyList<Expr> args) => node.Kind switch
    {
        ExprKind.Const or ExprKind.Param or ExprKind.Bool or ExprKind.IntParam or ExprKind.Array or ExprKind.IntArray or ExprKind.Loop or ExprKind.Placeholder => node,
        ExprKind.Length => Length(args[0]),
        ExprKind.Adjoint => Adjoint(args[0]),
        ExprKind.Elem => Elem(args[0], args[1]),
        ExprKind.Sum => Sum(args[0], args[1], args[2], args[3]),
        ExprKind.Reduce => Reduce(node.Function, args[0], args[1], args[2], args[3]),
        ExprKind.Tabulate => Tabulate(args[0], args[1], args[2], node.Name),
        ExprKind.Scan => Scan(args[0], args[1], args[2], args[3], args[4], args[5], node.Name),
        ExprKind.ScanAdjoint => new Expr(ExprKind.ScanAdjoint, args.ToArray(), name: node.Name),
        ExprKind.Detach => Detach(args[0]),
        ExprKind.Add => Add(args),
        ExprKind.Mul => Mul(args),
        ExprKind.Pow => Pow(args[0], args[1]),
        ExprKind.Fn => Fn(node.Function, args.ToArray()),
        ExprKind.Select => Select(args[0], args[1], args[2]),
        ExprKind.Compare => Compare(node.Comparison, args[0], args[1]),
        ExprKind.And => And(args[0], args[1]),
        ExprKind.Or => Or(args[0], args[1]),
        ExprKind.Not => Not(args[0]),
        ExprKind.Call => Call(node.Target!, args),
        ExprKind.CallPartial => CallPartial(node.Target!, args, node.Index),
        _ => throw new InvalidOperationException($"Unknown node kind {node.Kind}."),
    };

    private static void Flatten(Expr node, ExprKind kind, List<Expr> into)
    {
        if (node.Kind == kind)
        {
            foreach (var arg in node.Args)
            {
                Flatten(arg, kind, into);
            }
        }
        else
        {
            into.Add(node);
        }
    }

    private (double Coefficient, Expr Remainder) SplitCoefficient(Expr term)
    {
        if (term.Kind == ExprKind.Mul && term.Args[0].IsConst)
        {
            var rest = term.Args.Count == 2 ? term.Args[1] : new Expr(ExprKind.Mul, term.Args.Skip(1).ToArray());
            return (term.Args[0].Value, rest);
        }

        return (1, term);
    }

    private IEnumerable<Expr> MergeSelects(List<Expr> terms)
    {
        var merged = new List<Expr>();
        foreach (var term in terms)
        {
            var index = term.Kind == ExprKind.Select && !term.IsCondition
                ? merged.FindIndex(m => m.Kind == ExprKind.Select && m.Args[0].Equals(term.Args[0]))
                : -1;
            if (index >= 0)
            {
                var other = merged[index];
                merged[index] = Select(term.Args[0], Add(other.Args[1], term.Args[1]), Add(other.Args[2], term.Args[2]));
            }
            else
            {
                merged.Add(term);
            }
        }

        return merged;
    }
}
