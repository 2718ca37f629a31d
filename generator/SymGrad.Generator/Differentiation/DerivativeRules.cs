using System;
using System.Linq;
using SymGrad.Generator.Symbolic;

namespace SymGrad.Generator.Differentiation;

/// <summary>
/// The local derivative of every node kind with respect to one of its operands, written in terms
/// of the node itself wherever that lets the derivative reuse the forward value (eᵘ, tanh, σ, √).
/// Non-smooth points follow PyTorch: |u|′(0) = 0; max(u, c)′ is 1 only strictly above a constant c
/// (ReLU′(0) = 0); max(u, v) with both varying splits ties ½–½ (torch.maximum); clamp passes the
/// gradient on the closed interval (torch.clamp).
/// </summary>
internal static class DerivativeRules
{
    private static readonly Expr Half = ExprBuilder.Const(0.5);

    /// <summary>∂node/∂node.Args[i].</summary>
    public static Expr Partial(ExprBuilder b, Expr node, int i, Func<Expr, bool> varies)
    {
        var args = node.Args;
        switch (node.Kind)
        {
            case ExprKind.Add:
                return ExprBuilder.One;
            case ExprKind.Mul:
                return b.Mul(args.Where((_, k) => k != i));
            case ExprKind.Pow when i == 0 && args[1].IsConstValue(0):
                // PyTorch: d/du u^0 = 0 everywhere, 0^0 included (not 0·0^-1 = NaN).
                return ExprBuilder.Zero;
            case ExprKind.Pow:
                return i == 0
                    ? b.Mul(args[1], b.Pow(args[0], b.Sub(args[1], ExprBuilder.One)))
                    : b.Mul(node, b.Fn(Function.Log, args[0]));
            case ExprKind.Fn:
                return FunctionPartial(b, node, i, varies);
            case ExprKind.Call:
                return CallPartial(node, i);
            default:
                throw new InvalidOperationException($"No derivative rule for {node.Kind} nodes.");
        }
    }

    private static Expr FunctionPartial(ExprBuilder b, Expr node, int i, Func<Expr, bool> varies)
    {
        var u = node.Args[0];
        var one = ExprBuilder.One;
        var zero = ExprBuilder.Zero;
        switch (node.Function)
        {
            case Function.Exp:
                return node;
            case Function.Log:
                return b.Pow(u, ExprBuilder.MinusOne);
            case Function.Log1P:
                return b.Pow(b.Add(one, u), ExprBuilder.MinusOne);
            case Function.Log2:
                return b.Pow(b.Mul(u, ExprBuilder.Const(Math.Log(2))), ExprBuilder.MinusOne);
            case Function.Log10:
                return b.Pow(b.Mul(u, ExprBuilder.Const(Math.Log(10))), ExprBuilder.MinusOne);
            case Function.Sqrt:
                return b.Mul(Half, b.Pow(node, ExprBuilder.MinusOne));
            case Function.Cbrt:
                return b.Mul(ExprBuilder.Const(1.0 / 3), b.Pow(node, ExprBuilder.Const(-2)));
            case Function.Abs:
                return b.Select(
                    b.Compare(Comparison.Greater, u, zero),
                    one,
                    b.Select(b.Compare(Comparison.Less, u, zero), ExprBuilder.MinusOne, zero));
            case Function.Sin:
                return b.Fn(Function.Cos, u);
            case Function.Cos:
                return b.Neg(b.Fn(Function.Sin, u));
            case Function.Tan:
                return b.Add(one, b.Square(node));
            case Function.Asin:
                return b.Pow(b.Fn(Function.Sqrt, b.Sub(one, b.Square(u))), ExprBuilder.MinusOne);
            case Function.Acos:
                return b.Neg(b.Pow(b.Fn(Function.Sqrt, b.Sub(one, b.Square(u))), ExprBuilder.MinusOne));
            case Function.Atan:
                return b.Pow(b.Add(one, b.Square(u)), ExprBuilder.MinusOne);
            case Function.Sinh:
                return b.Fn(Function.Cosh, u);
            case Function.Cosh:
                return b.Fn(Function.Sinh, u);
            case Function.Tanh:
                return b.Sub(one, b.Square(node));
            case Function.Asinh:
                return b.Pow(b.Fn(Function.Sqrt, b.Add(b.Square(u), one)), ExprBuilder.MinusOne);
            case Function.Acosh:
                return b.Pow(b.Fn(Function.Sqrt, b.Sub(b.Square(u), one)), ExprBuilder.MinusOne);
            case Function.Atanh:
                return b.Pow(b.Sub(one, b.Square(u)), ExprBuilder.MinusOne);
            case Function.Sigmoid:
                return b.Mul(node, b.Sub(one, node));
            case Function.Softplus:
                return b.Fn(Function.Sigmoid, u);
            case Function.Max:
                return ExtremumPartial(b, node, i, Comparison.Greater, varies);
            case Function.Min:
                return ExtremumPartial(b, node, i, Comparison.Less, varies);
            case Function.Clamp:
                return ClampPartial(b, node, i);
            case Function.Quotient or Function.Remainder:
                return zero;
            case Function.Atan2:
                {
                    var (y, x) = (node.Args[0], node.Args[1]);
                    var denominator = b.Pow(b.Add(b.Square(x), b.Square(y)), ExprBuilder.MinusOne);
                    return i == 0 ? b.Mul(x, denominator) : b.Neg(b.Mul(y, denominator));
                }

            default:
                throw new InvalidOperationException($"No derivative rule for {node.Function}.");
        }
    }

    private static Expr ExtremumPartial(ExprBuilder b, Expr node, int i, Comparison wins, Func<Expr, bool> varies)
    {
        var self = node.Args[i];
        var other = node.Args[1 - i];
        var strictly = b.Compare(wins, self, other);
        if (!varies(other))
        {
            // max(u, c) > c exactly when u > c (NaN included): a costly u (relu of a dot product) is tested through the
            // value it produced, which the forward pass has already computed and stored, as PyTorch's relu backward does.
            var test = self.Kind is ExprKind.Param or ExprKind.Elem or ExprKind.Loop or ExprKind.Const ? strictly : b.Compare(wins, node, other);
            return b.Select(test, ExprBuilder.One, ExprBuilder.Zero);
        }

        var tie = b.Select(b.Compare(Comparison.Equal, self, other), Half, ExprBuilder.Zero);
        return b.Select(strictly, ExprBuilder.One, tie);
    }

    private static Expr ClampPartial(ExprBuilder b, Expr node, int i)
    {
        var (u, low, high) = (node.Args[0], node.Args[1], node.Args[2]);
        var condition = i switch
        {
            0 => b.And(b.Compare(Comparison.GreaterOrEqual, u, low), b.Compare(Comparison.LessOrEqual, u, high)),
            1 => b.Compare(Comparison.Less, u, low),
            _ => b.Compare(Comparison.Greater, u, high),
        };
        return b.Select(condition, ExprBuilder.One, ExprBuilder.Zero);
    }

    private static Expr CallPartial(Expr call, int i)
    {
        var target = call.Target!;
        if (target.IsDifferentiable)
        {
            return target.DifferentiableParameters.Contains(i)
                ? ExprBuilder.CallPartial(target, call.Args, i)
                : ExprBuilder.Zero;
        }

        var derivative = i < target.PartialMethods.Count ? target.PartialMethods[i] : string.Empty;
        if (derivative.Length == 0)
        {
            return ExprBuilder.Zero;
        }

        var derivativeTarget = new CallTarget(
            string.Empty,
            derivative,
            derivative,
            IsDifferentiable: false,
            default,
            default,
            target.ParameterNames);
        return ExprBuilder.Call(derivativeTarget, call.Args);
    }
}
