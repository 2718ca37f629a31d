using System.Collections.Generic;
using System.Linq;

namespace SymGrad.Generator.Symbolic;

/// <summary>
/// Recognition of functions written out by hand, so that their derivatives get closed forms and
/// their values numerically stable evaluation: σ(u) = 1 / (1 + e⁻ᵘ) = eᵘ / (1 + eᵘ),
/// tanh(u) = (eᵘ − e⁻ᵘ) / (eᵘ + e⁻ᵘ) = (e²ᵘ − 1) / (e²ᵘ + 1), softplus(u) = ln(1 + eᵘ) = log1p(eᵘ).
/// </summary>
internal sealed partial class ExprBuilder
{
    /// <summary>1 / (1 + eᵘ) = σ(−u).</summary>
    private Expr? RecognizeReciprocal(Expr denominator)
    {
        if (IsOnePlusExp(denominator, out var u))
        {
            return Fn(Function.Sigmoid, Neg(u));
        }

        return null;
    }

    /// <summary>Rewrites a product's factors, or returns null when no pattern applies.</summary>
    private List<Expr>? RecognizeProduct(List<Expr> factors)
    {
        for (var i = 0; i < factors.Count; i++)
        {
            for (var j = 0; j < factors.Count; j++)
            {
                if (i == j)
                {
                    continue;
                }

                var replacement = RecognizePair(factors[i], factors[j]);
                if (replacement is not null)
                {
                    var rest = factors.Where((_, k) => k != i && k != j).ToList();
                    rest.Add(replacement);
                    return rest;
                }
            }
        }

        return null;
    }

    private Expr? RecognizePair(Expr a, Expr b)
    {
        // eᵘ · σ(−u) = eᵘ / (1 + eᵘ) = σ(u)
        if (IsFunction(a, Function.Exp) && IsFunction(b, Function.Sigmoid) && b.Args[0].Equals(Neg(a.Args[0])))
        {
            return Fn(Function.Sigmoid, a.Args[0]);
        }

        // (eᵘ − e⁻ᵘ) · (eᵘ + e⁻ᵘ)⁻¹ = tanh(u)
        if (b.Kind == ExprKind.Pow && b.Args[1].IsConstValue(-1)
            && IsExpDifference(a, out var u)
            && IsExpSum(b.Args[0], u))
        {
            return Fn(Function.Tanh, u);
        }

        // (e²ᵘ − 1) · σ(−2u) = (e²ᵘ − 1) / (e²ᵘ + 1) = tanh(u)
        if (IsFunction(b, Function.Sigmoid) && a.Kind == ExprKind.Add && a.Args.Count == 2
            && a.Args[0].IsConstValue(-1) && IsFunction(a.Args[1], Function.Exp)
            && b.Args[0].Equals(Neg(a.Args[1].Args[0])))
        {
            return Fn(Function.Tanh, Mul(Const(0.5), a.Args[1].Args[0]));
        }

        return null;
    }

    private Expr? RecognizeFunction(Function function, Expr[] args)
    {
        var u = args.Length == 1 ? args[0] : null;
        return function switch
        {
            Function.Log when u is not null && IsOnePlusExp(u, out var v) => Fn(Function.Softplus, v),
            Function.Log when u is not null && IsFunction(u, Function.Exp) => u.Args[0],
            Function.Log when u is not null && IsFunction(u, Function.Sigmoid) => Neg(Fn(Function.Softplus, Neg(u.Args[0]))),
            Function.Log1P when u is not null && IsFunction(u, Function.Exp) => Fn(Function.Softplus, u.Args[0]),
            Function.Abs when u is not null && IsFunction(u, Function.Abs) => u,
            _ => null,
        };
    }

    private static bool IsFunction(Expr e, Function function) => e.Kind == ExprKind.Fn && e.Function == function;

    private static bool IsOnePlusExp(Expr e, out Expr u)
    {
        u = e;
        if (e.Kind == ExprKind.Add && e.Args.Count == 2 && e.Args[0].IsConstValue(1) && IsFunction(e.Args[1], Function.Exp))
        {
            u = e.Args[1].Args[0];
            return true;
        }

        return false;
    }

    /// <summary>Matches eᵘ − e⁻ᵘ (in either operand order).</summary>
    private bool IsExpDifference(Expr e, out Expr u)
    {
        u = e;
        if (e.Kind != ExprKind.Add || e.Args.Count != 2)
        {
            return false;
        }

        foreach (var (plus, minus) in new[] { (e.Args[0], e.Args[1]), (e.Args[1], e.Args[0]) })
        {
            if (IsFunction(plus, Function.Exp)
                && minus.Kind == ExprKind.Mul && minus.Args.Count == 2 && minus.Args[0].IsConstValue(-1)
                && IsFunction(minus.Args[1], Function.Exp)
                && minus.Args[1].Args[0].Equals(Neg(plus.Args[0])))
            {
                u = plus.Args[0];
                return true;
            }
        }

        return false;
    }

    /// <summary>Matches eᵘ + e⁻ᵘ.</summary>
    private bool IsExpSum(Expr e, Expr u)
    {
        if (e.Kind != ExprKind.Add || e.Args.Count != 2)
        {
            return false;
        }

        var expected = new[] { Fn(Function.Exp, u), Fn(Function.Exp, Neg(u)) };
        return (e.Args[0].Equals(expected[0]) && e.Args[1].Equals(expected[1]))
            || (e.Args[0].Equals(expected[1]) && e.Args[1].Equals(expected[0]));
    }
}
