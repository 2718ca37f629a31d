using System;
using System.Collections.Generic;
using System.Linq;

namespace SymGrad.Generator.Tests.Properties;

/// <summary>A closed interval that contains every value an expression can take on the sample box.</summary>
internal readonly record struct Interval(double Lo, double Hi)
{
    public double Mag => Math.Max(Math.Abs(Lo), Math.Abs(Hi));

    /// <summary>Smallest |v| over the interval (0 when it straddles zero).</summary>
    public double MinAbs => Lo > 0 ? Lo : Hi < 0 ? -Hi : 0;

    public static Interval Point(double v) => new(v, v);

    public static Interval Union(Interval a, Interval b) => new(Math.Min(a.Lo, b.Lo), Math.Max(a.Hi, b.Hi));

    public static Interval Hull(params double[] values) => new(values.Min(), values.Max());

    public static Interval operator +(Interval a, Interval b) => new(a.Lo + b.Lo, a.Hi + b.Hi);

    public static Interval operator -(Interval a, Interval b) => new(a.Lo - b.Hi, a.Hi - b.Lo);

    public static Interval operator -(Interval a) => new(-a.Hi, -a.Lo);

    public static Interval operator *(Interval a, Interval b) =>
        Hull(a.Lo * b.Lo, a.Lo * b.Hi, a.Hi * b.Lo, a.Hi * b.Hi);

    /// <summary>Only for a divisor that excludes zero.</summary>
    public static Interval operator /(Interval a, Interval b)
    {
        if (b.Lo <= 0 && b.Hi >= 0)
        {
            throw new InvalidOperationException("divisor interval contains zero");
        }

        return Hull(a.Lo / b.Lo, a.Lo / b.Hi, a.Hi / b.Lo, a.Hi / b.Hi);
    }

    public Interval Square() => new(MinAbs * MinAbs, Mag * Mag);

    /// <summary>Image under a monotone (increasing or decreasing) function.</summary>
    public Interval Monotone(Func<double, double> f) => Hull(f(Lo), f(Hi));

    /// <summary>Pads by a relative margin so rounding in the real evaluation never leaves the interval.</summary>
    public Interval Padded() => new(Lo - (1e-9 * Math.Abs(Lo)) - 1e-12, Hi + (1e-9 * Math.Abs(Hi)) + 1e-12);
}

/// <summary>An expression with an interval enclosing its values on [-1.5, 1.5]^k.</summary>
internal readonly record struct Term(Expr E, Interval I);

/// <summary>
/// Seeded generator of random differentiable functions of 1-3 variables.
/// </summary>
/// <remarks>
/// Every subexpression carries a conservative value interval (interval arithmetic over the sample box
/// [-1.5, 1.5]^k), and every operation is built so that the result is finite and well-conditioned
/// there: Log/Sqrt/Pow bases are at least 0.2, divisors and Cbrt arguments stay at least 0.3 / 0.2 away
/// from zero, Asin/Acos/Atanh arguments within ±0.8, Acosh arguments at least 1.2, Exp/Sinh/Cosh/Tan
/// arguments bounded, and any subexpression whose magnitude could pass <see cref="MaxMag"/> is squashed
/// (Tanh, Atan, Sin). Non-smooth points only arise where a parameter meets a constant — comparisons
/// in conditions and Abs/Max/Min/Clamp kinks of a parameter — and each such constant is recorded as a
/// threshold of that parameter so the test samples away from it. Abs/Max/Min/Clamp of general
/// expressions are only built when their intervals show that no kink can be reached.
/// </remarks>
internal sealed class RandomFunctionGenerator
{
    private const double MaxMag = 10;
    private const double LocalMaxMag = 2 * MaxMag;
    private const double Domain = 1.5;

    private static readonly (Production P, int Weight)[] Productions =
    {
        (Production.Add, 4), (Production.Sub, 3), (Production.Mul, 4), (Production.Div, 3), (Production.Neg, 1),
        (Production.Exp, 1), (Production.Log, 1), (Production.Log2, 1), (Production.Log10, 1), (Production.Sqrt, 1),
        (Production.Cbrt, 1), (Production.PowInt, 2), (Production.PowReal, 1), (Production.PowVarExp, 1),
        (Production.PowConstBase, 1), (Production.Abs, 1), (Production.Max, 1), (Production.Min, 1),
        (Production.Clamp, 1), (Production.Sin, 1), (Production.Cos, 1), (Production.Tan, 1), (Production.Asin, 1),
        (Production.Acos, 1), (Production.Atan, 1), (Production.Atan2, 1), (Production.Sinh, 1), (Production.Cosh, 1),
        (Production.Tanh, 1), (Production.Asinh, 1), (Production.Acosh, 1), (Production.Atanh, 1),
        (Production.Sigmoid, 2), (Production.TanhFromExp, 2), (Production.Softplus, 1), (Production.Helper, 2),
        (Production.Ternary, 1), (Production.NearMiss, 2), (Production.Identity, 3), (Production.IntegerDivision, 1),
        (Production.MathConstant, 1),
    };

    // Parameter and local names include the names the emitter gives its own temporaries (u, e, t, r,
    // sin, cos, sq, u1, …): a generator that does not keep them apart produces code that does not compile.
    private static readonly string[][] ParameterPools =
    {
        new[] { "x", "y", "z" }, new[] { "x", "y", "z" }, new[] { "x", "y", "z" }, new[] { "x", "y", "z" },
        new[] { "u", "e", "t" }, new[] { "a", "b", "c" }, new[] { "sin", "cos", "r" }, new[] { "u1", "e1", "t1" },
        new[] { "value", "sq", "abs" },
    };

    private static readonly string[] LocalPool = { "u", "e", "t", "r", "s", "u2", "e2", "t2", "sinh", "exp", "tanh", "result", "sig" };

    private static readonly int TotalWeight = Productions.Sum(p => p.Weight);

    private readonly Random _rng;
    private readonly Dictionary<string, int> _coverage = new(StringComparer.Ordinal);

    // Per-function state.
    private string[] _params = Array.Empty<string>();
    private List<double>[] _thresholds = Array.Empty<List<double>>();
    private Dictionary<string, Interval> _env = new(StringComparer.Ordinal);
    private int _localCounter;

    public RandomFunctionGenerator(int seed)
    {
        _rng = new Random(seed);
    }

    private enum Production
    {
        Add, Sub, Mul, Div, Neg, Exp, Log, Log2, Log10, Sqrt, Cbrt, PowInt, PowReal, PowVarExp, PowConstBase,
        Abs, Max, Min, Clamp, Sin, Cos, Tan, Asin, Acos, Atan, Atan2, Sinh, Cosh, Tanh, Asinh, Acosh, Atanh,
        Sigmoid, TanhFromExp, Softplus, Helper, Ternary, NearMiss, Identity, IntegerDivision, MathConstant,
    }

    /// <summary>How often each construct was emitted, keyed by a short tag (e.g. <c>Math.Atan2</c>, <c>if</c>, <c>*=</c>).</summary>
    public IReadOnlyDictionary<string, int> Coverage => _coverage;

    /// <summary>Every tag that a large enough corpus must contain.</summary>
    public static IReadOnlyList<string> RequiredTags { get; } = new[]
    {
        "+", "-", "*", "/", "neg", "literal", "local", "?:",
        "<", "<=", ">", ">=", "==", "!=", "&&", "||", "!",
        "if", "else", "else if", "early return", "block", "expression body",
        "=", "+=", "-=", "*=", "/=",
        "Math.Exp", "Math.Log", "Math.Log2", "Math.Log10", "Math.Sqrt", "Math.Cbrt", "Math.Pow", "Math.Abs",
        "Math.Max", "Math.Min", "Math.Clamp", "Math.Sin", "Math.Cos", "Math.Tan", "Math.Asin", "Math.Acos",
        "Math.Atan", "Math.Atan2", "Math.Sinh", "Math.Cosh", "Math.Tanh", "Math.Asinh", "Math.Acosh", "Math.Atanh",
        "pow int", "pow negative int", "pow real", "pow variable exponent", "pow constant base",
        "kink Abs", "kink Max", "kink Min", "kink Clamp", "smooth Abs", "smooth Max", "smooth Min", "smooth Clamp",
        "sigmoid 1/(1+exp(-u))", "sigmoid exp(u)/(1+exp(u))",
        "tanh (e^u-e^-u)/(e^u+e^-u)", "tanh (e^2u-1)/(e^2u+1)", "tanh (1-e^-2u)/(1+e^-2u)",
        "softplus log(1+exp(u))",
        "Sq", "Hyp", "Blend", "Smooth", "Ext.Wave",
        "arity 1", "arity 2", "arity 3",
        "var", "deferred init", "literal e", "literal suffix", "literal .5", "Math.PI", "integer division",
        "float Math overload", "renamed parameters", "renamed local",
        "near 2/(1+exp(-u))", "near 1/(2+exp(-u))", "near 1/(1+exp(u))", "near exp(-u)/(1+exp(-u))",
        "near exp(u)/(exp(u)+1)", "near exp(u)/(1+exp(v))", "near (e^u-1)/(e^u+1)", "near (e^3u-1)/(e^3u+1)",
        "near log(2+exp(u))", "near log(exp(u)+1)", "near 1-sigmoid", "near (e^u-e^-u)/2", "near u*sigmoid(u)",
        "trap sqrt(v*v)", "trap pow(pow(v,2),0.5)", "trap asin(sin)", "trap acos(cos)", "trap atan(tan)",
        "trap log(v*v)", "trap cbrt(u*u*u)", "trap exp(log)", "trap log(exp)", "trap pow*pow", "trap abs*abs",
        "trap u/u", "trap exp*exp(-)", "trap tanh(atanh)", "trap sinh(asinh)", "trap cosh(acosh)", "trap (u+v)-u",
    };

    public RandomFunction Next(int index)
    {
        int arity = _rng.NextDouble() switch
        {
            < 0.4 => 1,
            < 0.7 => 2,
            _ => 3,
        };
        Tag("arity " + arity);
        string[] pool = ParameterPools[_rng.Next(ParameterPools.Length)];
        if (pool[0] != "x")
        {
            Tag("renamed parameters");
        }

        _params = pool.Take(arity).ToArray();
        _thresholds = Enumerable.Range(0, arity).Select(_ => new List<double>()).ToArray();
        _env = new Dictionary<string, Interval>(StringComparer.Ordinal);
        foreach (string p in _params)
        {
            _env[p] = new Interval(-Domain, Domain);
        }

        _localCounter = 0;
        _usedNames.Clear();

        if (_rng.NextDouble() < 0.45)
        {
            Tag("expression body");
            Term body = Gen(_rng.Next(2, 5));
            while (body.E.Size < 4)
            {
                body = Gen(_rng.Next(2, 5));
            }

            return new RandomFunction(index, _params, body.E, null, _thresholds);
        }

        Tag("block");
        List<Stmt> block = TopBlock();
        return new RandomFunction(index, _params, null, block, _thresholds);
    }

    // ---------------------------------------------------------------- statements

    private List<Stmt> TopBlock()
    {
        var block = new List<Stmt>();
        int decls = _rng.Next(1, 4);
        for (int i = 0; i < decls; i++)
        {
            block.Add(Declare(_rng.Next(1, 4)));
        }

        if (_rng.NextDouble() < 0.25)
        {
            block.AddRange(DeferredInit());
        }

        int actions = _rng.Next(1, 4);
        for (int i = 0; i < actions; i++)
        {
            Stmt s = Action(nesting: 0);
            block.Add(s);
            if (s.AlwaysReturns)
            {
                return block;
            }
        }

        block.Add(FinalReturn());
        return block;
    }

    private Decl Declare(int depth)
    {
        string name = NewLocalName();
        Term value = Gen(depth);
        if (!MentionsVariable(value.E))
        {
            value = Plus(value, Leaf());
        }

        Tag("local");
        bool useVar = _rng.NextDouble() < 0.3;
        if (useVar)
        {
            Tag("var");
        }

        _env[name] = value.I;
        return new Decl(name, value.E, useVar);
    }

    private readonly HashSet<string> _usedNames = new(StringComparer.Ordinal);

    /// <summary>A name unused in this method: usually t0, t1, …, sometimes one the emitter might use for a temporary.</summary>
    private string NewLocalName()
    {
        if (_rng.NextDouble() < 0.3)
        {
            string candidate = LocalPool[_rng.Next(LocalPool.Length)];
            if (!_params.Contains(candidate) && _usedNames.Add(candidate))
            {
                Tag("renamed local");
                return candidate;
            }
        }

        string name;
        do
        {
            name = "t" + _localCounter++;
        }
        while (_params.Contains(name) || !_usedNames.Add(name));
        return name;
    }

    /// <summary><c>double d;</c> then an if/else that assigns it on both paths.</summary>
    private List<Stmt> DeferredInit()
    {
        Tag("deferred init");
        string name = NewLocalName();
        BoolExpr c = Condition();
        Term a = Gen(_rng.Next(1, 3));
        Term b = Gen(_rng.Next(1, 3));
        _env[name] = Interval.Union(a.I, b.I);
        return new List<Stmt>
        {
            new Decl(name, null),
            new If(c, new List<Stmt> { new Assign(name, "=", a.E) }, new List<Stmt> { new Assign(name, "=", b.E) }),
        };
    }

    private Stmt Action(int nesting)
    {
        double r = _rng.NextDouble();
        List<string> locals = Locals();
        if (locals.Count > 0 && r < 0.45)
        {
            return Mutate(locals[_rng.Next(locals.Count)]);
        }

        if (nesting < 2 && r < 0.85)
        {
            return IfStatement(nesting);
        }

        return Declare(_rng.Next(1, 3));
    }

    private Assign Mutate(string name)
    {
        Interval current = _env[name];
        string[] ops = { "+=", "-=", "*=", "/=", "=" };
        string op = ops[_rng.Next(ops.Length)];
        Term e = Gen(_rng.Next(1, 3));
        Interval result;
        switch (op)
        {
            case "+=":
            case "-=":
                result = op == "+=" ? current + e.I : current - e.I;
                if (result.Mag > LocalMaxMag)
                {
                    e = Squash(e);
                    result = op == "+=" ? current + e.I : current - e.I;
                }

                if (result.Mag > LocalMaxMag)
                {
                    op = "*=";
                    goto case "*=";
                }

                break;
            case "*=":
                result = current * e.I;
                if (result.Mag > LocalMaxMag)
                {
                    e = Squash(e);
                    result = current * e.I;
                }

                break;
            case "/=":
                e = AwayFromZero(e);
                result = current / e.I;
                if (result.Mag > LocalMaxMag)
                {
                    // 2 + sin(e) lies in [1, 3]: dividing by it never grows the local.
                    e = new Term(new Bin('+', new Num(2, true), Call("Sin", e.E)), new Interval(1, 3));
                    result = current / e.I;
                }

                break;
            default:
                // Plain assignment, usually reading the local itself (never `t = t;`, warning CS1717).
                if (_rng.NextDouble() < 0.6 || (e.E is Var v && v.Name == name))
                {
                    e = Combine(new Term(new Var(name), current), e);
                }

                e = Bound(e);
                result = e.I;
                break;
        }

        Tag(op);
        _env[name] = result;
        return new Assign(name, op, e.E);
    }

    private If IfStatement(int nesting)
    {
        BoolExpr condition = Condition();
        Tag("if");
        Dictionary<string, Interval> before = _env;

        _env = new Dictionary<string, Interval>(before, StringComparer.Ordinal);
        List<Stmt> then = Branch(nesting + 1);
        Dictionary<string, Interval> thenEnv = _env;

        List<Stmt>? @else = null;
        Dictionary<string, Interval> elseEnv = before;
        double r = _rng.NextDouble();
        if (r < 0.6)
        {
            _env = new Dictionary<string, Interval>(before, StringComparer.Ordinal);
            if (r < 0.2 && nesting < 2)
            {
                Tag("else if");
                @else = new List<Stmt> { IfStatement(nesting + 1) };
            }
            else
            {
                Tag("else");
                @else = Branch(nesting + 1);
            }

            elseEnv = _env;
        }

        bool thenReturns = If.Returns(then);
        bool elseReturns = @else != null && If.Returns(@else);
        var merged = new Dictionary<string, Interval>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, Interval> kv in before)
        {
            merged[kv.Key] = (thenReturns, elseReturns) switch
            {
                (true, false) => elseEnv[kv.Key],
                (false, true) => thenEnv[kv.Key],
                _ => Interval.Union(thenEnv[kv.Key], elseEnv[kv.Key]),
            };
        }

        _env = merged;
        return new If(condition, then, @else);
    }

    private List<Stmt> Branch(int nesting)
    {
        var block = new List<Stmt>();
        int count = _rng.Next(1, 3);
        for (int i = 0; i < count; i++)
        {
            Stmt s = Action(nesting);
            block.Add(s);
            if (s.AlwaysReturns)
            {
                return block;
            }
        }

        if (_rng.NextDouble() < 0.5)
        {
            Tag("early return");
            block.Add(new Return(Gen(_rng.Next(1, 3)).E));
        }

        return block;
    }

    private Return FinalReturn()
    {
        // Prefer an expression that reads the locals.
        List<string> locals = Locals();
        Term result = Gen(_rng.Next(1, 3));
        foreach (string local in locals)
        {
            if (_rng.NextDouble() < 0.7)
            {
                result = Combine(result, new Term(new Var(local), _env[local]));
            }
        }

        return new Return(result.E);
    }

    private List<string> Locals() => _env.Keys.Where(k => !_params.Contains(k)).ToList();

    // ---------------------------------------------------------------- conditions

    private BoolExpr Condition()
    {
        double r = _rng.NextDouble();
        if (r < 0.2)
        {
            Tag("&&");
            return new Logic("&&", Comparison(), Comparison());
        }

        if (r < 0.4)
        {
            Tag("||");
            return new Logic("||", Comparison(), Comparison());
        }

        if (r < 0.5)
        {
            Tag("!");
            return new Not(_rng.NextDouble() < 0.5 ? Comparison() : new Logic("&&", Comparison(), Comparison()));
        }

        return Comparison();
    }

    private Cmp Comparison()
    {
        string[] ops = { "<", "<=", ">", ">=", "==", "!=" };
        int[] weights = { 3, 2, 3, 2, 1, 1 };
        int pick = _rng.Next(weights.Sum());
        int k = 0;
        while (pick >= weights[k])
        {
            pick -= weights[k];
            k++;
        }

        int p = _rng.Next(_params.Length);
        double c = Threshold(p);
        Tag(ops[k]);
        return new Cmp(_params[p], ops[k], c, reversed: _rng.NextDouble() < 0.2);
    }

    /// <summary>A fresh constant in [-1.2, 1.2] (two decimals), recorded as a threshold of parameter <paramref name="p"/>.</summary>
    private double Threshold(int p)
    {
        double c = Math.Round((_rng.NextDouble() * 2.4) - 1.2, 2);
        _thresholds[p].Add(c);
        return c;
    }

    // ---------------------------------------------------------------- expressions

    private Term Gen(int depth)
    {
        if (depth <= 0 || _rng.NextDouble() < 0.12)
        {
            return Leaf();
        }

        int pick = _rng.Next(TotalWeight);
        Production production = Productions[0].P;
        foreach ((Production p, int w) in Productions)
        {
            if (pick < w)
            {
                production = p;
                break;
            }

            pick -= w;
        }

        return Bound(Build(production, depth - 1));
    }

    private Term Leaf()
    {
        List<string> locals = Locals();
        if (locals.Count > 0 && _rng.NextDouble() < 0.4)
        {
            string l = locals[_rng.Next(locals.Count)];
            return new Term(new Var(l), _env[l]);
        }

        string p = _params[_rng.Next(_params.Length)];
        return new Term(new Var(p), _env[p]);
    }

    private Term Constant(double lo, double hi)
    {
        Tag("literal");
        if (_rng.NextDouble() < 0.3)
        {
            double n = _rng.Next((int)Math.Ceiling(lo), (int)Math.Floor(hi) + 1);
            if (n != 0)
            {
                return new Term(new Num(n, integerStyle: true), Interval.Point(n));
            }
        }

        double c = Math.Round(lo + (_rng.NextDouble() * (hi - lo)), 2);
        if (c == 0)
        {
            c = 0.5;
        }

        int style = _rng.NextDouble() < 0.75 ? 0 : _rng.Next(1, 4);
        Tag(style switch { 1 => "literal e", 2 => "literal suffix", 3 => "literal .5", _ => "literal" });
        return new Term(new Num(c, style: style), Interval.Point(c));
    }

    private Term Build(Production production, int d)
    {
        switch (production)
        {
            case Production.Add:
                return Plus(Gen(d), _rng.NextDouble() < 0.3 ? Constant(-2, 2) : Gen(d));
            case Production.Sub:
            {
                Tag("-");
                Term a = _rng.NextDouble() < 0.2 ? Constant(-2, 2) : Gen(d);
                Term b = a.E is Num || _rng.NextDouble() < 0.8 ? Gen(d) : Constant(-2, 2);
                return new Term(new Bin('-', a.E, b.E), a.I - b.I);
            }

            case Production.Mul:
            {
                Term a = _rng.NextDouble() < 0.3 ? Constant(-3, 3) : Gen(d);
                Term b = Gen(d);
                return Times(a, b);
            }

            case Production.Div:
                return Divide(_rng.NextDouble() < 0.25 ? Constant(-2, 2) : Gen(d), Gen(d));
            case Production.Neg:
                return Negate(Gen(d));
            case Production.Exp:
            {
                Term u = Gen(d);
                if (u.I.Hi > 2.3 || u.I.Lo < -20)
                {
                    u = Scaled(2, Tanh(u));
                }

                return Fn("Exp", u, Math.Exp);
            }

            case Production.Log:
                return Fn("Log", Positive(Gen(d)), Math.Log);
            case Production.Log2:
                return Fn("Log2", Positive(Gen(d)), Math.Log2);
            case Production.Log10:
                return Fn("Log10", Positive(Gen(d)), Math.Log10);
            case Production.Sqrt:
                return Fn("Sqrt", Positive(Gen(d)), Math.Sqrt);
            case Production.Cbrt:
            {
                Term u = Gen(d);
                if (u.I.MinAbs < 0.2)
                {
                    u = Positive(u);
                    if (_rng.NextDouble() < 0.5)
                    {
                        u = Negate(u);
                    }
                }

                return Fn("Cbrt", u, Math.Cbrt);
            }

            case Production.PowInt:
                return PowInt(Gen(d));
            case Production.PowReal:
            {
                Tag("pow real");
                double[] exponents = { 0.5, 1.5, -0.5, 2.5, 0.3, -1.5, 0.75 };
                double r = exponents[_rng.Next(exponents.Length)];
                Term b = Positive(Gen(d));
                return new Term(Call("Pow", b.E, new Num(r)), b.I.Monotone(v => Math.Pow(v, r)));
            }

            case Production.PowVarExp:
            {
                Tag("pow variable exponent");
                Term b = Positive(Gen(d));
                if (b.I.Hi > 4)
                {
                    b = new Term(new Bin('+', new Num(1.5), Call("Tanh", b.E)), new Interval(0.5, 2.5));
                }

                Term e = Limit(Gen(d), 2);
                Interval i = Interval.Hull(
                    Math.Pow(b.I.Lo, e.I.Lo), Math.Pow(b.I.Lo, e.I.Hi), Math.Pow(b.I.Hi, e.I.Lo), Math.Pow(b.I.Hi, e.I.Hi));
                return new Term(Call("Pow", b.E, e.E), i);
            }

            case Production.PowConstBase:
            {
                Tag("pow constant base");
                double[] bases = { 2, 0.5, 3, 1.5 };
                double c = bases[_rng.Next(bases.Length)];
                Term e = Limit(Gen(d), 2);
                return new Term(Call("Pow", new Num(c, integerStyle: true), e.E), e.I.Monotone(v => Math.Pow(c, v)));
            }

            case Production.Abs:
                return _rng.NextDouble() < 0.5 ? KinkAbs() : SmoothAbs(d);
            case Production.Max:
            case Production.Min:
                return _rng.NextDouble() < 0.5 ? KinkMaxMin(production == Production.Max) : SmoothMaxMin(production == Production.Max, d);
            case Production.Clamp:
                return _rng.NextDouble() < 0.5 ? KinkClamp() : SmoothClamp(d);
            case Production.Sin:
                return new Term(Call("Sin", Gen(d).E), new Interval(-1, 1));
            case Production.Cos:
                return new Term(Call("Cos", Gen(d).E), new Interval(-1, 1));
            case Production.Tan:
            {
                Term u = Gen(d);
                if (u.I.Mag > 1.2)
                {
                    u = Tanh(u);
                }

                return Fn("Tan", u, Math.Tan);
            }

            case Production.Asin:
                return Fn("Asin", InverseTrigArgument(Gen(d)), Math.Asin);
            case Production.Acos:
                return Fn("Acos", InverseTrigArgument(Gen(d)), Math.Acos);
            case Production.Atanh:
                return Fn("Atanh", InverseTrigArgument(Gen(d)), Math.Atanh);
            case Production.Atan:
                return Fn("Atan", Gen(d), Math.Atan);
            case Production.Atan2:
            {
                Term y = Gen(d);
                Term x = Gen(d);
                if (_rng.NextDouble() < 0.5)
                {
                    // Right half-plane: far from the branch cut and the origin.
                    x = Positive(x);
                    return new Term(Call("Atan2", y.E, x.E), new Interval(-Math.PI / 2, Math.PI / 2));
                }

                // y keeps one sign, so the branch cut (y = 0, x < 0) is never reached.
                y = AwayFromZero(y);
                return new Term(Call("Atan2", y.E, x.E), y.I.Lo > 0 ? new Interval(0, Math.PI) : new Interval(-Math.PI, 0));
            }

            case Production.Sinh:
                return Fn("Sinh", Limit(Gen(d), 2.5), Math.Sinh);
            case Production.Cosh:
            {
                Term u = Limit(Gen(d), 2.5);
                return new Term(Call("Cosh", u.E), new Interval(Math.Cosh(u.I.MinAbs), Math.Cosh(u.I.Mag)));
            }

            case Production.Tanh:
                return Tanh(Gen(d));
            case Production.Asinh:
                return Fn("Asinh", Gen(d), Asinh);
            case Production.Acosh:
                return Fn("Acosh", AtLeast(Gen(d), 1.2), Acosh);
            case Production.Sigmoid:
                return Sigmoid(Small(d));
            case Production.TanhFromExp:
                return TanhFromExp(Limit(Small(d), 5));
            case Production.Softplus:
            {
                Tag("softplus log(1+exp(u))");
                Term u = Small(d);
                Expr e = new Bin('+', new Num(1, true), Call("Exp", u.E));
                return new Term(Call("Log", e), u.I.Monotone(v => Math.Log(1 + Math.Exp(v))));
            }

            case Production.Helper:
                return HelperCall(d);
            case Production.Ternary:
            {
                Tag("?:");
                BoolExpr c = Condition();
                Term a = Gen(d);
                Term b = Gen(d);
                return new Term(new Ternary(c, a.E, b.E), Interval.Union(a.I, b.I));
            }

            case Production.NearMiss:
                return NearMiss(Limit(Small(d), 4));
            case Production.Identity:
                return Identity(d);
            case Production.IntegerDivision:
            {
                // C# integer division: 7 / 2 is 3, 1 / 2 is 0.
                Tag("integer division");
                int[][] pairs = { new[] { 7, 2 }, new[] { 1, 2 }, new[] { 5, 3 }, new[] { 9, 4 } };
                int[] pair = pairs[_rng.Next(pairs.Length)];
                var q = new Term(new Bin('/', new Num(pair[0], true), new Num(pair[1], true)), Interval.Point(pair[0] / pair[1]));
                Term u = Gen(d);
                return _rng.NextDouble() < 0.5 ? Times(q, u) : Plus(q, u);
            }

            case Production.MathConstant:
            {
                Tag("Math.PI");
                Term u = Limit(Gen(d), 3);
                return Times(new Term(new MathConst("PI"), Interval.Point(Math.PI)), u);
            }

            default:
                throw new InvalidOperationException(production.ToString());
        }
    }

    /// <summary>Spellings close to sigmoid/tanh/softplus that are NOT those functions (or are, written differently).</summary>
    private Term NearMiss(Term u)
    {
        Expr one = new Num(1, true);
        Expr two = new Num(2, true);
        Expr Exp(Expr a) => Call("Exp", a);
        double Sig(double v) => 1 / (1 + Math.Exp(-v));
        switch (_rng.Next(13))
        {
            case 0:
                Tag("near 2/(1+exp(-u))");
                return new Term(new Bin('/', two, new Bin('+', one, Exp(new Neg(u.E)))), u.I.Monotone(v => 2 * Sig(v)).Padded());
            case 1:
                Tag("near 1/(2+exp(-u))");
                return new Term(new Bin('/', one, new Bin('+', two, Exp(new Neg(u.E)))), u.I.Monotone(v => 1 / (2 + Math.Exp(-v))).Padded());
            case 2:
                Tag("near 1/(1+exp(u))");
                return new Term(new Bin('/', one, new Bin('+', one, Exp(u.E))), u.I.Monotone(v => Sig(-v)).Padded());
            case 3:
                Tag("near exp(-u)/(1+exp(-u))");
                return new Term(new Bin('/', Exp(new Neg(u.E)), new Bin('+', one, Exp(new Neg(u.E)))), u.I.Monotone(v => Sig(-v)).Padded());
            case 4:
                Tag("near exp(u)/(exp(u)+1)");
                return new Term(new Bin('/', Exp(u.E), new Bin('+', Exp(u.E), one)), u.I.Monotone(Sig).Padded());
            case 5:
            {
                Tag("near exp(u)/(1+exp(v))");
                Term v = Limit(Small(0), 4);
                double lo = Math.Exp(u.I.Lo) / (1 + Math.Exp(v.I.Hi));
                double hi = Math.Exp(u.I.Hi) / (1 + Math.Exp(v.I.Lo));
                return new Term(new Bin('/', Exp(u.E), new Bin('+', one, Exp(v.E))), new Interval(lo, hi).Padded());
            }

            case 6:
                Tag("near (e^u-1)/(e^u+1)");
                return new Term(new Bin('/', new Bin('-', Exp(u.E), one), new Bin('+', Exp(u.E), one)), u.I.Monotone(v => Math.Tanh(v / 2)).Padded());
            case 7:
            {
                Tag("near (e^3u-1)/(e^3u+1)");
                Term w = Limit(u, 3);
                Expr e3 = Exp(new Bin('*', new Num(3, true), w.E));
                return new Term(new Bin('/', new Bin('-', e3, one), new Bin('+', e3, one)), w.I.Monotone(v => Math.Tanh(1.5 * v)).Padded());
            }

            case 8:
                Tag("near log(2+exp(u))");
                return new Term(Call("Log", new Bin('+', two, Exp(u.E))), u.I.Monotone(v => Math.Log(2 + Math.Exp(v))).Padded());
            case 9:
                Tag("near log(exp(u)+1)");
                return new Term(Call("Log", new Bin('+', Exp(u.E), one)), u.I.Monotone(v => Math.Log(1 + Math.Exp(v))).Padded());
            case 10:
                Tag("near 1-sigmoid");
                return new Term(new Bin('-', one, new Bin('/', one, new Bin('+', one, Exp(new Neg(u.E))))), u.I.Monotone(v => Sig(-v)).Padded());
            case 11:
                Tag("near (e^u-e^-u)/2");
                return new Term(new Bin('/', new Bin('-', Exp(u.E), Exp(new Neg(u.E))), two), u.I.Monotone(Math.Sinh).Padded());
            default:
            {
                Tag("near u*sigmoid(u)");
                double m = u.I.Mag;
                return new Term(new Bin('/', u.E, new Bin('+', one, Exp(new Neg(u.E)))), new Interval(-m, m));
            }
        }
    }

    /// <summary>
    /// Compositions a simplifier may "cancel" — some only valid on part of the domain — and spots where
    /// C# semantics differ from real arithmetic. Kinks and jumps sit where a parameter meets a constant
    /// and are recorded as thresholds.
    /// </summary>
    private Term Identity(int d)
    {
        int p = _rng.Next(_params.Length);
        var v = new Var(_params[p]);
        switch (_rng.Next(18))
        {
            case 0:
            {
                // sqrt(w²) = |w|, kink at the threshold.
                Tag("trap sqrt(v*v)");
                double c = Threshold(p);
                Expr w = new Bin('-', v, new Num(c));
                return new Term(Call("Sqrt", new Bin('*', w, w)), new Interval(0, Domain + Math.Abs(c)));
            }

            case 1:
            {
                Tag("trap pow(pow(v,2),0.5)");
                double c = Threshold(p);
                Expr w = new Bin('-', v, new Num(c));
                return new Term(Call("Pow", Call("Pow", w, new Num(2, true)), new Num(0.5)), new Interval(0, Domain + Math.Abs(c)));
            }

            case 2:
            {
                // asin(sin(a·v)) is a triangle wave: kinks where a·v = ±π/2.
                Tag("trap asin(sin)");
                double a = _rng.NextDouble() < 0.5 ? 1.5 : 2;
                _thresholds[p].Add(Math.PI / (2 * a));
                _thresholds[p].Add(-Math.PI / (2 * a));
                return new Term(Call("Asin", Call("Sin", new Bin('*', new Num(a, true), v))), new Interval(-Math.PI / 2, Math.PI / 2));
            }

            case 3:
            {
                // acos(cos(a·v)) = |a·v| up to π: kinks at 0 and ±π/a.
                Tag("trap acos(cos)");
                double a = new[] { 1, 1.5, 2.5 }[_rng.Next(3)];
                _thresholds[p].Add(0);
                _thresholds[p].Add(Math.PI / a);
                _thresholds[p].Add(-Math.PI / a);
                return new Term(Call("Acos", Call("Cos", new Bin('*', new Num(a, true), v))), new Interval(0, Math.PI));
            }

            case 4:
            {
                // atan(tan(a·v)) is a sawtooth: jumps where a·v = ±π/2, slope a everywhere else.
                Tag("trap atan(tan)");
                double a = _rng.NextDouble() < 0.5 ? 1.5 : 2;
                _thresholds[p].Add(Math.PI / (2 * a));
                _thresholds[p].Add(-Math.PI / (2 * a));
                return new Term(Call("Atan", Call("Tan", new Bin('*', new Num(a, true), v))), new Interval(-Math.PI / 2, Math.PI / 2));
            }

            case 5:
            {
                // log(w²) = 2·log|w| — not 2·log(w), which is NaN for w < 0. Singular at the threshold.
                Tag("trap log(v*v)");
                double c = Threshold(p);
                Expr w = new Bin('-', v, new Num(c));
                double far = Domain + Math.Abs(c);
                return new Term(Call("Log", new Bin('*', w, w)), new Interval(Math.Log(ThresholdMarginSquared), Math.Log(far * far)));
            }

            case 6:
            {
                // Away from zero: at u = 0 the unsimplified chain rule is ∞·0 (NaN, as in PyTorch).
                Tag("trap cbrt(u*u*u)");
                Term u = AwayFromZero(SmallDup(d, 2));
                return new Term(Call("Cbrt", new Bin('*', new Bin('*', u.E, u.E), u.E)), u.I.Padded());
            }

            case 7:
            {
                Tag("trap exp(log)");
                Term u = Positive(Gen(d));
                return new Term(Call("Exp", Call("Log", u.E)), u.I.Padded());
            }

            case 8:
            {
                Tag("trap log(exp)");
                Term u = Limit(Gen(d), 5);
                return new Term(Call("Log", Call("Exp", u.E)), u.I.Padded());
            }

            case 9:
            {
                Tag("trap pow*pow");
                Term b = Positive(SmallDup(d, MaxMag));
                if (b.I.Hi > 4)
                {
                    b = new Term(new Bin('+', new Num(1.5), Call("Tanh", b.E)), new Interval(0.5, 2.5));
                }

                double[] exps = { 0.5, 1.5, -0.5, 2, -1 };
                double r1 = exps[_rng.Next(exps.Length)];
                double r2 = exps[_rng.Next(exps.Length)];
                Expr e = new Bin('*', Call("Pow", b.E, new Num(r1)), Call("Pow", b.E, new Num(r2)));
                return new Term(e, b.I.Monotone(w => Math.Pow(w, r1 + r2)).Padded());
            }

            case 10:
            {
                Tag("trap abs*abs");
                Term u = SmallDup(d, 3);
                return new Term(new Bin('*', Call("Abs", u.E), Call("Abs", u.E)), u.I.Square());
            }

            case 11:
            {
                Tag("trap u/u");
                Term u = AwayFromZero(SmallDup(d, MaxMag));
                Term w = Gen(d);
                return Times(new Term(new Bin('/', u.E, u.E), Interval.Point(1)), w);
            }

            case 12:
            {
                Tag("trap exp*exp(-)");
                Term u = Limit(SmallDup(d, 5), 5);
                Term w = Gen(d);
                return Plus(w, new Term(new Bin('*', Call("Exp", u.E), Call("Exp", new Neg(u.E))), Interval.Point(1)));
            }

            case 13:
            {
                Tag("trap tanh(atanh)");
                Term u = InverseTrigArgument(Gen(d));
                return new Term(Call("Tanh", Call("Atanh", u.E)), u.I.Padded());
            }

            case 14:
            {
                Tag("trap sinh(asinh)");
                Term u = Gen(d);
                return new Term(Call("Sinh", Call("Asinh", u.E)), u.I.Padded());
            }

            case 15:
            {
                Tag("trap cosh(acosh)");
                Term u = AtLeast(Gen(d), 1.2);
                return new Term(Call("Cosh", Call("Acosh", u.E)), u.I.Padded());
            }

            case 16:
            {
                Tag("trap (u+v)-u");
                Term u = SmallDup(d, MaxMag);
                Term w = Gen(d);
                return new Term(new Bin('-', new Bin('+', u.E, w.E), u.E), w.I + u.I - u.I);
            }

            default:
            {
                // Float code may call Math.Abs/Max/Min's float overloads; in double code this is the plain call.
                Tag("float Math overload");
                Term u = AwayFromZero(Gen(d));
                Term w = Limit(Gen(d), 1);
                double shift = Math.Ceiling(u.I.Mag + 1.5);
                Expr above = new Bin('+', w.E, new Num(shift, true));
                Expr e = new Bin(
                    '+',
                    new MathCall("Abs", u.E) { PreferMath = true },
                    new MathCall(_rng.NextDouble() < 0.5 ? "Max" : "Min", u.E, above) { PreferMath = true });
                Tag("Math.Abs");
                return new Term(e, new Interval(u.I.MinAbs, u.I.Mag) + Interval.Union(u.I, w.I + Interval.Point(shift)));
            }
        }
    }

    private const double ThresholdMarginSquared = 0.0025;

    /// <summary>A term that is about to be written more than once: small, and within ±<paramref name="limit"/>.</summary>
    private Term SmallDup(int d, double limit)
    {
        Term u = Gen(Math.Min(d, 1));
        if (u.E.Size > 8)
        {
            u = Leaf();
        }

        return Limit(u, limit);
    }

    private Term Plus(Term a, Term b)
    {
        Tag("+");
        return new Term(new Bin('+', a.E, b.E), a.I + b.I);
    }

    private Term Times(Term a, Term b)
    {
        Tag("*");
        if ((a.I * b.I).Mag > MaxMag)
        {
            if (a.I.Mag >= b.I.Mag && a.E is not Num)
            {
                a = Squash(a);
            }
            else
            {
                b = Squash(b);
            }
        }

        return new Term(new Bin('*', a.E, b.E), a.I * b.I);
    }

    private Term Divide(Term a, Term b)
    {
        Tag("/");
        b = AwayFromZero(b);
        return new Term(new Bin('/', a.E, b.E), a.I / b.I);
    }

    private Term Negate(Term u)
    {
        Tag("neg");
        return new Term(new Neg(u.E), -u.I);
    }

    /// <summary>Mixes two terms with a random arithmetic operator (used to make returns read locals).</summary>
    private Term Combine(Term a, Term b) => _rng.Next(4) switch
    {
        0 => Plus(a, b),
        1 => new Term(new Bin('-', a.E, b.E), a.I - b.I),
        2 => Times(a, b),
        _ => Divide(a, b),
    };

    private Term PowInt(Term u)
    {
        Tag("Math.Pow");
        int[] exponents = { 2, 2, 3, 3, 4, -1, -2, 1, 0 };
        int n = exponents[_rng.Next(exponents.Length)];
        if (n < 0)
        {
            Tag("pow negative int");
            u = AwayFromZero(u);
            if (u.I.MinAbs < 0.5)
            {
                // |u|^-2 with |u| >= 0.3 can reach 11; shift further out.
                u = Positive(u);
                u = new Term(new Bin('+', new Num(0.5), u.E), u.I + Interval.Point(0.5));
            }
        }
        else
        {
            Tag("pow int");
            double limit = n <= 1 ? MaxMag : Math.Pow(MaxMag, 1.0 / n);
            u = Limit(u, limit);
        }

        Interval i = n == 0 ? Interval.Point(1)
            : n % 2 == 0 && n > 0 ? PowInterval(u.I.Square(), n / 2)
            : u.I.Monotone(v => Math.Pow(v, n));
        if (n < 0)
        {
            i = u.I.Monotone(v => Math.Pow(v, n));
            if (n % 2 == 0)
            {
                i = new Interval(Math.Min(Math.Abs(i.Lo), Math.Abs(i.Hi)), Math.Max(Math.Abs(i.Lo), Math.Abs(i.Hi)));
            }
        }

        // Integer exponents written either as 2 or as 2.0.
        Expr exponent = _rng.NextDouble() < 0.5 ? new Num(n, integerStyle: true) : new Num(n);
        return new Term(Call("Pow", u.E, exponent), i);
    }

    private static Interval PowInterval(Interval nonNegative, int n) =>
        new(Math.Pow(nonNegative.Lo, n), Math.Pow(nonNegative.Hi, n));

    private Term KinkAbs()
    {
        Tag("Math.Abs");
        Tag("kink Abs");
        int p = _rng.Next(_params.Length);
        var v = new Var(_params[p]);
        double r = _rng.NextDouble();
        if (r < 0.2)
        {
            _thresholds[p].Add(0);
            return new Term(Call("Abs", v), new Interval(0, Domain));
        }

        double c = Threshold(p);
        Expr arg = r < 0.6 ? new Bin('-', v, new Num(c)) : new Bin('-', new Num(c), v);
        return new Term(Call("Abs", arg), new Interval(0, Domain + Math.Abs(c)));
    }

    private Term SmoothAbs(int d)
    {
        Tag("Math.Abs");
        Tag("smooth Abs");
        Term u = AwayFromZero(Gen(d));
        return new Term(Call("Abs", u.E), new Interval(u.I.MinAbs, u.I.Mag));
    }

    private Term KinkMaxMin(bool max)
    {
        string f = max ? "Max" : "Min";
        Tag("Math." + f);
        Tag("kink " + f);
        int p = _rng.Next(_params.Length);
        double c = Threshold(p);
        var v = new Var(_params[p]);
        var k = new Num(c);
        Expr call = _rng.NextDouble() < 0.5 ? Call(f, v, k) : Call(f, k, v);
        return new Term(call, max ? new Interval(Math.Max(c, -Domain), Domain) : new Interval(-Domain, Math.Min(c, Domain)));
    }

    private Term SmoothMaxMin(bool max, int d)
    {
        string f = max ? "Max" : "Min";
        Tag("Math." + f);
        Tag("smooth " + f);
        Term a = Gen(d);
        Term b = Limit(Gen(d), 1);

        // Shift b clear of a's interval so one argument wins everywhere.
        bool above = _rng.NextDouble() < 0.5;
        double shift = above ? Math.Ceiling((a.I.Hi + 1.2) * 10) / 10 : Math.Floor((a.I.Lo - 1.2) * 10) / 10;
        b = new Term(new Bin('+', b.E, new Num(shift)), b.I + Interval.Point(shift));
        Expr call = _rng.NextDouble() < 0.5 ? Call(f, a.E, b.E) : Call(f, b.E, a.E);
        Interval winner = above == max ? b.I : a.I;
        return new Term(call, winner);
    }

    private Term KinkClamp()
    {
        Tag("Math.Clamp");
        Tag("kink Clamp");
        int p = _rng.Next(_params.Length);
        double lo = Math.Round(-1.2 + (_rng.NextDouble() * 1.6), 2);
        double hi = Math.Round(lo + 0.2 + (_rng.NextDouble() * (1.2 - lo - 0.2)), 2);
        _thresholds[p].Add(lo);
        _thresholds[p].Add(hi);
        return new Term(Call("Clamp", new Var(_params[p]), new Num(lo), new Num(hi)), new Interval(lo, hi));
    }

    private Term SmoothClamp(int d)
    {
        Tag("Math.Clamp");
        Tag("smooth Clamp");
        Term u = Gen(d);
        double r = _rng.NextDouble();
        double lo, hi;
        Interval result;
        if (r < 0.6)
        {
            // Range strictly contains u: Clamp is the identity.
            lo = Math.Floor((u.I.Lo - 0.1 - _rng.NextDouble()) * 100) / 100;
            hi = Math.Ceiling((u.I.Hi + 0.1 + _rng.NextDouble()) * 100) / 100;
            result = u.I;
        }
        else if (r < 0.8)
        {
            // Whole range below u: Clamp returns hi.
            hi = Math.Floor((u.I.Lo - 0.1) * 100) / 100;
            lo = hi - 1;
            result = Interval.Point(hi);
        }
        else
        {
            // Whole range above u: Clamp returns lo.
            lo = Math.Ceiling((u.I.Hi + 0.1) * 100) / 100;
            hi = lo + 1;
            result = Interval.Point(lo);
        }

        return new Term(Call("Clamp", u.E, new Num(lo), new Num(hi)), result);
    }

    private Term Sigmoid(Term u)
    {
        Expr e;
        if (_rng.NextDouble() < 0.6)
        {
            Tag("sigmoid 1/(1+exp(-u))");
            bool real = _rng.NextDouble() < 0.4;
            e = new Bin('/', new Num(1, !real), new Bin('+', new Num(1, !real), Call("Exp", new Neg(u.E))));
        }
        else
        {
            Tag("sigmoid exp(u)/(1+exp(u))");
            e = new Bin('/', Call("Exp", u.E), new Bin('+', new Num(1, true), Call("Exp", u.E)));
        }

        return new Term(e, u.I.Monotone(v => 1 / (1 + Math.Exp(-v))).Padded());
    }

    private Term TanhFromExp(Term u)
    {
        Expr e;
        Expr two = new Num(2, true);
        Expr one = new Num(1, true);
        switch (_rng.Next(3))
        {
            case 0:
                Tag("tanh (e^u-e^-u)/(e^u+e^-u)");
                e = new Bin(
                    '/',
                    new Bin('-', Call("Exp", u.E), Call("Exp", new Neg(u.E))),
                    new Bin('+', Call("Exp", u.E), Call("Exp", new Neg(u.E))));
                break;
            case 1:
                Tag("tanh (e^2u-1)/(e^2u+1)");
                e = new Bin(
                    '/',
                    new Bin('-', Call("Exp", new Bin('*', two, u.E)), one),
                    new Bin('+', Call("Exp", new Bin('*', two, u.E)), one));
                break;
            default:
                Tag("tanh (1-e^-2u)/(1+e^-2u)");
                e = new Bin(
                    '/',
                    new Bin('-', one, Call("Exp", new Bin('*', new Neg(two), u.E))),
                    new Bin('+', one, Call("Exp", new Bin('*', new Neg(two), u.E))));
                break;
        }

        return new Term(e, u.I.Monotone(Math.Tanh).Padded());
    }

    private Term HelperCall(int d)
    {
        switch (_rng.Next(5))
        {
            case 0:
            {
                Tag("Sq");
                Term u = Limit(Gen(d), 3);
                return new Term(new HelperCall("Sq", u.E), u.I.Square());
            }

            case 1:
            {
                Tag("Hyp");
                Term a = Limit(Gen(d), 5);
                Term b = Limit(Gen(d), 5);
                return new Term(new HelperCall("Hyp", a.E, b.E), new Interval(1, Math.Sqrt((a.I.Mag * a.I.Mag) + (b.I.Mag * b.I.Mag) + 1)));
            }

            case 2:
            {
                // s*b + (1-s)*a^2 with s in (0,1): a convex combination of b and a^2.
                Tag("Blend");
                Term a = Limit(Gen(d), 3);
                Term b = Gen(d);
                Interval sq = a.I.Square();
                return new Term(new HelperCall("Blend", a.E, b.E), new Interval(Math.Min(b.I.Lo, sq.Lo), Math.Max(b.I.Hi, sq.Hi)));
            }

            case 3:
            {
                Tag("Smooth");
                Term u = Gen(d);
                return new Term(new HelperCall("Smooth", u.E), u.I.Monotone(v => Math.Log(1 + Math.Exp(v))).Padded());
            }

            default:
            {
                Tag("Ext.Wave");
                Term u = Gen(d);
                Term w = Limit(Gen(d), 3);
                double w2 = w.I.Mag * w.I.Mag;
                return new Term(new HelperCall("Ext.Wave", u.E, w.E), new Interval(u.I.Lo - w2, u.I.Hi + w2));
            }
        }
    }

    // ---------------------------------------------------------------- conditioning wrappers

    /// <summary>Squashes any term whose magnitude could exceed <see cref="MaxMag"/>.</summary>
    private Term Bound(Term t) => t.I.Mag > MaxMag ? Squash(t) : t;

    /// <summary>A bounded smooth function of <paramref name="t"/> (|result| ≤ 1.6).</summary>
    private Term Squash(Term t)
    {
        switch (_rng.Next(4))
        {
            case 0:
                return Tanh(t);
            case 1:
                return Fn("Atan", t, Math.Atan);
            case 2 when t.I.Mag <= LocalMaxMag:
                // Only moderate arguments: sin of a large float loses most of its digits.
                Tag("Math.Sin");
                return new Term(Call("Sin", t.E), new Interval(-1, 1));
            default:
                if (t.E.Size <= 8)
                {
                    // t / (1 + t*t) lies in [-0.5, 0.5].
                    Tag("/");
                    Expr den = new Bin('+', new Num(1, true), new Bin('*', t.E, t.E));
                    return new Term(new Bin('/', t.E, den), new Interval(-0.5, 0.5));
                }

                return Tanh(t);
        }
    }

    private Term Tanh(Term u) => Fn("Tanh", u, Math.Tanh);

    /// <summary>|result| ≤ <paramref name="limit"/>: the term itself when it already is, else limit·tanh(term).</summary>
    private Term Limit(Term u, double limit)
    {
        if (u.I.Mag <= limit)
        {
            return u;
        }

        double k = Math.Floor(limit * 10) / 10;
        return k == 1 ? Tanh(u) : Scaled(k, Tanh(u));
    }

    private Term Scaled(double k, Term u)
    {
        Tag("*");
        return new Term(new Bin('*', new Num(k, integerStyle: true), u.E), Interval.Point(k) * u.I);
    }

    /// <summary>A duplicated argument (used inside hand-written sigmoid/tanh/softplus) kept small and bounded.</summary>
    private Term Small(int d)
    {
        Term u = Gen(Math.Min(d, 1));
        if (u.E.Size > 10)
        {
            u = Leaf();
        }

        return u;
    }

    /// <summary>A term with values ≥ 0.2: the term itself when it qualifies, else a positive smooth function of it.</summary>
    private Term Positive(Term u)
    {
        if (u.I.Lo >= 0.2 && u.I.Hi <= MaxMag && _rng.NextDouble() < 0.7)
        {
            return u;
        }

        switch (_rng.Next(6))
        {
            case 0 when u.E.Size <= 8:
            {
                Term s = Limit(u, 3);
                Tag("*");
                Tag("+");
                return new Term(new Bin('+', new Num(1, true), new Bin('*', s.E, s.E)), Interval.Point(1) + s.I.Square());
            }

            case 1:
            {
                Term s = u.I.Hi > 2 || u.I.Lo < -1.5 ? Tanh(u) : u;
                return Fn("Exp", s, Math.Exp);
            }

            case 2:
                Tag("Math.Sin");
                Tag("+");
                return new Term(new Bin('+', new Num(2, true), Call("Sin", u.E)), new Interval(1, 3));
            case 3:
            {
                Tag("Sq");
                Tag("+");
                Term s = Limit(u, 3);
                return new Term(new Bin('+', new HelperCall("Sq", s.E), new Num(1.5)), s.I.Square() + Interval.Point(1.5));
            }

            case 4:
            {
                Term s = Limit(u, 2);
                return new Term(Call("Cosh", s.E), new Interval(Math.Cosh(s.I.MinAbs), Math.Cosh(s.I.Mag)));
            }

            default:
                Tag("Math.Tanh");
                Tag("+");
                return new Term(new Bin('+', new Num(1.5), Call("Tanh", u.E)), new Interval(0.5, 2.5));
        }
    }

    /// <summary>A term whose values keep |v| ≥ 0.3 (either sign).</summary>
    private Term AwayFromZero(Term u)
    {
        if (u.I.MinAbs >= 0.3 && u.I.Mag <= MaxMag && _rng.NextDouble() < 0.7)
        {
            return u;
        }

        Term p = Positive(u);
        return _rng.NextDouble() < 0.3 ? Negate(p) : p;
    }

    /// <summary>A term with values ≥ <paramref name="min"/> (for Acosh).</summary>
    private Term AtLeast(Term u, double min)
    {
        if (u.I.Lo >= min && u.I.Hi <= MaxMag)
        {
            return u;
        }

        Term p = Positive(u);
        double shift = Math.Ceiling((min - p.I.Lo) * 10) / 10;
        Tag("+");
        return new Term(new Bin('+', new Num(shift), p.E), p.I + Interval.Point(shift));
    }

    /// <summary>An argument within ±0.8 for Asin, Acos and Atanh.</summary>
    private Term InverseTrigArgument(Term u)
    {
        if (u.I.Mag <= 0.8)
        {
            return u;
        }

        if (_rng.NextDouble() < 0.7)
        {
            return Scaled(0.5, Tanh(u));
        }

        Tag("Math.Sin");
        return Scaled(0.7, new Term(Call("Sin", u.E), new Interval(-1, 1)));
    }

    // ---------------------------------------------------------------- helpers

    private Term Fn(string function, Term u, Func<double, double> monotone)
    {
        Tag("Math." + function);
        return new Term(Call(function, u.E), u.I.Monotone(monotone).Padded());
    }

    private MathCall Call(string function, params Expr[] args)
    {
        Tag("Math." + function);
        return new MathCall(function, args);
    }

    private static double Asinh(double v) => Math.Log(v + Math.Sqrt((v * v) + 1));

    private static double Acosh(double v) => Math.Log(v + Math.Sqrt((v * v) - 1));

    private static bool MentionsVariable(Expr e) => e switch
    {
        Var => true,
        Num => false,
        Neg n => MentionsVariable(n.Operand),
        Bin b => MentionsVariable(b.Left) || MentionsVariable(b.Right),
        MathCall c => c.Args.Any(MentionsVariable),
        HelperCall h => h.Args.Any(MentionsVariable),
        Ternary t => MentionsVariable(t.WhenTrue) || MentionsVariable(t.WhenFalse),
        _ => true,
    };

    private void Tag(string tag)
    {
        _coverage.TryGetValue(tag, out int n);
        _coverage[tag] = n + 1;
    }
}
