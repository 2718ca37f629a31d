using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SymGrad.Generator.Differentiation;
using SymGrad.Generator.Model;
using SymGrad.Generator.Symbolic;

namespace SymGrad.Generator.Emit;

/// <summary>
/// Turns IR into C# expressions and the local-variable statements they depend on. A node chosen
/// by <see cref="Optimization.SharedValues"/> is declared once, on first use, as a local named
/// after what it holds (<c>e</c> for an exponential, <c>t</c> for tanh, <c>s</c> for σ); every
/// other node is written inline with the fewest parentheses that keep C#'s evaluation order.
/// </summary>
internal sealed partial class CSharpExpressions
{
    private const int Conditional = 1;
    private const int OrElse = 2;
    private const int AndAlso = 3;
    private const int Equality = 4;
    private const int Relational = 5;
    private const int Additive = 6;
    private const int Multiplicative = 7;
    private const int Unary = 8;
    private const int Primary = 9;

    private readonly NumericType type;
    private readonly string ownerType;
    private readonly HashSet<Expr> shared;
    private readonly IReadOnlyDictionary<Expr, string> hints;
    private readonly HashSet<string> usedNames;
    private readonly Dictionary<Expr, string> declared = new();
    private readonly HashSet<Expr> gradientCalls;
    private readonly HashSet<Expr> nodes;

    public CSharpExpressions(
        NumericType type,
        string ownerType,
        HashSet<Expr> shared,
        IReadOnlyDictionary<Expr, string> hints,
        IEnumerable<string> reservedNames,
        IReadOnlyList<Expr> roots,
        IReadOnlyDictionary<Expr, List<Scatter>>? scatters = null)
    {
        this.scatters = scatters ?? new Dictionary<Expr, List<Scatter>>();
        scopes.Add(new Scope(new HashSet<Expr>()));
        this.type = type;
        this.ownerType = ownerType;
        this.shared = shared;
        this.hints = hints;
        usedNames = new HashSet<string>(reservedNames, StringComparer.Ordinal);
        nodes = new HashSet<Expr>(Topology.PostOrder(roots));
        gradientCalls = new HashSet<Expr>(
            nodes.Where(n => n.Kind == ExprKind.CallPartial).Select(n => ExprBuilder.Call(n.Target!, n.Args)));
    }

    /// <summary>The statements written so far at the top level of the method, in dependency order.</summary>
    public IReadOnlyList<string> Statements => scopes[0].Statements;

    private string MathClass => type == NumericType.Float ? "MathF" : "Math";

    public string Write(Expr e) => Write(e, 0);

    private string Write(Expr e, int context)
    {
        if (declared.TryGetValue(e, out var name))
        {
            return name;
        }

        if (e.Kind == ExprKind.CallPartial || (e.Kind == ExprKind.Call && gradientCalls.Contains(e)))
        {
            DeclareGradientCall(ExprBuilder.Call(e.Target!, e.Args));
            return declared[e];
        }

        if (IsMaterialized(e))
        {
            return Materialize(e);
        }

        // An index quotient or remainder is named in the outermost loop it can be computed in: C# does not hoist a
        // division out of an inner loop (it may throw), and a vectorized loop would divide once per vector.
        if (shared.Contains(e) || (e.Kind == ExprKind.Fn && e.Function is Function.Quotient or Function.Remainder))
        {
            var text = Render(e, 0).Text;
            name = Reserve(NameHint(e));
            Add(e, $"{(IsIntegral(e) && !IsIndex(e) ? Keyword : "var")} {name} = {text};");
            declared[e] = name;
            return name;
        }

        var (code, precedence) = Render(e, context);
        return precedence < context ? "(" + code + ")" : code;
    }

    private (string Text, int Precedence) Render(Expr e, int context)
    {
        switch (e.Kind)
        {
            case ExprKind.Const:
                return Literal(e.Value, typed: false);
            case ExprKind.Bool:
                return (e.Value != 0 ? "true" : "false", Primary);
            case ExprKind.Param:
                return (e.Name!, Primary);
            case ExprKind.Add:
                return (Sum(e), Additive);
            case ExprKind.Mul:
                return Product(e.Args, index: IsIndex(e));
            case ExprKind.Pow:
                return Power(e);
            case ExprKind.Fn when e.Function is Function.Quotient or Function.Remainder:
                return (Write(e.Args[0], Multiplicative) + (e.Function == Function.Quotient ? " / " : " % ") + Write(e.Args[1], Multiplicative + 1), Multiplicative);
            case ExprKind.Fn:
                return (FunctionCall(e), Primary);
            case ExprKind.Select:
                return (Write(e.Args[0], OrElse) + " ? " + Write(e.Args[1], Conditional) + " : " + Write(e.Args[2], Conditional), Conditional);
            case ExprKind.Compare:
                {
                    var precedence = e.Comparison is Comparison.Equal or Comparison.NotEqual ? Equality : Relational;
                    return (Write(e.Args[0], precedence) + " " + Operator(e.Comparison) + " " + Write(e.Args[1], precedence + 1), precedence);
                }

            case ExprKind.And:
                return (Write(e.Args[0], AndAlso) + " && " + Write(e.Args[1], AndAlso + 1), AndAlso);
            case ExprKind.Or:
                return (Write(e.Args[0], OrElse) + " || " + Write(e.Args[1], OrElse + 1), OrElse);
            case ExprKind.Not:
                return ("!" + Write(e.Args[0], Primary), Unary);
            case ExprKind.Call:
                return (CallName(e.Target!, string.Empty) + "(" + Arguments(e.Args) + ")", Primary);
            case ExprKind.IntParam or ExprKind.Array or ExprKind.IntArray or ExprKind.Loop or ExprKind.Length or ExprKind.Elem or ExprKind.Detach:
                return (Indexing(e), Primary);
            default:
                throw new InvalidOperationException($"Cannot emit {e.Kind} nodes.");
        }
    }

    /// <summary>
    /// Whether C# would type the text written for <paramref name="e"/> as <c>int</c>: whole-number literals
    /// and selects, sums, products and (in double) Abs/Min/Max/Clamp made only of them. Such a value must
    /// not be declared with <c>var</c> or divided as written, or C# would truncate it.
    /// </summary>
    private bool IsIntegral(Expr e) => e.Kind switch
    {
        ExprKind.Const => IsWholeLiteral(e.Value),
        ExprKind.IntParam or ExprKind.Loop or ExprKind.Length => true,
        ExprKind.Elem => e.Args[0].Kind == ExprKind.IntArray,
        ExprKind.Select => IsIntegralOperand(e.Args[1]) && IsIntegralOperand(e.Args[2]),
        ExprKind.Add or ExprKind.Mul => e.Args.All(IsIntegralOperand),
        ExprKind.Pow => e.Args[1].IsConst && e.Args[1].Value is 1 or 2 or 3 && IsIntegralOperand(e.Args[0]),
        ExprKind.Fn when e.Function is Function.Quotient or Function.Remainder => true,
        ExprKind.Fn => type == NumericType.Double && e.Function is Function.Abs or Function.Min or Function.Max or Function.Clamp
            && e.Args.All(IsIntegralOperand),
        _ => false,
    };

    /// <summary>An <c>int</c> computed from loop counters, sizes and whole numbers: an index, declared as <c>int</c>.</summary>
    private static bool IsIndex(Expr e) => e.Kind switch
    {
        ExprKind.IntParam or ExprKind.Loop or ExprKind.Length => true,
        ExprKind.Elem => e.Args[0].Kind == ExprKind.IntArray,
        ExprKind.Add or ExprKind.Mul => e.Args.All(a => a.IsConst || IsIndex(a)) && e.Args.Any(IsIndex),
        ExprKind.Fn when e.Function is Function.Quotient or Function.Remainder => true,
        ExprKind.Fn => e.Function is Function.Max or Function.Min && e.Args.All(a => a.IsConst || IsIndex(a)) && e.Args.Any(IsIndex),
        _ => false,
    };

    /// <summary>Like <see cref="IsIntegral"/>, for an operand that may be (or become) a typed local.</summary>
    private bool IsIntegralOperand(Expr e) => !declared.ContainsKey(e) && !shared.Contains(e) && IsIntegral(e);

    private bool IsWholeLiteral(double value) => type == NumericType.Float
        ? (float)value == Math.Floor((float)value) && Math.Abs((float)value) < 1e6f
        : value == Math.Floor(value) && Math.Abs(value) < 1e9;

    private string Sum(Expr e)
    {
        var allConstant = e.Args.All(a => a.IsConst);
        var text = string.Empty;
        foreach (var term in MathPrinter.SumOrder(e.Args))
        {
            var negative = MathPrinter.IsNegative(term);
            var magnitude = negative ? MathPrinter.Negate(term) : term;
            var operand = allConstant ? Literal(magnitude.Value, typed: true).Text : null;
            if (text.Length == 0)
            {
                text = negative
                    ? Minus(operand ?? Write(magnitude, Unary))
                    : operand ?? Write(magnitude, Additive);
            }
            else
            {
                text += (negative ? " - " : " + ") + (operand ?? Write(magnitude, Additive + 1));
            }
        }

        return text;
    }

    /// <summary>A product; <paramref name="self"/> is the reciprocal being declared, when that is what is written.</summary>
    private (string, int) Product(IReadOnlyList<Expr> args, Expr? self = null, bool index = false)
    {
        var factors = args.ToList();
        var negative = false;
        for (var i = 0; i < factors.Count; i++)
        {
            if (factors[i].IsConst && factors[i].Value < 0)
            {
                negative = !negative;
                factors[i] = ExprBuilder.Const(-factors[i].Value);
            }
        }

        if (factors.Count > 1)
        {
            factors.RemoveAll(f => f.IsConstValue(1));
            if (factors.Count == 0)
            {
                factors.Add(ExprBuilder.One);
            }
        }

        var constants = factors.Count(f => f.IsConst);
        // A reciprocal that has a name (1/(1 + e), used twice) multiplies: one division serves every use.
        bool Divides(Expr f) => MathPrinter.IsReciprocal(f) && (f.Equals(self) || (!shared.Contains(f) && !declared.ContainsKey(f)));
        var numerator = factors.Where(f => !Divides(f)).SelectMany(Repeated).ToList();
        var denominator = factors.Where(Divides).Select(MathPrinter.Reciprocal).ToList();
        if (constants == 1 && numerator.Count > 1 && numerator[0].IsConst && IsReciprocalOfInteger(numerator[0].Value))
        {
            // x·0.333… reads (and rounds) better as x / 3.
            denominator.Insert(0, ExprBuilder.Const(Math.Round(1 / numerator[0].Value)));
            numerator.RemoveAt(0);
        }

        // An index (3·j + i) stays int arithmetic; any other product of ints is computed in the numeric type.
        var typed = !index && (constants > 1 || (numerator.All(IsIntegralOperand) && denominator.All(IsIntegralOperand)));
        var text = numerator.Count == 0
            ? Literal(1, typed).Text
            : string.Join(" * ", numerator.Select((f, i) => f.IsConst ? Literal(f.Value, typed).Text : Write(f, i == 0 ? Multiplicative : Multiplicative + 1)));
        if (typed && denominator.Count > 0 && numerator.Count > 0 && !numerator.Any(f => f.IsConst))
        {
            text = "(" + Keyword + ")" + text;
        }

        if (denominator.Count == 1)
        {
            text += " / " + (denominator[0].IsConst ? Literal(denominator[0].Value, typed).Text : Write(denominator[0], Multiplicative + 1));
        }
        else if (denominator.Count > 1)
        {
            text += " / (" + Product(denominator).Item1 + ")";
        }

        if (!negative)
        {
            return (text, Multiplicative);
        }

        return numerator.Count == 1 && denominator.Count == 0 && !numerator[0].IsConst
            ? (Minus(Write(numerator[0], Unary)), Unary)
            : (Minus(text), Multiplicative);
    }

    /// <summary>Prefixes a minus sign, keeping <c>-(-x)</c> from reading as the decrement <c>--x</c>.</summary>
    private static string Minus(string operand) => operand.StartsWith("-", StringComparison.Ordinal) ? "-(" + operand + ")" : "-" + operand;

    /// <summary>x² inside a product is written x * x when x is a name.</summary>
    private IEnumerable<Expr> Repeated(Expr factor)
    {
        if (factor.Kind == ExprKind.Pow && factor.Args[1].IsConst && factor.Args[1].Value is 2 or 3
            && (factor.Args[0].Kind == ExprKind.Param || declared.ContainsKey(factor.Args[0]) || shared.Contains(factor.Args[0])))
        {
            return Enumerable.Repeat(factor.Args[0], (int)factor.Args[1].Value);
        }

        return [factor];
    }

    private static bool IsReciprocalOfInteger(double value)
    {
        var reciprocal = 1 / value;
        return Math.Abs(reciprocal) > 2 && Math.Abs(reciprocal) < 1e6 && Math.Abs(reciprocal - Math.Round(reciprocal)) < 1e-9
            && value.ToString("R", CultureInfo.InvariantCulture).Length > 6;
    }

    private (string, int) Power(Expr e)
    {
        var (b, n) = (e.Args[0], e.Args[1]);
        if (n.IsConst)
        {
            switch (n.Value)
            {
                case 1:
                    return (Write(b, Multiplicative), Multiplicative);
                case 2:
                    return (Write(b, Multiplicative) + " * " + Write(b, Multiplicative + 1), Multiplicative);
                case 3:
                    return (Write(b, Multiplicative) + " * " + Write(b, Multiplicative + 1) + " * " + Write(b, Multiplicative + 1), Multiplicative);
                case 0.5:
                    return ($"{MathClass}.Sqrt({Write(b)})", Primary);
                case < 0:
                    return Product([e], self: e);
            }
        }

        return ($"{MathClass}.Pow({Write(b)}, {Write(n)})", Primary);
    }

    private string FunctionCall(Expr e)
    {
        var name = e.Function switch
        {
            Function.Sigmoid or Function.Softplus or Function.None =>
                throw new InvalidOperationException($"{e.Function} must be expanded before emission."),
            Function.Clamp => "Math.Clamp",
            Function.Log1P => VectorMathCall("Log1P"),
            Function.Max or Function.Min when e.Args.All(IsIndex) || e.Args.All(a => a.IsConst || IsIndex(a)) => "Math." + e.Function,
            _ => MathClass + "." + e.Function,
        };
        return name + "(" + Arguments(e.Args) + ")";
    }

    /// <summary>A function <c>Math</c> does not have (or has only inaccurately, as <c>double.LogP1</c>): <c>SymGrad.VectorMath</c>'s.</summary>
    private string VectorMathCall(string function)
    {
        UsesVectorMath = true;
        return "VectorMath." + function;
    }

    private void DeclareGradientCall(Expr call)
    {
        var target = call.Target!;
        var args = Arguments(call.Args);
        var valueUsed = nodes.Contains(call);
        if (!valueUsed && target.DifferentiableParameters.Count == 1)
        {
            var partial = ExprBuilder.CallPartial(target, call.Args, target.DifferentiableParameters[0]);
            declared[partial] = Reserve("d" + Pascal(target.Method));
            Add(call, $"var {declared[partial]} = {CallName(target, "Derivative")}({args});");
            return;
        }

        var outputs = new List<string>();
        foreach (var parameter in target.DifferentiableParameters)
        {
            var partial = ExprBuilder.CallPartial(target, call.Args, parameter);
            var used = nodes.Contains(partial);
            var suffix = target.DifferentiableParameters.Count == 1 ? string.Empty : "D" + Pascal(target.ParameterNames[parameter].TrimStart('@'));
            var name = used ? Reserve("d" + Pascal(target.Method) + suffix) : "_";
            declared[partial] = name;
            outputs.Add(used ? "out var " + name : "out _");
        }

        var invocation = $"{CallName(target, "Gradient")}({args}, {string.Join(", ", outputs)})";
        if (valueUsed)
        {
            declared[call] = Reserve(Camel(target.Method));
            Add(call, $"var {declared[call]} = {invocation};");
        }
        else
        {
            Add(call, invocation + ";");
        }
    }

    private string CallName(CallTarget target, string suffix) =>
        target.Type.Length == 0 || target.Type == ownerType
            ? target.Method + suffix
            : target.Type + "." + target.Method + suffix;

    private string Arguments(IEnumerable<Expr> args) => string.Join(", ", args.Select(a => Write(a)));

    private (string Text, int Precedence) Literal(double value, bool typed)
    {
        if (double.IsNaN(value))
        {
            return (Keyword + ".NaN", Primary);
        }

        if (double.IsInfinity(value))
        {
            return (Keyword + (value > 0 ? ".PositiveInfinity" : ".NegativeInfinity"), Primary);
        }

        var precedence = value < 0 ? Unary : Primary;
        if (type == NumericType.Float)
        {
            var text = ((float)value).ToString("R", CultureInfo.InvariantCulture);
            return (IsWholeLiteral(value) && !typed ? text : text + "f", precedence);
        }
        else
        {
            var text = value.ToString("R", CultureInfo.InvariantCulture);
            if ((typed || !IsWholeLiteral(value)) && text.IndexOfAny(['.', 'E']) < 0)
            {
                text += ".0";
            }

            return (text, precedence);
        }
    }

    private string Keyword => type == NumericType.Float ? "float" : "double";

    private string NameHint(Expr e)
    {
        if (hints.TryGetValue(e, out var hint))
        {
            return hint;
        }

        return e.Kind switch
        {
            ExprKind.Fn => e.Function switch
            {
                Function.Exp => "e",
                Function.Tanh => "t",
                Function.Sqrt => "r",
                Function.Log or Function.Log2 or Function.Log10 or Function.Log1P => "l",
                Function.Sin => "sin",
                Function.Cos => "cos",
                _ => e.Function.ToString().ToLowerInvariant(),
            },
            ExprKind.Call => Camel(e.Target!.Method),
            ExprKind.Pow when e.Args[1].IsConstValue(-1) => "inv",
            _ when e.IsCondition => "c",
            _ => "u",
        };
    }

    /// <summary>A local name not yet used in the method, from <paramref name="hint"/>.</summary>
    public string Reserve(string hint)
    {
        var name = hint;
        for (var i = 1; usedNames.Contains(name) || Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(name) != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None; i++)
        {
            name = hint + i.ToString(CultureInfo.InvariantCulture);
        }

        usedNames.Add(name);
        return name;
    }

    private static string Simple(string method)
    {
        var dot = method.LastIndexOf('.');
        return dot < 0 ? method : method.Substring(dot + 1);
    }

    private static string Camel(string method)
    {
        var simple = Simple(method);
        return char.ToLowerInvariant(simple[0]) + simple.Substring(1);
    }

    private static string Pascal(string method)
    {
        var simple = Simple(method);
        return char.ToUpperInvariant(simple[0]) + simple.Substring(1);
    }

    private static string Operator(Comparison comparison) => comparison switch
    {
        Comparison.Less => "<",
        Comparison.LessOrEqual => "<=",
        Comparison.Greater => ">",
        Comparison.GreaterOrEqual => ">=",
        Comparison.Equal => "==",
        _ => "!=",
    };
}
