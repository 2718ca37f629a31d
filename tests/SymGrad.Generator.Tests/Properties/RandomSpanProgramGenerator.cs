using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace SymGrad.Generator.Tests.Properties;

/// <summary>
/// Seeded generator of random <c>[Differentiable]</c> methods over spans, arrays, scalars and ints: one to
/// three blocks, each a loop construct the generator supports (sums of random elementwise expressions,
/// dot products, means and variances, running maxima and minima, log-sum-exp with a max shift and
/// softmax-weighted sums, running products, tanh recurrences, local arrays filled in one loop and
/// reduced in another, lagged products, dense layers and two-layer networks with losses), combined in
/// the return value. Later blocks may read earlier blocks' results.
/// </summary>
/// <remarks>
/// Well-conditioning by construction, as in <see cref="RandomFunctionGenerator"/>: every elementwise
/// expression carries an interval (data values lie in [−1.5, 1.5]); logs, square roots and divisors only
/// see values ≥ 0.2, exp arguments stay ≤ 2 (≤ 8 inside softplus), any term that could pass
/// <see cref="ElemMax"/> is squashed with tanh; recurrences contract (|w| ≤ 0.9), product factors lie in
/// [0.75, 1.25] (or are raw data), network weights are scaled by 1/√fan-in. Non-smooth points are kept
/// away from the sample points: kinks (Abs, Max, Min, Clamp, ReLU) are only applied to raw data values
/// with thresholds on multiples of 0.05 while the data lie on grid midpoints (k + ½)·0.05 ± 0.005; the
/// candidates of a running max/min whose value is used directly are strictly monotone functions of one
/// span's elements (plus scalar shifts) and that span is drawn pairwise distinct, and log-sum-exp is
/// smooth whatever the maximum. Lengths: every span is sized by the dimensions <c>n</c> (0–37, the
/// vector length) or <c>p</c>, <c>q</c>, <c>r</c> (1–9, network sizes), drawn per case.
/// </remarks>
internal sealed class RandomSpanProgramGenerator
{
    /// <summary>Bound on the magnitude of an elementwise term.</summary>
    public const double ElemMax = 6;

    /// <summary>The largest vector length (dimension <c>n</c>).</summary>
    public const int MaxLength = 37;

    /// <summary>The largest network size (dimensions <c>p</c>, <c>q</c>, <c>r</c>).</summary>
    public const int MaxSize = 9;

    private const double Data = 1.5;

    private static readonly string[] SpanNames = { "x", "y", "z", "v", "u", "e", "t", "r", "xs", "values", "data", "input", "logits", "g", "grad", "value" };
    private static readonly string[] ScalarNames = { "a", "b", "c", "alpha", "beta", "scale", "bias", "w", "h0", "s", "u1", "value", "sq", "sum" };
    private static readonly string[] Counters = { "i", "j", "k", "idx" };

    private readonly Random _rng;
    private readonly Dictionary<string, int> _coverage = new(StringComparer.Ordinal);

    // Per-program state.
    private List<SpanParam> _params = new();
    private HashSet<string> _names = new(StringComparer.Ordinal);
    private HashSet<string> _pascal = new(StringComparer.Ordinal);
    private List<CodeLine> _lines = new();
    private HashSet<string> _tags = new(StringComparer.Ordinal);
    private List<(string Name, Interval I)> _results = new();
    private HashSet<SpanParam> _guarded = new();
    private int _indent;
    private int _nameCounter;
    private bool _network;

    public RandomSpanProgramGenerator(int seed)
    {
        _rng = new Random(seed);
    }

    /// <summary>How many programs used each construct, keyed by a short tag.</summary>
    public IReadOnlyDictionary<string, int> Coverage => _coverage;

    /// <summary>Every tag a default-sized corpus must contain (at least 3 times).</summary>
    public static IReadOnlyList<string> RequiredTags { get; } = new[]
    {
        "blocks 1", "blocks 2", "blocks 3", "block result reused",
        "ReadOnlySpan<T>", "T[]", "[NoDerivative] span", "[NoDerivative] scalar", "differentiable target", "scalar",
        "i++", "++i", "i += 1", "counter k", "counter idx", "bound x.Length", "bound int local", "bound other span's Length",
        "bound int prefix parameter", "early return on empty span",
        "sum", "sum +=", "sum s = s + f", "sum -=", "sum s = f + s", "sum loop local", "sum if in loop", "sum ?: in loop", "sum two spans",
        "dot", "dot same span", "dot weighted", "dot transformed", "dot scalar init",
        "mean", "mean ?: == 0", "mean ?: > 0", "mean if", "variance",
        "running max", "running min", "extremum Math.Max/Min(m, c)", "extremum Math.Max/Min(c, m)", "extremum if (c > m)",
        "extremum ?:", "extremum if (m < c)", "extremum loop local", "extremum init x[0]", "extremum scalar shift",
        "log-sum-exp", "lse init 0", "lse init -inf guarded", "lse init x[0]", "lse if-max", "softmax-weighted sum",
        "product", "product *=", "product p = p * f", "product p = f * p", "product raw data", "product bounded factor",
        "tanh recurrence", "recurrence w*h + f", "recurrence f + w*h", "leaky recurrence", "recurrence sum before", "recurrence sum after",
        "recurrence scalar weight", "recurrence scalar h0",
        "local array", "stackalloc", "new T[]", "local array z.Length bound", "reduce local sum", "reduce local neighbours",
        "reduce local lse", "reduce local chained", "reduce local dot",
        "lag", "lag int parameter", "lag int local", "lag neighbour", "lag forward i + lag",
        "dense", "two-layer", "network input n", "network input p", "network input NoDerivative", "size int parameter",
        "column-major weights", "hidden stackalloc", "hidden new T[]", "hidden element accumulator", "output element accumulator",
        "act tanh", "act sigmoid", "act softplus",
        "loss se", "loss mse", "loss ce label", "loss soft ce", "loss bce", "loss sum",
        "Math.Tanh", "Math.Sin", "Math.Cos", "Math.Atan", "Math.Exp", "Math.Log", "Math.Sqrt", "Math.Pow", "sigmoid", "softplus",
        "square", "/", "kink Abs", "kink Max", "kink Min", "kink Clamp", "kink ReLU ?:",
        "return nonlinear", "return scalar term",
    };

    public SpanProgram Next(int index)
    {
        _params = new List<SpanParam>();
        _names = new HashSet<string>(Counters, StringComparer.Ordinal);
        _pascal = new HashSet<string>(StringComparer.Ordinal);
        _lines = new List<CodeLine>();
        _tags = new HashSet<string>(StringComparer.Ordinal);
        _results = new List<(string, Interval)>();
        _guarded = new HashSet<SpanParam>();
        _indent = 1;
        _nameCounter = 0;
        _network = false;

        if (Chance(0.2))
        {
            // if (x.Length == 0) { return …; } — later blocks may read x[0].
            SpanParam x = DataSpan();
            Tag("early return on empty span");
            Term value = Chance(0.5) ? ScalarTerm() : new Term(new Num(0, true), Interval.Point(0));
            Line($"if ({x.Name}.Length == 0)");
            Open();
            Line("return {0};", value.E);
            Close();
            _guarded.Add(x);
        }

        int blocks = _rng.NextDouble() switch
        {
            < 0.4 => 1,
            < 0.8 => 2,
            _ => 3,
        };
        Tag("blocks " + blocks);
        for (int b = 0; b < blocks; b++)
        {
            _results.Add(Block());
        }

        Return();

        if (!_params.Any(p => p.Differentiable))
        {
            SpanParam p = _params.First(q => q.Kind != SpanParamKind.Int);
            p.NoDerivative = false;
        }

        foreach (SpanParam p in _params)
        {
            if (p.Kind == SpanParamKind.Span)
            {
                Tag(p.IsArray ? "T[]" : "ReadOnlySpan<T>");
            }
            else if (p.Kind == SpanParamKind.Scalar)
            {
                Tag("scalar");
            }

            if (p.NoDerivative)
            {
                Tag(p.Kind == SpanParamKind.Span ? "[NoDerivative] span" : "[NoDerivative] scalar");
            }
        }

        // Parameters in a random order.
        List<SpanParam> ordered = _params.OrderBy(_ => _rng.Next()).ToList();
        foreach (string tag in _tags)
        {
            _coverage.TryGetValue(tag, out int n);
            _coverage[tag] = n + 1;
        }

        return new SpanProgram(index, ordered, _lines, _tags.ToList());
    }

    // ---------------------------------------------------------------- blocks

    private (string Name, Interval I) Block()
    {
        int r = _rng.Next(100);
        if (!_network && r >= 88)
        {
            _network = true;
            return r >= 94 ? TwoLayerBlock() : DenseBlock();
        }

        return (r % 88) switch
        {
            < 14 => SumBlock(),
            < 23 => DotBlock(),
            < 32 => MeanBlock(),
            < 43 => ExtremumBlock(),
            < 54 => LogSumExpBlock(),
            < 63 => ProductBlock(),
            < 73 => RecurrenceBlock(),
            < 82 => LocalArrayBlock(),
            _ => LagBlock(),
        };
    }

    private (string, Interval) SumBlock()
    {
        Tag("sum");
        SpanParam x = DataSpan();
        SpanParam? y = Chance(0.45) ? DataSpan(x) : null;
        if (y != null && y != x)
        {
            Tag("sum two spans");
        }

        string s = NewName("s", "sum", "total", "acc", "u", "e", "t", "r");
        Term init = Chance(0.6) ? Zero : ScalarTerm();
        string end = LoopEnd(x, y, allowPrefix: true);
        Line($"{{T}} {s} = {{0}};", init.E);
        string i = Counter();
        Atoms atoms = LoopAtoms(i, x, y);
        Term f = Elementwise(atoms);
        For(i, "0", end);
        Interval sum = f.I * new Interval(0, MaxLength);
        switch (_rng.Next(7))
        {
            case 0:
                Tag("sum +=");
                Line($"{s} += {{0}};", f.E);
                break;
            case 1:
                Tag("sum s = s + f");
                Line($"{s} = {s} + {{0}};", f.E);
                break;
            case 2:
                Tag("sum -=");
                Line($"{s} -= {{0}};", f.E);
                sum = -sum;
                break;
            case 3:
                Tag("sum s = f + s");
                Line($"{s} = {{0}} + {s};", f.E);
                break;
            case 4:
            {
                Tag("sum loop local");
                string u = NewName("u", "e", "tmp", "val", "q");
                Line($"{{T}} {u} = {{0}};", f.E);
                atoms.Loop.Add(new Term(new Var(u), f.I));
                Term g = Elementwise(atoms);
                Line($"{s} += {{0}};", g.E);
                sum = g.I * new Interval(0, MaxLength);
                break;
            }

            case 5:
            {
                // Stable softplus written with a branch: both branches are the same smooth function.
                Tag("sum if in loop");
                Term u = Limit(f, 8);
                string name = NewName("u", "e", "z0", "q");
                Line($"{{T}} {name} = {{0}};", u.E);
                Line($"if ({name} > 0)");
                Open();
                Line($"{s} += {name} + {{M}}.Log(1 + {{M}}.Exp(-{name}));");
                Close();
                Line("else");
                Open();
                Line($"{s} += {{M}}.Log(1 + {{M}}.Exp({name}));");
                Close();
                sum = new Interval(0, 8.1) * new Interval(0, MaxLength);
                break;
            }

            default:
            {
                Tag("sum ?: in loop");
                Term u = Limit(f, 8);
                string name = NewName("u", "e", "z0", "q");
                Line($"{{T}} {name} = {{0}};", u.E);
                Line($"{s} += {name} > 0 ? {name} + {{M}}.Log(1 + {{M}}.Exp(-{name})) : {{M}}.Log(1 + {{M}}.Exp({name}));");
                sum = new Interval(0, 8.1) * new Interval(0, MaxLength);
                break;
            }
        }

        Close();
        return (s, init.I + sum);
    }

    private (string, Interval) DotBlock()
    {
        Tag("dot");
        SpanParam x = DataSpan();
        SpanParam y = Chance(0.15) ? x : DataSpan(x);
        if (y == x)
        {
            Tag("dot same span");
        }

        string d = NewName("dot", "d", "inner", "acc", "e");
        Term init = Zero;
        if (Chance(0.3))
        {
            Tag("dot scalar init");
            init = ScalarTerm();
        }

        string end = LoopEnd(x, y, allowPrefix: false);
        Line($"{{T}} {d} = {{0}};", init.E);
        string i = Counter();
        For(i, "0", end);
        string xi = $"{x.Name}[{i}]", yi = $"{y.Name}[{i}]";
        Interval term;
        switch (_rng.Next(5))
        {
            case 0:
                Line($"{d} += {xi} * {yi};");
                term = new Interval(-Data * Data, Data * Data);
                break;
            case 1:
                Line($"{d} = {d} + {yi} * {xi};");
                term = new Interval(-Data * Data, Data * Data);
                break;
            case 2:
            {
                Tag("dot weighted");
                Term a = ScalarTerm();
                Line($"{d} += {{0}} * {xi} * {yi};", a.E);
                term = a.I * new Interval(-Data * Data, Data * Data);
                break;
            }

            default:
            {
                Tag("dot transformed");
                Term f = Limit(Elementwise(LoopAtoms(i, x, null)), 3);
                Term g = Limit(Elementwise(LoopAtoms(i, y, null)), 3);
                Line($"{d} += {{0}} * {{1}};", f.E, g.E);
                term = f.I * g.I;
                break;
            }
        }

        Close();
        return (d, init.I + (term * new Interval(0, MaxLength)));
    }

    private (string, Interval) MeanBlock()
    {
        Tag("mean");
        SpanParam x = DataSpan();
        SpanParam? y = Chance(0.3) ? DataSpan(x) : null;
        string s = NewName("s", "sum", "total");
        string mean = NewName("mean", "avg", "mu", "m");
        string i = Counter();
        Atoms atoms = LoopAtoms(i, x, y);
        Term f = Elementwise(atoms);
        Line($"{{T}} {s} = 0;");
        For(i, "0", x.Name + ".Length");
        Line($"{s} += {{0}};", f.E);
        Close();
        Guarded(mean, $"{s} / {x.Name}.Length", x);
        Interval result = Interval.Union(f.I, Interval.Point(0));
        if (Chance(0.4))
        {
            Tag("variance");
            string v = NewName("v", "ss", "sq");
            string variance = NewName("variance", "var2", "sigma2");
            string dev = NewName("dev", "diff", "delta");
            string i2 = Counter();
            Term f2 = Reindex(f, i, i2);
            Line($"{{T}} {v} = 0;");
            For(i2, "0", x.Name + ".Length");
            Line($"{{T}} {dev} = {{0}} - {mean};", f2.E);
            Line($"{v} += {dev} * {dev};");
            Close();
            Guarded(variance, $"{v} / {x.Name}.Length", x);
            double m = f.I.Mag * 2;
            return (variance, new Interval(0, m * m));
        }

        return (mean, result);
    }

    /// <summary><c>T name = x.Length == 0 ? 0 : value;</c> or an equivalent spelling.</summary>
    private void Guarded(string name, string value, SpanParam x)
    {
        switch (_rng.Next(3))
        {
            case 0:
                Tag("mean ?: == 0");
                Line($"{{T}} {name} = {x.Name}.Length == 0 ? 0 : {value};");
                break;
            case 1:
                Tag("mean ?: > 0");
                Line($"{{T}} {name} = {x.Name}.Length > 0 ? {value} : 0;");
                break;
            default:
                Tag("mean if");
                Line($"{{T}} {name} = 0;");
                Line($"if ({x.Name}.Length > 0)");
                Open();
                Line($"{name} = {value};");
                Close();
                break;
        }
    }

    private (string, Interval) ExtremumBlock()
    {
        bool max = Chance(0.5);
        Tag(max ? "running max" : "running min");
        SpanParam x = GuardedOrDataSpan();
        x.Sample = SampleKind.Distinct;
        string m = NewName(max ? "m" : "mn", max ? "max" : "min", max ? "mx" : "lo", "best");
        string i = Counter();
        string xi = $"{x.Name}[{i}]";

        // A strictly monotone function of x[i] (slope at least 0.18) plus a shift that does not depend on i.
        (Expr mono, double lo, double hi) = _rng.Next(6) switch
        {
            0 => ((Expr)new Var(xi), -Data, Data),
            1 => (new Bin('*', new Num(2, true), new Var(xi)), -2 * Data, 2 * Data),
            2 => (new Bin('*', new Num(-0.5), new Var(xi)), -0.5 * Data, 0.5 * Data),
            3 => (Call("Tanh", new Var(xi)), -1, 1),
            4 => (Call("Atan", new Var(xi)), -1, 1),
            _ => (Call("Exp", new Var(xi)), 0, Math.Exp(Data)),
        };
        Term cand = new(mono, new Interval(lo, hi));
        if (Chance(0.4))
        {
            Tag("extremum scalar shift");
            Term shift = Limit(ScalarTerm(), 2);
            cand = Chance(0.5)
                ? new Term(new Bin('+', cand.E, shift.E), cand.I + shift.I)
                : new Term(new Bin('+', shift.E, cand.E), cand.I + shift.I);
        }

        string start = "0";
        if (_guarded.Contains(x) && Chance(0.7))
        {
            Tag("extremum init x[0]");
            _lines.Add(new CodeLine(_indent, $"{{T}} {m} = {{0}};", new[] { cand.E }, $"[{i}]", "[0]"));
            start = "1";
        }
        else
        {
            Line($"{{T}} {m} = {(max ? "-10" : "10")};");
        }

        For(i, start, x.Name + ".Length");
        string fn = max ? "Max" : "Min";
        string gt = max ? ">" : "<";
        string lt = max ? "<" : ">";
        switch (_rng.Next(6))
        {
            case 0:
                Tag("extremum Math.Max/Min(m, c)");
                Line($"{m} = {{M}}.{fn}({m}, {{0}});", cand.E);
                break;
            case 1:
                Tag("extremum Math.Max/Min(c, m)");
                Line($"{m} = {{M}}.{fn}({{0}}, {m});", cand.E);
                break;
            case 2:
                Tag("extremum if (c > m)");
                Line($"if ({{0}} {gt} {m})", cand.E);
                Open();
                Line($"{m} = {{0}};", cand.E);
                Close();
                break;
            case 3:
                Tag("extremum ?:");
                Line($"{m} = {{0}} {gt} {m} ? {{0}} : {m};", cand.E);
                break;
            case 4:
                Tag("extremum if (m < c)");
                Line($"if ({m} {lt} {{0}})", cand.E);
                Open();
                Line($"{m} = {{0}};", cand.E);
                Close();
                break;
            default:
            {
                Tag("extremum loop local");
                string c = NewName("c", "cand", "val");
                Line($"{{T}} {c} = {{0}};", cand.E);
                Line($"if ({c} {gt} {m})");
                Open();
                Line($"{m} = {c};");
                Close();
                break;
            }
        }

        Close();
        return (m, Interval.Union(cand.I, Interval.Point(max ? -10 : 10)));
    }

    private (string, Interval) LogSumExpBlock()
    {
        Tag("log-sum-exp");
        SpanParam x = GuardedOrDataSpan();
        SpanParam? y = Chance(0.3) ? DataSpan(x) : null;
        string m = NewName("m", "max", "mx", "shift");
        string s = NewName("s", "sum", "se", "z");
        string lse = NewName("lse", "logSum", "lz");
        string i = Counter();
        Term f = Limit(Elementwise(LoopAtoms(i, x, y)), ElemMax);
        int variant = _guarded.Contains(x) && Chance(0.75) ? 2 : _rng.Next(2);

        string start = "0";
        switch (variant)
        {
            case 0:
                // log(1 + Σ e^f): the extra 0 logit keeps it finite for empty spans.
                Tag("lse init 0");
                Line($"{{T}} {m} = 0;");
                break;
            case 1:
                Tag("lse init -inf guarded");
                Line($"{{T}} {m} = {{T}}.NegativeInfinity;");
                break;
            default:
                Tag("lse init x[0]");
                _lines.Add(new CodeLine(_indent, $"{{T}} {m} = {{0}};", new[] { f.E }, $"[{i}]", "[0]"));
                start = "1";
                break;
        }

        For(i, start, x.Name + ".Length");
        if (Chance(0.3))
        {
            Tag("lse if-max");
            Line($"if ({{0}} > {m})", f.E);
            Open();
            Line($"{m} = {{0}};", f.E);
            Close();
        }
        else
        {
            Line($"{m} = {{M}}.Max({m}, {{0}});", f.E);
        }

        Close();
        Line(variant == 0 ? $"{{T}} {s} = {{M}}.Exp(-{m});" : $"{{T}} {s} = 0;");
        string? num = null;
        Term g = Zero;
        string i2 = Counter();
        Term f2 = Reindex(f, i, i2);
        if (Chance(0.3))
        {
            Tag("softmax-weighted sum");
            num = NewName("num", "weighted", "att");
            g = Limit(Elementwise(LoopAtoms(i2, x, y)), 3);
            Line($"{{T}} {num} = 0;");
        }

        For(i2, "0", x.Name + ".Length");
        if (num != null)
        {
            string e = NewName("e", "w", "p", "ex");
            Line($"{{T}} {e} = {{M}}.Exp({{0}} - {m});", f2.E);
            Line($"{s} += {e};");
            Line($"{num} += {e} * {{0}};", g.E);
        }
        else
        {
            Line($"{s} += {{M}}.Exp({{0}} - {m});", f2.E);
        }

        Close();
        string value = num != null ? $"{num} / {s}" : $"{m} + {{M}}.Log({s})";
        if (variant == 1)
        {
            Line($"{{T}} {lse} = {x.Name}.Length == 0 ? 0 : {value};");
        }
        else
        {
            Line($"{{T}} {lse} = {value};");
        }

        return num != null
            ? (lse, new Interval(-g.I.Mag, g.I.Mag))
            : (lse, new Interval(Math.Min(0, f.I.Lo), Math.Max(0, f.I.Hi) + Math.Log(MaxLength + 1)));
    }

    private (string, Interval) ProductBlock()
    {
        Tag("product");
        SpanParam x = DataSpan();
        SpanParam? y = Chance(0.3) ? DataSpan(x) : null;
        string p = NewName("p", "prod", "acc", "t");
        string i = Counter();
        Term factor;
        if (Chance(0.25))
        {
            Tag("product raw data");
            factor = new Term(new Var($"{x.Name}[{i}]"), new Interval(-Data, Data));
        }
        else
        {
            Tag("product bounded factor");
            Term f = Elementwise(LoopAtoms(i, x, y));
            double c = new[] { 0.1, 0.2, 0.25 }[_rng.Next(3)];
            Expr bounded = _rng.Next(3) switch
            {
                0 => Call("Tanh", f.E),
                1 => Call("Sin", f.E),
                _ => new Bin('*', new Num(2, true), new Bin('/', f.E, new Bin('+', new Num(1, true), new Bin('*', f.E, f.E)))),
            };
            factor = new Term(new Bin('+', new Num(1, true), new Bin('*', new Num(c), bounded)), new Interval(1 - c, 1 + c));
        }

        Line($"{{T}} {p} = 1;");
        For(i, "0", LoopEnd(x, y, allowPrefix: true));
        switch (_rng.Next(3))
        {
            case 0:
                Tag("product *=");
                Line($"{p} *= {{0}};", factor.E);
                break;
            case 1:
                Tag("product p = p * f");
                Line($"{p} = {p} * {{0}};", factor.E);
                break;
            default:
                Tag("product p = f * p");
                Line($"{p} = {{0}} * {p};", factor.E);
                break;
        }

        Close();
        double bound = Math.Pow(factor.I.Mag, MaxLength);
        return (p, new Interval(-bound, bound));
    }

    private (string, Interval) RecurrenceBlock()
    {
        Tag("tanh recurrence");
        SpanParam x = DataSpan();
        SpanParam? y = Chance(0.3) ? DataSpan(x) : null;
        string h = NewName("h", "state", "hh");
        Term h0 = Zero;
        if (Chance(0.5))
        {
            Tag("recurrence scalar h0");
            h0 = Chance(0.5) ? Limit(ScalarTerm(), 1) : new Term(Call("Tanh", ScalarTerm().E), new Interval(-1, 1));
        }

        // |w| <= 0.9: the recurrence contracts, so neither float rounding nor the finite differences blow up.
        Expr w;
        if (Chance(0.6))
        {
            Tag("recurrence scalar weight");
            Term a = ScalarTerm();
            w = a.I.Mag <= 1.5 && Chance(0.5) ? new Bin('*', new Num(0.6), a.E) : new Bin('*', new Num(0.9), Call("Tanh", a.E));
        }
        else
        {
            w = new Num(new[] { 0.5, -0.7, 0.9, 0.3 }[_rng.Next(4)]);
        }

        string i = Counter();
        Term f = Limit(Elementwise(LoopAtoms(i, x, y)), 3);
        string? total = Chance(0.6) ? NewName("total", "acc", "out0", "e") : null;
        int when = _rng.Next(2);
        Line($"{{T}} {h} = {{0}};", h0.E);
        if (total != null)
        {
            Line($"{{T}} {total} = 0;");
        }

        For(i, "0", x.Name + ".Length");
        Term g = Limit(Elementwise(LoopAtoms(i, x, y)), 3);
        if (total != null && when == 0)
        {
            Tag("recurrence sum before");
            Line($"{total} += {h} * {{0}};", g.E);
        }

        switch (_rng.Next(3))
        {
            case 0:
                Tag("recurrence w*h + f");
                Line($"{h} = {{M}}.Tanh({{0}} * {h} + {{1}});", w, f.E);
                break;
            case 1:
                Tag("recurrence f + w*h");
                Line($"{h} = {{M}}.Tanh({{1}} + {{0}} * {h});", w, f.E);
                break;
            default:
                Tag("leaky recurrence");
                Line($"{h} = {{L:0.5}} * {h} + {{L:0.5}} * {{M}}.Tanh({{0}} * {h} + {{1}});", w, f.E);
                break;
        }

        if (total != null && when == 1)
        {
            Tag("recurrence sum after");
            if (Chance(0.5))
            {
                Line($"{total} += {h} * {h};");
            }
            else
            {
                Line($"{total} += {h} * {{0}};", g.E);
            }
        }

        Close();
        if (total == null)
        {
            return (h, new Interval(-1, 1));
        }

        double t = g.I.Mag * MaxLength;
        if (Chance(0.5))
        {
            string both = NewName("rec", "hs", "res");
            Line($"{{T}} {both} = {total} + {h};");
            return (both, new Interval(-t - 1, t + 1));
        }

        return (total, new Interval(-t, t));
    }

    private (string, Interval) LocalArrayBlock()
    {
        Tag("local array");
        SpanParam x = DataSpan();
        SpanParam? y = Chance(0.3) ? DataSpan(x) : null;
        string size = x.Name + ".Length";
        if (Chance(0.4))
        {
            size = NewName("n", "len", "count", "size");
            Line($"int {size} = {x.Name}.Length;");
        }

        string z = NewName("z", "tmp", "act", "hidden", "buf");
        DeclareLocalArray(z, size);
        string i = Counter();
        Term f = Limit(Elementwise(LoopAtoms(i, x, y)), ElemMax);
        string fillEnd = size;
        if (Chance(0.3))
        {
            Tag("local array z.Length bound");
            fillEnd = z + ".Length";
        }

        For(i, "0", fillEnd);
        Line($"{z}[{i}] = {{0}};", f.E);
        Close();

        string s = NewName("s", "sum", "red", "out1");
        string i2 = Counter();
        string zi = $"{z}[{i2}]";
        switch (_rng.Next(5))
        {
            case 0:
            {
                Tag("reduce local sum");
                Atoms atoms = LoopAtoms(i2, x, y);
                atoms.Loop.Add(new Term(new Var(zi), f.I));
                atoms.Loop.Add(new Term(new Var(zi), f.I));
                Term g = Elementwise(atoms);
                Line($"{{T}} {s} = 0;");
                For(i2, "0", Chance(0.5) ? size : x.Name + ".Length");
                Line($"{s} += {{0}};", g.E);
                Close();
                return (s, g.I * new Interval(0, MaxLength));
            }

            case 1:
            {
                Tag("reduce local neighbours");
                string dz = NewName("dz", "step", "jump");
                Line($"{{T}} {s} = 0;");
                For(i2, "1", size);
                Line($"{{T}} {dz} = {z}[{i2}] - {z}[{i2} - 1];");
                Line($"{s} += {dz} * {dz};");
                Close();
                double d = 2 * f.I.Mag;
                return (s, new Interval(0, d * d * MaxLength));
            }

            case 2:
            {
                Tag("reduce local lse");
                string m = NewName("m", "mx", "shift");
                Line($"{{T}} {m} = 0;");
                For(i2, "0", size);
                Line($"{m} = {{M}}.Max({m}, {zi});");
                Close();
                Line($"{{T}} {s} = {{M}}.Exp(-{m});");
                string i3 = Counter();
                For(i3, "0", size);
                Line($"{s} += {{M}}.Exp({z}[{i3}] - {m});");
                Close();
                string lse = NewName("lse", "lz", "logSum");
                Line($"{{T}} {lse} = {m} + {{M}}.Log({s});");
                return (lse, new Interval(Math.Min(0, f.I.Lo), Math.Max(0, f.I.Hi) + Math.Log(MaxLength + 1)));
            }

            case 3:
            {
                Tag("reduce local chained");
                string z2 = NewName("z2", "tmp2", "post");
                DeclareLocalArray(z2, size);
                var zAtoms = new Atoms();
                zAtoms.Loop.Add(new Term(new Var(zi), f.I));
                zAtoms.Scalars.AddRange(ScalarAtoms());
                Term h = Limit(Elementwise(zAtoms), 3);
                For(i2, "0", size);
                Line($"{z2}[{i2}] = {{0}};", h.E);
                Close();
                string i3 = Counter();
                Line($"{{T}} {s} = 0;");
                For(i3, "0", size);
                Line($"{s} += {z2}[{i3}] * {x.Name}[{i3}];");
                Close();
                return (s, h.I * new Interval(-Data, Data) * new Interval(0, MaxLength));
            }

            default:
            {
                Tag("reduce local dot");
                SpanParam w = DataSpan();
                Line($"{{T}} {s} = 0;");
                For(i2, "0", size);
                Line($"{s} += {zi} * {w.Name}[{i2}];");
                Close();
                return (s, f.I * new Interval(-Data, Data) * new Interval(0, MaxLength));
            }
        }
    }

    private void DeclareLocalArray(string name, string size)
    {
        if (Chance(0.5))
        {
            Tag("stackalloc");
            Line($"Span<{{T}}> {name} = stackalloc {{T}}[{size}];");
        }
        else
        {
            Tag("new T[]");
            Line($"{{T}}[] {name} = new {{T}}[{size}];");
        }
    }

    private (string, Interval) LagBlock()
    {
        Tag("lag");
        SpanParam x = DataSpan();
        SpanParam y = Chance(0.5) ? x : DataSpan(x);
        string s = NewName("s", "auto", "corr", "lagged");
        string lag;
        switch (_rng.Next(3))
        {
            case 0:
                Tag("lag int parameter");
                lag = NewParam(new[] { "lag", "offset", "shift" }, SpanParamKind.Int).Name;
                _params[^1].Sample = SampleKind.IntRange;
                _params[^1].IntMax = 4;
                break;
            case 1:
                Tag("lag int local");
                lag = NewName("lag", "d0", "gap");
                Line($"int {lag} = {_rng.Next(1, 4)};");
                break;
            default:
                Tag("lag neighbour");
                lag = "1";
                break;
        }

        string i = Counter();
        bool forward = Chance(0.35);
        var atoms = new Atoms();
        string xi = $"{x.Name}[{i}]";
        string yl = forward ? $"{y.Name}[{i} + {lag}]" : $"{y.Name}[{i} - {lag}]";
        atoms.Loop.Add(new Term(new Var(xi), new Interval(-Data, Data)));
        atoms.Loop.Add(new Term(new Var(yl), new Interval(-Data, Data)));
        atoms.Kinkable.Add(xi);
        atoms.Kinkable.Add(yl);
        atoms.Scalars.AddRange(ScalarAtoms());
        Term f = Chance(0.5)
            ? new Term(new Bin('*', new Var(xi), new Var(yl)), new Interval(-Data * Data, Data * Data))
            : Elementwise(atoms);
        Line($"{{T}} {s} = 0;");
        if (forward)
        {
            Tag("lag forward i + lag");
            For(i, "0", $"{x.Name}.Length - {lag}");
        }
        else
        {
            For(i, lag, x.Name + ".Length");
        }

        Line($"{s} += {{0}};", f.E);
        Close();
        return (s, f.I * new Interval(0, MaxLength));
    }

    private (string, Interval) DenseBlock()
    {
        Tag("dense");
        (SpanParam x, string inDim) = NetworkInput();
        SpanParam w = NetworkSpan(new[] { "w", "weights", "w1", "kernel" }, new[] { "q", inDim }, SampleKind.Weight, inDim);
        bool columnMajor = Chance(0.25);
        if (columnMajor)
        {
            w.Dims = new[] { inDim, "q" };
        }

        SpanParam? b = Chance(0.7) ? NetworkSpan(new[] { "b", "bias1", "b1" }, new[] { "q" }, SampleKind.Grid, null) : null;
        string activation = Activation();
        int loss = _rng.Next(4);
        SpanParam? t = loss is 1 or 2 ? Target(new[] { "q" }, loss == 2) : null;
        string nIn = NewName("n", "nIn", "inputs", "cols");
        string nOut = NewName("m", "nOut", "outputs", "rows");
        Line($"int {nIn} = {x.Name}.Length;");
        if (b != null && Chance(0.7))
        {
            Line($"int {nOut} = {b.Name}.Length;");
        }
        else if (t != null && Chance(0.5))
        {
            Line($"int {nOut} = {t.Name}.Length;");
        }
        else
        {
            Tag("size int parameter");
            nOut = NewParam(new[] { "units", "hidden", "outs" }, SpanParamKind.Int).Name;
            _params[^1].Sample = SampleKind.IntDim;
            _params[^1].Dims = new[] { "q" };
        }

        string l = NewName("loss", "total", "l", "obj");
        string acc = NewName("acc", "pre", "zj", "sum");
        string hj = NewName("hj", "act", "y0", "o");
        Line($"{{T}} {l} = 0;");
        string j = Counter();
        For(j, "0", nOut);
        Line(b != null ? $"{{T}} {acc} = {b.Name}[{j}];" : $"{{T}} {acc} = 0;");
        string i = Counter(j);
        For(i, "0", nIn);
        string index = columnMajor ? $"{i} * {nOut} + {j}" : $"{j} * {nIn} + {i}";
        if (columnMajor)
        {
            Tag("column-major weights");
        }

        Line(Chance(0.5) ? $"{acc} += {w.Name}[{index}] * {x.Name}[{i}];" : $"{acc} += {x.Name}[{i}] * {w.Name}[{index}];");
        Close();
        Interval result;
        switch (loss)
        {
            case 0:
            {
                Tag("loss sum");
                Line($"{{T}} {hj} = {Activate(activation, acc)};");
                Line($"{l} += {hj};");
                result = new Interval(-20 * MaxSize, 20 * MaxSize);
                break;
            }

            case 1:
            {
                string diff = NewName("diff", "err", "res");
                Line($"{{T}} {hj} = {Activate(activation, acc)};");
                Line($"{{T}} {diff} = {hj} - {t!.Name}[{j}];");
                Line($"{l} += {diff} * {diff};");
                result = new Interval(0, 500 * MaxSize);
                break;
            }

            case 2:
            {
                // Binary cross-entropy from logits: softplus(z) − t·z.
                Tag("loss bce");
                Line($"{l} += {{M}}.Log(1 + {{M}}.Exp({acc})) - {t!.Name}[{j}] * {acc};");
                result = new Interval(0, 40 * MaxSize);
                break;
            }

            default:
            {
                Tag("loss sum");
                Term c = ScalarTerm();
                Line($"{{T}} {hj} = {Activate(activation, acc)};");
                Line($"{l} += {{0}} * {hj} * {hj};", c.E);
                result = new Interval(-2000 * MaxSize, 2000 * MaxSize);
                break;
            }
        }

        Close();
        if (loss == 1 && Chance(0.5))
        {
            Tag("loss mse");
            string mse = NewName("mse", "meanLoss", "avgLoss");
            Line($"{{T}} {mse} = {l} / {nOut};");
            return (mse, result);
        }

        if (loss == 1)
        {
            Tag("loss se");
        }

        return (l, result);
    }

    private (string, Interval) TwoLayerBlock()
    {
        Tag("two-layer");
        (SpanParam x, string inDim) = NetworkInput();
        SpanParam w1 = NetworkSpan(new[] { "w1", "weights1", "wh", "kernel" }, new[] { "q", inDim }, SampleKind.Weight, inDim);
        SpanParam b1 = NetworkSpan(new[] { "b1", "bias1", "bh" }, new[] { "q" }, SampleKind.Grid, null);
        SpanParam w2 = NetworkSpan(new[] { "w2", "weights2", "wo", "proj" }, new[] { "r", "q" }, SampleKind.Weight, "q");
        SpanParam b2 = NetworkSpan(new[] { "b2", "bias2", "bo" }, new[] { "r" }, SampleKind.Grid, null);
        string activation = Activation();
        int loss = _rng.Next(5);
        SpanParam? t = loss switch
        {
            0 or 1 => Target(new[] { "r" }, unit: false),
            3 or 4 => Target(new[] { "r" }, unit: true),
            _ => null,
        };

        string n = NewName("n", "nIn", "inputs");
        Line($"int {n} = {x.Name}.Length;");
        string m;
        if (Chance(0.25))
        {
            Tag("size int parameter");
            m = NewParam(new[] { "hidden", "units", "width" }, SpanParamKind.Int).Name;
            _params[^1].Sample = SampleKind.IntDim;
            _params[^1].Dims = new[] { "q" };
        }
        else
        {
            m = NewName("m", "nh", "width");
            Line($"int {m} = {b1.Name}.Length;");
        }

        string h = NewName("h", "hid", "hidden", "a1");
        if (Chance(0.5))
        {
            Tag("hidden stackalloc");
            Line($"Span<{{T}}> {h} = stackalloc {{T}}[{m}];");
        }
        else
        {
            Tag("hidden new T[]");
            Line($"{{T}}[] {h} = new {{T}}[{m}];");
        }

        string j = Counter();
        For(j, "0", m);
        string i = Counter(j);
        if (Chance(0.3))
        {
            Tag("hidden element accumulator");
            Line($"{h}[{j}] = {b1.Name}[{j}];");
            For(i, "0", n);
            Line($"{h}[{j}] += {w1.Name}[{j} * {n} + {i}] * {x.Name}[{i}];");
            Close();
            Line($"{h}[{j}] = {Activate(activation, $"{h}[{j}]")};");
        }
        else
        {
            string acc = NewName("acc", "pre", "zj");
            Line($"{{T}} {acc} = {b1.Name}[{j}];");
            For(i, "0", n);
            Line($"{acc} += {w1.Name}[{j} * {n} + {i}] * {x.Name}[{i}];");
            Close();
            Line($"{h}[{j}] = {Activate(activation, acc)};");
        }

        Close();

        string o = NewName("o", "out2", "logit", "y1");
        Line(Chance(0.5) ? $"{{T}}[] {o} = new {{T}}[{b2.Name}.Length];" : $"Span<{{T}}> {o} = stackalloc {{T}}[{b2.Name}.Length];");
        string k = Counter();
        For(k, "0", Chance(0.5) ? $"{o}.Length" : $"{b2.Name}.Length");
        string j2 = Counter(k);
        if (Chance(0.5))
        {
            Tag("output element accumulator");
            Line($"{o}[{k}] = {b2.Name}[{k}];");
            For(j2, "0", m);
            Line($"{o}[{k}] += {w2.Name}[{k} * {m} + {j2}] * {h}[{j2}];");
            Close();
        }
        else
        {
            string acc2 = NewName("acc2", "z2", "pre2");
            Line($"{{T}} {acc2} = {b2.Name}[{k}];");
            For(j2, "0", m);
            Line($"{acc2} += {w2.Name}[{k} * {m} + {j2}] * {h}[{j2}];");
            Close();
            Line($"{o}[{k}] = {acc2};");
        }

        Close();

        string l = NewName("loss", "objective", "cost");
        string k2 = Counter();
        switch (loss)
        {
            case 0:
            case 1:
            {
                Tag(loss == 0 ? "loss se" : "loss mse");
                string diff = NewName("diff", "err", "res");
                string acc = NewName("sse", "acc3", "se");
                Line($"{{T}} {acc} = 0;");
                For(k2, "0", $"{o}.Length");
                Line($"{{T}} {diff} = {o}[{k2}] - {t!.Name}[{k2}];");
                Line($"{acc} += {diff} * {diff};");
                Close();
                Line(loss == 0 ? $"{{T}} {l} = {{L:0.5}} * {acc};" : $"{{T}} {l} = {acc} / {o}.Length;");
                return (l, new Interval(0, 1e4));
            }

            case 2:
            case 3:
            {
                string label = loss == 2 ? NewParam(new[] { "label", "target", "cls" }, SpanParamKind.Int).Name : string.Empty;
                if (loss == 2)
                {
                    Tag("loss ce label");
                    _params[^1].Sample = SampleKind.IntBelowDim;
                    _params[^1].Dims = new[] { "r" };
                }
                else
                {
                    Tag("loss soft ce");
                }

                string mx = NewName("mx", "max", "peak");
                string se = NewName("se", "sumExp", "z3");
                Line($"{{T}} {mx} = {{T}}.NegativeInfinity;");
                For(k2, "0", $"{o}.Length");
                if (Chance(0.5))
                {
                    Line($"{mx} = {{M}}.Max({mx}, {o}[{k2}]);");
                }
                else
                {
                    Line($"if ({o}[{k2}] > {mx})");
                    Open();
                    Line($"{mx} = {o}[{k2}];");
                    Close();
                }

                Close();
                Line($"{{T}} {se} = 0;");
                string k3 = Counter();
                For(k3, "0", $"{o}.Length");
                Line($"{se} += {{M}}.Exp({o}[{k3}] - {mx});");
                Close();
                if (loss == 2)
                {
                    Line($"{{T}} {l} = {mx} + {{M}}.Log({se}) - {o}[{label}];");
                }
                else
                {
                    string lse = NewName("lse", "logZ", "norm");
                    Line($"{{T}} {lse} = {mx} + {{M}}.Log({se});");
                    Line($"{{T}} {l} = 0;");
                    string k4 = Counter();
                    For(k4, "0", $"{o}.Length");
                    Line($"{l} -= {t!.Name}[{k4}] * ({o}[{k4}] - {lse});");
                    Close();
                }

                return (l, new Interval(0, 1e4));
            }

            default:
            {
                Tag("loss bce");
                Line($"{{T}} {l} = 0;");
                For(k2, "0", $"{o}.Length");
                Line($"{l} += {{M}}.Log(1 + {{M}}.Exp({o}[{k2}])) - {t!.Name}[{k2}] * {o}[{k2}];");
                Close();
                return (l, new Interval(0, 1e4));
            }
        }
    }

    private (SpanParam X, string Dim) NetworkInput()
    {
        SpanParam x;
        string dim;
        if (Chance(0.4))
        {
            Tag("network input n");
            x = DataSpan();
            dim = "n";
        }
        else
        {
            Tag("network input p");
            x = NetworkSpan(new[] { "x", "input", "features", "xs" }, new[] { "p" }, SampleKind.Grid, null);
            dim = "p";
            if (Chance(0.5))
            {
                x.NoDerivative = true;
            }
        }

        if (x.NoDerivative)
        {
            Tag("network input NoDerivative");
        }

        return (x, dim);
    }

    private SpanParam Target(string[] dims, bool unit)
    {
        SpanParam t = NetworkSpan(new[] { "target", "t", "y", "labels" }, dims, unit ? SampleKind.Unit : SampleKind.Grid, null);
        t.NoDerivative = Chance(0.75);
        if (!t.NoDerivative)
        {
            Tag("differentiable target");
        }

        return t;
    }

    private string Activation()
    {
        string a = _rng.Next(3) switch
        {
            0 => "tanh",
            1 => "sigmoid",
            _ => "softplus",
        };
        Tag("act " + a);
        return a;
    }

    private static string Activate(string activation, string u) => activation switch
    {
        "tanh" => $"{{M}}.Tanh({u})",
        "sigmoid" => $"1 / (1 + {{M}}.Exp(-{u}))",
        _ => $"{{M}}.Log(1 + {{M}}.Exp({u}))",
    };

    private void Return()
    {
        var terms = _results.Select(r => new Term(new Var(r.Name), r.I)).ToList();
        Expr body;
        int start = 1;
        if (terms.Count >= 2 && terms[0].I.Mag <= 10 && terms[1].I.Mag <= 10 && Chance(0.3))
        {
            Tag("return nonlinear");
            body = Chance(0.5)
                ? new Bin('*', Call("Tanh", terms[0].E), terms[1].E)
                : new Bin('*', terms[0].E, terms[1].E);
            start = 2;
        }
        else
        {
            body = terms[0].E;
        }

        for (int k = start; k < terms.Count; k++)
        {
            double c = new[] { 1, 1, 0.5, 2, -0.25, 0.75 }[_rng.Next(6)];
            Expr term = c == 1 ? terms[k].E : new Bin('*', new Num(c, integerStyle: c == 2), terms[k].E);
            body = new Bin(Chance(0.7) ? '+' : '-', body, term);
        }

        if (Chance(0.3))
        {
            Tag("return scalar term");
            body = new Bin('+', body, new Bin('*', ScalarTerm().E, ScalarTerm().E));
        }

        Line("return {0};", body);
    }

    // ---------------------------------------------------------------- parameters and names

    private SpanParam DataSpan(SpanParam? other = null)
    {
        List<SpanParam> existing = _params.Where(p => p.Kind == SpanParamKind.Span && p.Dims.Length == 1 && p.Dims[0] == "n" && p.Sample is SampleKind.Grid or SampleKind.Distinct && p != other).ToList();
        if (existing.Count > 0 && (Chance(0.5) || existing.Count + (other != null ? 1 : 0) >= 3))
        {
            return existing[_rng.Next(existing.Count)];
        }

        SpanParam p = NewParam(SpanNames, SpanParamKind.Span);
        p.Dims = new[] { "n" };
        p.IsArray = Chance(0.5);
        p.NoDerivative = Chance(0.12);
        return p;
    }

    /// <summary>Usually a span known to be non-empty (after an early return), when there is one.</summary>
    private SpanParam GuardedOrDataSpan() =>
        _guarded.Count > 0 && Chance(0.7) ? _guarded.First() : DataSpan();

    private SpanParam NetworkSpan(string[] names, string[] dims, SampleKind sample, string? fanIn)
    {
        SpanParam p = NewParam(names, SpanParamKind.Span);
        p.Dims = dims;
        p.Sample = sample;
        p.FanIn = fanIn;
        p.IsArray = Chance(0.5);
        return p;
    }

    private SpanParam NewParam(string[] names, SpanParamKind kind)
    {
        string name = NewName(names);
        var p = new SpanParam(name, kind);
        _params.Add(p);
        return p;
    }

    /// <summary>A scalar parameter (existing or new) or an earlier block's bounded result.</summary>
    private Term ScalarTerm()
    {
        List<Term> atoms = ScalarAtoms();
        if (atoms.Count == 0 || (atoms.Count < 4 && Chance(0.35)))
        {
            SpanParam p = NewParam(ScalarNames, SpanParamKind.Scalar);
            p.NoDerivative = Chance(0.1);
            return new Term(new Var(p.Name), new Interval(-Data, Data));
        }

        Term t = atoms[_rng.Next(atoms.Count)];
        if (!_params.Any(p => p.Name == t.E.ToString()))
        {
            Tag("block result reused");
        }

        return t;
    }

    /// <summary>The scalar parameters and the results of earlier blocks small enough to reuse (|v| ≤ 10, squashed to ±3).</summary>
    private List<Term> ScalarAtoms()
    {
        var atoms = _params.Where(p => p.Kind == SpanParamKind.Scalar).Select(p => new Term(new Var(p.Name), new Interval(-Data, Data))).ToList();
        foreach ((string name, Interval i) in _results)
        {
            if (i.Mag <= 10 && Chance(0.5))
            {
                Term t = new(new Var(name), i);
                atoms.Add(Limit(t, 3));
            }
        }

        return atoms;
    }

    private string NewName(params string[] preferred)
    {
        foreach (string candidate in preferred.OrderBy(_ => _rng.Next()))
        {
            if (Claim(candidate))
            {
                return candidate;
            }
        }

        string name;
        do
        {
            name = preferred[0] + (_nameCounter++).ToString(CultureInfo.InvariantCulture);
        }
        while (!Claim(name));
        return name;
    }

    /// <summary>Takes a name unless it is used — also as a gradient output: <c>w</c> and <c>W</c> would both give <c>dW</c>.</summary>
    private bool Claim(string name)
    {
        string pascal = char.ToUpperInvariant(name[0]) + name.Substring(1);
        if (_names.Contains(name) || _pascal.Contains(pascal) || _names.Contains("d" + pascal))
        {
            return false;
        }

        _names.Add(name);
        _pascal.Add(pascal);
        return true;
    }

    /// <summary>A loop counter name, other than the counters of the enclosing loops.</summary>
    private string Counter(params string[] busy)
    {
        double r = _rng.NextDouble();
        string name = r < 0.08 ? "k" : r < 0.14 ? "idx" : "i";
        if (busy.Contains(name))
        {
            name = Counters.First(c => !busy.Contains(c));
        }

        if (name == "k")
        {
            Tag("counter k");
        }
        else if (name == "idx")
        {
            Tag("counter idx");
        }

        return name;
    }

    /// <summary>The upper bound of a loop over <paramref name="x"/> (and <paramref name="y"/>, of the same length).</summary>
    private string LoopEnd(SpanParam x, SpanParam? y, bool allowPrefix)
    {
        double r = _rng.NextDouble();
        if (r < 0.15 && y != null && y != x)
        {
            Tag("bound other span's Length");
            return y.Name + ".Length";
        }

        if (r < 0.35)
        {
            Tag("bound int local");
            string n = NewName("n", "len", "count", "size");
            Line($"int {n} = {x.Name}.Length;");
            return n;
        }

        if (r < 0.45 && allowPrefix)
        {
            // Only the first cnt elements count: the others must get a zero gradient.
            Tag("bound int prefix parameter");
            SpanParam p = NewParam(new[] { "cnt", "prefix", "upto" }, SpanParamKind.Int);
            p.Sample = SampleKind.IntUpToDim;
            p.Dims = x.Dims;
            return p.Name;
        }

        Tag("bound x.Length");
        return x.Name + ".Length";
    }

    // ---------------------------------------------------------------- code

    private void Line(string template, params Expr[] args) => _lines.Add(new CodeLine(_indent, template, args));

    private void Open()
    {
        _lines.Add(new CodeLine(_indent, "{", Array.Empty<Expr>()));
        _indent++;
    }

    private void Close()
    {
        _indent--;
        _lines.Add(new CodeLine(_indent, "}", Array.Empty<Expr>()));
    }

    private void For(string counter, string start, string end)
    {
        string step = _rng.NextDouble() switch
        {
            < 0.7 => counter + "++",
            < 0.85 => "++" + counter,
            _ => counter + " += 1",
        };
        Tag(step.Replace(counter, "i", StringComparison.Ordinal));
        Line($"for (int {counter} = {start}; {counter} < {end}; {step})");
        Open();
    }

    // ---------------------------------------------------------------- elementwise expressions

    private sealed class Atoms
    {
        public List<Term> Loop { get; } = new();

        public List<Term> Scalars { get; } = new();

        /// <summary>Raw grid-sampled values: the only arguments kinks are applied to.</summary>
        public List<string> Kinkable { get; } = new();
    }

    private Atoms LoopAtoms(string i, SpanParam x, SpanParam? y)
    {
        var atoms = new Atoms();
        foreach (SpanParam p in y == null || y == x ? new[] { x } : new[] { x, y })
        {
            string e = $"{p.Name}[{i}]";
            atoms.Loop.Add(new Term(new Var(e), new Interval(-Data, Data)));
            atoms.Kinkable.Add(e);
        }

        foreach (Term t in ScalarAtoms())
        {
            atoms.Scalars.Add(t);
            if (t.E is Var v && _params.Any(p => p.Name == v.Name))
            {
                atoms.Kinkable.Add(v.Name);
            }
        }

        return atoms;
    }

    /// <summary>A bounded elementwise expression that reads at least one loop element.</summary>
    private Term Elementwise(Atoms atoms)
    {
        Term f = Elem(_rng.Next(1, 4), atoms);
        if (!f.E.ToString().Contains('[', StringComparison.Ordinal))
        {
            Term leaf = atoms.Loop[_rng.Next(atoms.Loop.Count)];
            f = Chance(0.5) ? Add(f, leaf) : Mul(Limit(f, 3), leaf);
        }

        return Limit(f, ElemMax);
    }

    /// <summary>The same expression as <paramref name="f"/> read with another counter (the same values in a second loop).</summary>
    private static Term Reindex(Term f, string from, string to) =>
        from == to ? f : new Term(new Reindexed(f.E, $"[{from}]", $"[{to}]"), f.I);

    private Term Elem(int depth, Atoms atoms)
    {
        if (depth <= 0)
        {
            return Leaf(atoms);
        }

        int r = _rng.Next(100);
        Term t = r switch
        {
            < 10 => Leaf(atoms),
            < 22 => Add(Elem(depth - 1, atoms), Elem(depth - 1, atoms)),
            < 28 => Sub(Elem(depth - 1, atoms), Elem(depth - 1, atoms)),
            < 38 => Mul(Limit(Elem(depth - 1, atoms), 3), Limit(Elem(depth - 1, atoms), 3)),
            < 43 => Div(Elem(depth - 1, atoms), Positive(Elem(depth - 1, atoms))),
            < 48 => Scale(Elem(depth - 1, atoms)),
            < 54 => Fn("Tanh", Elem(depth - 1, atoms), Math.Tanh),
            < 58 => Bounded("Sin", Elem(depth - 1, atoms)),
            < 61 => Bounded("Cos", Elem(depth - 1, atoms)),
            < 64 => Fn("Atan", Elem(depth - 1, atoms), Math.Atan),
            < 69 => Fn("Exp", Limit(Elem(depth - 1, atoms), 2), Math.Exp),
            < 73 => Fn("Log", Positive(Elem(depth - 1, atoms)), Math.Log),
            < 76 => Fn("Sqrt", Positive(Elem(depth - 1, atoms)), Math.Sqrt),
            < 81 => Sigmoid(Elem(depth - 1, atoms)),
            < 85 => Softplus(Elem(depth - 1, atoms)),
            < 89 => Square(Elem(depth - 1, atoms)),
            < 91 => Pow(Elem(depth - 1, atoms)),
            _ => Kink(atoms),
        };
        return Limit(t, ElemMax);
    }

    private Term Leaf(Atoms atoms)
    {
        double r = _rng.NextDouble();
        if (r < 0.65 || atoms.Scalars.Count == 0)
        {
            if (r > 0.9)
            {
                double c = new[] { 0.5, 1.5, 2, -1, 0.25 }[_rng.Next(5)];
                return new Term(new Num(c, integerStyle: c == Math.Floor(c) && c >= 0), Interval.Point(c));
            }

            return atoms.Loop[_rng.Next(atoms.Loop.Count)];
        }

        return atoms.Scalars[_rng.Next(atoms.Scalars.Count)];
    }

    private Term Add(Term a, Term b)
    {
        Tag("+");
        return new Term(new Bin('+', a.E, b.E), a.I + b.I);
    }

    private Term Sub(Term a, Term b)
    {
        Tag("-");
        return new Term(new Bin('-', a.E, b.E), a.I - b.I);
    }

    private Term Mul(Term a, Term b)
    {
        Tag("*");
        return new Term(new Bin('*', a.E, b.E), a.I * b.I);
    }

    private Term Div(Term a, Term positive)
    {
        Tag("/");
        return new Term(new Bin('/', a.E, positive.E), a.I / positive.I);
    }

    private Term Scale(Term a)
    {
        double c = new[] { 0.5, 2, -1.5, 0.25, 3, -0.75 }[_rng.Next(6)];
        Tag("*");
        return new Term(new Bin('*', new Num(c, integerStyle: c == Math.Floor(c) && c > 0), a.E), Interval.Point(c) * a.I);
    }

    private Term Fn(string function, Term u, Func<double, double> monotone)
    {
        Tag("Math." + function);
        return new Term(Call(function, u.E), u.I.Monotone(monotone).Padded());
    }

    private Term Bounded(string function, Term u)
    {
        Tag("Math." + function);
        return new Term(Call(function, u.E), new Interval(-1, 1));
    }

    private Term Sigmoid(Term u)
    {
        Tag("sigmoid");
        Term v = Limit(u, 10);
        return new Term(new Bin('/', new Num(1, true), new Bin('+', new Num(1, true), Call("Exp", new Neg(v.E)))), new Interval(0, 1));
    }

    private Term Softplus(Term u)
    {
        Tag("softplus");
        Term v = Limit(u, 8);
        return new Term(Call("Log", new Bin('+', new Num(1, true), Call("Exp", v.E))), new Interval(0, v.I.Hi + 0.7));
    }

    private Term Square(Term u)
    {
        Tag("square");
        Term v = Limit(u, 2.4);
        return new Term(new Bin('*', v.E, v.E), v.I.Square());
    }

    private Term Pow(Term u)
    {
        Tag("Math.Pow");
        Term v = Limit(u, 1.8);
        int k = _rng.Next(2, 4);
        Interval i = k == 2 ? v.I.Square() : v.I.Monotone(z => z * z * z);
        return new Term(Call("Pow", v.E, new Num(k, true)), i.Padded());
    }

    /// <summary>A kink applied to a raw grid-sampled value, at a threshold that is a multiple of 0.05 (the data avoid those).</summary>
    private Term Kink(Atoms atoms)
    {
        if (atoms.Kinkable.Count == 0)
        {
            return Leaf(atoms);
        }

        var v = new Var(atoms.Kinkable[_rng.Next(atoms.Kinkable.Count)]);
        double c = new[] { 0, 0.5, -0.5, 1, -1 }[_rng.Next(5)];
        switch (_rng.Next(5))
        {
            case 0:
                Tag("kink Abs");
                return new Term(Call("Abs", v), new Interval(0, Data));
            case 1:
                Tag("kink Max");
                return new Term(Call("Max", v, new Num(c)), new Interval(c, Math.Max(c, Data)));
            case 2:
                Tag("kink Min");
                return new Term(Call("Min", new Num(c), v), new Interval(Math.Min(c, -Data), c));
            case 3:
                Tag("kink Clamp");
                return new Term(Call("Clamp", v, new Num(-1), new Num(0.5)), new Interval(-1, 0.5));
            default:
                Tag("kink ReLU ?:");
                return new Term(new Ternary(new Cmp(v.Name, ">", 0, reversed: false), v, new Num(0, true)), new Interval(0, Data));
        }
    }

    /// <summary>|result| ≤ <paramref name="limit"/>: the term itself when it already is, else limit·tanh(term / limit) (slope 1 at 0, so nested squashing stays smooth).</summary>
    private Term Limit(Term u, double limit)
    {
        if (u.I.Mag <= limit)
        {
            return u;
        }

        Tag("Math.Tanh");
        return new Term(new Bin('*', new Num(limit), Call("Tanh", new Bin('/', u.E, new Num(limit)))), new Interval(-limit, limit));
    }

    /// <summary>A term with values ≥ 0.2.</summary>
    private Term Positive(Term u)
    {
        if (u.I.Lo >= 0.2 && u.I.Hi <= 20 && Chance(0.6))
        {
            return u;
        }

        switch (_rng.Next(5))
        {
            case 0:
            {
                Term s = Limit(u, 3);
                Tag("square");
                return new Term(new Bin('+', new Num(1, true), new Bin('*', s.E, s.E)), Interval.Point(1) + s.I.Square());
            }

            case 1:
                return Fn("Exp", Limit(u, 2), Math.Exp);
            case 2:
                Tag("Math.Sin");
                return new Term(new Bin('+', new Num(2, true), Call("Sin", u.E)), new Interval(1, 3));
            case 3:
                Tag("Math.Cosh");
                Term c = Limit(u, 2);
                return new Term(Call("Cosh", c.E), new Interval(1, Math.Cosh(c.I.Mag) * 1.000001));
            default:
                Tag("Math.Tanh");
                return new Term(new Bin('+', new Num(1.5), Call("Tanh", u.E)), new Interval(0.5, 2.5));
        }
    }

    private static Term Zero => new(new Num(0, true), Interval.Point(0));

    private static MathCall Call(string function, params Expr[] args) => new(function, args);

    private bool Chance(double p) => _rng.NextDouble() < p;

    private void Tag(string tag) => _tags.Add(tag);
}

/// <summary>An expression rendered with one index spelling replaced by another (the same values read in a second loop).</summary>
internal sealed class Reindexed : Expr
{
    public Reindexed(Expr inner, string from, string to)
    {
        Inner = inner;
        From = from;
        To = to;
    }

    public Expr Inner { get; }

    public string From { get; }

    public string To { get; }

    public override int Size => Inner.Size;

    public override bool IsAtomic => Inner.IsAtomic;

    public override void Render(System.Text.StringBuilder sb, Dialect dialect) =>
        sb.Append(Inner.ToString(dialect).Replace(From, To, StringComparison.Ordinal));
}
