using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Emit;
using SymGrad.Generator.Tests.Infrastructure;

namespace SymGrad.Generator.Tests.Properties;

/// <summary>One set of inputs for a span program: the dimensions and every parameter's values.</summary>
internal sealed class SpanCase
{
    public SpanCase(Dictionary<string, int> dims, double[][] spans, double[] scalars, int[] ints)
    {
        Dims = dims;
        Spans = spans;
        Scalars = scalars;
        Ints = ints;
    }

    public Dictionary<string, int> Dims { get; }

    /// <summary>The span parameters' values, in source order.</summary>
    public double[][] Spans { get; }

    public double[] Scalars { get; }

    public int[] Ints { get; }
}

/// <summary>
/// Compiles chunks of random span programs through the generator, loads them and compares every element
/// of every span gradient and every scalar partial with central differences, for cases whose lengths are
/// drawn from 0–37. Collects every failure (it never stops at the first) so one run shows the whole picture.
/// </summary>
internal sealed class SpanGradientChecker
{
    public const string Namespace = "SpanPropertyTests";

    public const string ClassName = "SpanFuncs";

    /// <summary>Central-difference step: 2^-10, a power of two so x ± h is exact for the sampled values.</summary>
    public const double Step = 1.0 / 1024;

    public const int CasesPerProgram = 3;

    private const double GridStep = 0.05;
    private const int GridHalfCount = 30;
    private const double Jitter = 0.005;
    private const int MaxDetailedFailures = 12;
    private const int MaxFailuresPerProgram = 4;

    // Double rule: every partial g must satisfy |g − fd| ≤ 1e-6·max(|g|, |fd|, 1e-3·S) where fd is the
    // Richardson-extrapolated central difference and S = max(1, max |fd| over the case's partials,
    // |F|/100) (the finite differences' own error is about 1e-13·S). The value the gradient method
    // returns must match F within 1e-10·max(|v|, |F|, 1).
    private const double DoubleRelTol = 1e-6;
    private const double DoubleFloor = 1e-3;
    private const double DoubleValueTol = 1e-10;

    // Float rule: every partial g of the float method must satisfy |g − fd| ≤ 1e-3·max(|g|, |fd|, 1e-2·S)
    // with fd the Richardson central difference of the double twin at the same (float) point. The float
    // method must match its double twin within 1e-3·max(|G|, |GD|, 1), and the value its gradient returns
    // must match it within 1e-4·max(|v|, |G|, 1). The twin's own gradient is checked by the double rule.
    private const double FloatRelTol = 1e-3;
    private const double FloatFloor = 1e-2;
    private const double FloatValueTol = 1e-3;
    private const double FloatGradientValueTol = 1e-4;

    private static readonly Regex ProgramName = new(@"\b([FG]\d+D?)(?:Gradient|Value|Grad)?\b", RegexOptions.CultureInvariant);

    private readonly List<Failure> _failures = new();
    private readonly Dictionary<int, int> _failuresPerProgram = new();

    public SpanGradientChecker(bool simplify, bool isFloat)
    {
        Simplify = simplify;
        IsFloat = isFloat;
    }

    public bool Simplify { get; }

    public bool IsFloat { get; }

    public int ProgramsTested { get; private set; }

    public int Cases { get; private set; }

    public int Checks { get; private set; }

    /// <summary>Programs or cases that were not checked. Must stay zero: nothing is skipped silently.</summary>
    public int Skipped { get; private set; }

    public int CompileFailures { get; private set; }

    public int Compilations { get; private set; }

    /// <summary>Checks that only passed once the central difference was recomputed with half the step.</summary>
    public int RefinedDifferences { get; private set; }

    /// <summary>How many cases had each length n.</summary>
    public SortedDictionary<int, int> Lengths { get; } = new();

    /// <summary>The largest |error| / tolerance seen per kind of check (how close the passing checks came).</summary>
    public Dictionary<string, double> WorstRatio { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<Failure> Failures => _failures;

    public int FailedPrograms => _failuresPerProgram.Count;

    public static string DoubleName(SpanProgram p) => "F" + p.Index.ToString(CultureInfo.InvariantCulture);

    public static string FloatName(SpanProgram p) => "G" + p.Index.ToString(CultureInfo.InvariantCulture);

    public static string TwinName(SpanProgram p) => FloatName(p) + "D";

    private string Name(SpanProgram p) => IsFloat ? FloatName(p) : DoubleName(p);

    public string RenderProgram(SpanProgram p) => IsFloat
        ? p.Render(Dialect.Single, FloatName(p)) + "\n" + p.Render(Dialect.Double, TwinName(p))
        : p.Render(Dialect.Double, DoubleName(p));

    /// <summary>The source shown in failure messages.</summary>
    public string DisplaySource(SpanProgram p) => IsFloat
        ? p.RenderMethod(Dialect.Single, FloatName(p)) + "    // double twin used for the finite differences:\n" + p.RenderMethod(Dialect.Double, TwinName(p))
        : p.RenderMethod(Dialect.Double, DoubleName(p));

    public static string CompilationUnit(string members) =>
        "using System;\nusing SymGrad;\n\nnamespace " + Namespace + ";\n\npublic static partial class " + ClassName + "\n{\n" + members + "}\n";

    // ---------------------------------------------------------------- sampling

    /// <summary>Draws the dimensions and every parameter's values for one case (rounded to float for float programs).</summary>
    public static SpanCase Sample(SpanProgram p, Random rng, bool isFloat)
    {
        var dims = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["n"] = DrawLength(rng),
            ["p"] = rng.Next(1, RandomSpanProgramGenerator.MaxSize + 1),
            ["q"] = rng.Next(1, RandomSpanProgramGenerator.MaxSize + 1),
            ["r"] = rng.Next(1, RandomSpanProgramGenerator.MaxSize + 1),
        };

        double Round(double v) => isFloat ? (float)v : v;

        var spans = new List<double[]>();
        foreach (SpanParam s in p.Spans)
        {
            int length = s.Dims.Aggregate(1, (acc, d) => acc * dims[d]);
            double[] values = s.Sample switch
            {
                SampleKind.Distinct => DistinctGrid(rng, length),
                SampleKind.Weight => Enumerable.Range(0, length).Select(_ => ((rng.NextDouble() * 2) - 1) * 1.5 / Math.Sqrt(Math.Max(1, dims[s.FanIn!]))).ToArray(),
                SampleKind.Unit => Enumerable.Range(0, length).Select(_ => rng.NextDouble()).ToArray(),
                _ => Enumerable.Range(0, length).Select(_ => Grid(rng, rng.Next(-GridHalfCount, GridHalfCount))).ToArray(),
            };
            spans.Add(values.Select(Round).ToArray());
        }

        double[] scalars = p.Scalars.Select(_ => Round(Grid(rng, rng.Next(-GridHalfCount, GridHalfCount)))).ToArray();
        int[] ints = p.Ints.Select(i => i.Sample switch
        {
            SampleKind.IntBelowDim => rng.Next(0, dims[i.Dims[0]]),
            SampleKind.IntDim => dims[i.Dims[0]],
            SampleKind.IntUpToDim => rng.Next(0, dims[i.Dims[0]] + 1),
            _ => rng.Next(0, i.IntMax + 1),
        }).ToArray();
        return new SpanCase(dims, spans.ToArray(), scalars, ints);
    }

    /// <summary>0 and 1 often (empty and single-element spans), otherwise uniform in 0–37.</summary>
    private static int DrawLength(Random rng) => rng.NextDouble() switch
    {
        < 0.1 => 0,
        < 0.15 => 1,
        _ => rng.Next(0, RandomSpanProgramGenerator.MaxLength + 1),
    };

    /// <summary>A grid midpoint (k + ½)·0.05 plus a jitter below 0.005: at least 0.02 from every multiple of 0.05.</summary>
    private static double Grid(Random rng, int k) => Math.Round(((k + 0.5) * GridStep) + (((rng.NextDouble() * 2) - 1) * Jitter), 6);

    /// <summary>Pairwise distinct grid values (at least 0.04 apart), so a running max/min never meets a tie.</summary>
    private static double[] DistinctGrid(Random rng, int length)
    {
        List<int> cells = Enumerable.Range(-GridHalfCount, 2 * GridHalfCount).OrderBy(_ => rng.Next()).Take(length).ToList();
        return cells.Select(k => Grid(rng, k)).ToArray();
    }

    // ---------------------------------------------------------------- compiling

    /// <summary>Compiles <paramref name="chunk"/> (dropping, and reporting, any program whose code does not compile) and checks what is left.</summary>
    public void CheckChunk(IReadOnlyList<SpanProgram> chunk, int seed)
    {
        List<SpanProgram> pending = chunk.ToList();
        for (int attempt = 0; attempt < 6 && pending.Count > 0; attempt++)
        {
            (string source, Dictionary<int, SpanProgram> lineOwner) = BuildSource(pending);
            Compilations++;
            GeneratorRun run = GeneratorHarness.Run(source, Simplify);
            if (run.GeneratorException != null)
            {
                Fail(null, "generator threw", string.Empty, run.GeneratorException.ToString(), source);
                Skipped += pending.Count;
                return;
            }

            // Emitting binds every method body once and reports the same errors and warnings as
            // GetDiagnostics (which would bind them all a second time).
            using var image = new MemoryStream();
            EmitResult emit = run.OutputCompilation.Emit(image);
            List<Diagnostic> problems = run.GeneratorDiagnostics
                .Concat(emit.Diagnostics)
                .Where(d => d.Severity is DiagnosticSeverity.Error or DiagnosticSeverity.Warning)
                .ToList();
            if (problems.Count == 0 && emit.Success)
            {
                CheckLoaded(run, image, pending, seed);
                return;
            }

            var byProgram = new Dictionary<SpanProgram, List<Diagnostic>>();
            var unattributed = new List<Diagnostic>();
            foreach (Diagnostic d in problems)
            {
                SpanProgram? owner = Owner(d, lineOwner, pending);
                if (owner == null)
                {
                    unattributed.Add(d);
                    continue;
                }

                if (!byProgram.TryGetValue(owner, out List<Diagnostic>? list))
                {
                    byProgram[owner] = list = new List<Diagnostic>();
                }

                list.Add(d);
            }

            foreach (KeyValuePair<SpanProgram, List<Diagnostic>> kv in byProgram)
            {
                CompileFailures++;
                string generated = DerivativeChecker.GeneratedCode(run, Name(kv.Key)) + (IsFloat ? "\n" + DerivativeChecker.GeneratedCode(run, TwinName(kv.Key)) : string.Empty);
                Fail(kv.Key, "does not compile / generator diagnostic", string.Empty, string.Join("\n", kv.Value), generated);
            }

            if (unattributed.Count > 0 || (!emit.Success && byProgram.Count == 0))
            {
                Fail(null, "diagnostics outside any random program", string.Empty, string.Join("\n", unattributed), string.Empty);
                Skipped += pending.Count;
                return;
            }

            if (emit.Success)
            {
                // Only warnings: the code still runs, so keep checking the numbers too.
                CheckLoaded(run, image, pending, seed);
                return;
            }

            pending = pending.Where(p => !byProgram.TryGetValue(p, out List<Diagnostic>? ds) || ds.All(d => d.Severity != DiagnosticSeverity.Error)).ToList();
        }

        Skipped += pending.Count;
    }

    private (string Source, Dictionary<int, SpanProgram> LineOwner) BuildSource(IReadOnlyList<SpanProgram> programs)
    {
        var members = new StringBuilder();
        string prefix = CompilationUnit("@@MEMBERS@@");
        int line = prefix.Substring(0, prefix.IndexOf("@@MEMBERS@@", StringComparison.Ordinal)).Count(c => c == '\n');
        var owner = new Dictionary<int, SpanProgram>();
        foreach (SpanProgram p in programs)
        {
            string text = RenderProgram(p) + "\n";
            int lines = text.Count(c => c == '\n');
            for (int l = line; l < line + lines; l++)
            {
                owner[l] = p;
            }

            line += lines;
            members.Append(text);
        }

        return (prefix.Replace("@@MEMBERS@@", members.ToString(), StringComparison.Ordinal), owner);
    }

    private SpanProgram? Owner(Diagnostic d, Dictionary<int, SpanProgram> lineOwner, List<SpanProgram> pending)
    {
        if (d.Location.IsInSource && d.Location.SourceTree is { } tree)
        {
            if (tree.FilePath.EndsWith("Source0.cs", StringComparison.Ordinal))
            {
                return lineOwner.TryGetValue(d.Location.GetLineSpan().StartLinePosition.Line, out SpanProgram? p) ? p : null;
            }

            // A generated tree: the enclosing generated method, else the file name, names the source method.
            SyntaxNode node = tree.GetRoot().FindNode(d.Location.SourceSpan);
            string? method = node.AncestorsAndSelf().OfType<MethodDeclarationSyntax>().FirstOrDefault()?.Identifier.ValueText;
            if ((ByName(method ?? string.Empty, pending) ?? ByName(tree.FilePath, pending)) is { } found)
            {
                return found;
            }
        }

        // No location (internal failures): the message names the method.
        return ByName(d.GetMessage(CultureInfo.InvariantCulture), pending);
    }

    private SpanProgram? ByName(string text, List<SpanProgram> pending)
    {
        foreach (Match m in ProgramName.Matches(text))
        {
            string name = m.Groups[1].Value;
            SpanProgram? p = pending.FirstOrDefault(q => Name(q) == name || (IsFloat && TwinName(q) == name));
            if (p != null)
            {
                return p;
            }
        }

        return null;
    }

    // ---------------------------------------------------------------- checking

    private void CheckLoaded(GeneratorRun run, MemoryStream image, List<SpanProgram> programs, int seed)
    {
        image.Position = 0;
        Assembly assembly = new AssemblyLoadContext(run.OutputCompilation.AssemblyName, isCollectible: true).LoadFromStream(image);
        Type type = assembly.GetType(Namespace + "." + ClassName)
            ?? throw new InvalidOperationException(ClassName + " not found in the compiled assembly");
        foreach (SpanProgram p in programs)
        {
            ProgramsTested++;
            var rng = new Random(unchecked((seed * 7919) + p.Index));
            for (int c = 0; c < CasesPerProgram; c++)
            {
                SpanCase @case = Sample(p, rng, IsFloat);
                Cases++;
                Lengths.TryGetValue(@case.Dims["n"], out int seen);
                Lengths[@case.Dims["n"]] = seen + 1;
                try
                {
                    if (IsFloat)
                    {
                        CheckFloatCase(run, type, p, @case);
                    }
                    else
                    {
                        CheckDoubleCase(run, type, p, @case, DoubleName(p), "");
                    }
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    Fail(p, "exception while evaluating", Describe(p, @case), (e is TargetInvocationException { InnerException: { } inner } ? inner : e).ToString(), Generated(run, p));
                }
            }
        }
    }

    private delegate double DoubleValue(double[][] s, double[] a, int[] k);

    private delegate double DoubleGrad(double[][] s, double[] a, int[] k, double[][] ds, double[] da);

    private delegate float FloatValue(float[][] s, float[] a, int[] k);

    private delegate float FloatGrad(float[][] s, float[] a, int[] k, float[][] ds, float[] da);

    private static T Method<T>(Type type, string name)
        where T : Delegate =>
        (type.GetMethod(name, BindingFlags.Public | BindingFlags.Static) ?? throw new MissingMethodException(type.FullName, name)).CreateDelegate<T>();

    /// <summary>Value, gradient and every partial of the double method <paramref name="name"/> against central differences.</summary>
    private void CheckDoubleCase(GeneratorRun run, Type type, SpanProgram p, SpanCase c, string name, string label)
    {
        DoubleValue f = Method<DoubleValue>(type, name + "Value");
        DoubleGrad grad = Method<DoubleGrad>(type, name + "Grad");
        double value = f(c.Spans, c.Scalars, c.Ints);
        if (!double.IsFinite(value))
        {
            Fail(p, label + "F is not finite (test-generator bug: fix RandomSpanProgramGenerator)", Describe(p, c), value.ToString("R", CultureInfo.InvariantCulture), string.Empty);
            return;
        }

        (double[][] ds, double[] da) = Outputs<double>(p, c, double.NaN);
        double gv = grad(CloneSpans(c.Spans), (double[])c.Scalars.Clone(), c.Ints, ds, da);
        Checks++;
        Compare(p, c, run, label + name + "Gradient return value vs " + name, gv, value, DoubleValueTol, 1, "double value");

        List<(string What, double Generated, double Expected, Func<double> Refined)> partials = Partials(p, c, ds, da, q => f(q.Spans, q.Scalars, q.Ints));
        double scale = Scale(partials, value);
        foreach ((string what, double g, double fd, Func<double> refined) in partials)
        {
            Checks++;
            Compare(p, c, run, label + name + "Gradient " + what, g, fd, DoubleRelTol, DoubleFloor * scale, "double partial", refined);
        }
    }

    private void CheckFloatCase(GeneratorRun run, Type type, SpanProgram p, SpanCase c)
    {
        string name = FloatName(p);
        FloatValue g = Method<FloatValue>(type, name + "Value");
        FloatGrad grad = Method<FloatGrad>(type, name + "Grad");
        DoubleValue twin = Method<DoubleValue>(type, TwinName(p) + "Value");

        float[][] spans = c.Spans.Select(s => s.Select(v => (float)v).ToArray()).ToArray();
        float[] scalars = c.Scalars.Select(v => (float)v).ToArray();
        double value = g(spans, scalars, c.Ints);
        double twinValue = twin(c.Spans, c.Scalars, c.Ints);
        if (!double.IsFinite(value) || !double.IsFinite(twinValue))
        {
            Fail(p, "G or its double twin is not finite (test-generator bug)", Describe(p, c), $"{value:R} / {twinValue:R}", string.Empty);
            return;
        }

        Checks++;
        Compare(p, c, run, "float G vs its double twin (test-generator bug if this alone fails: ill-conditioned program)", value, twinValue, FloatValueTol, 1, "float value vs twin");

        (float[][] ds, float[] da) = Outputs<float>(p, c, float.NaN);
        double gv = grad(spans, scalars, c.Ints, ds, da);
        Checks++;
        Compare(p, c, run, name + "Gradient return value vs " + name, gv, value, FloatGradientValueTol, 1, "float gradient value");

        List<(string What, double Generated, double Expected, Func<double> Refined)> partials = Partials(
            p, c, ds.Select(a => a.Select(v => (double)v).ToArray()).ToArray(), da.Select(v => (double)v).ToArray(), q => twin(q.Spans, q.Scalars, q.Ints));
        double scale = Scale(partials, twinValue);
        foreach ((string what, double gp, double fd, Func<double> refined) in partials)
        {
            Checks++;
            Compare(p, c, run, name + "Gradient " + what, gp, fd, FloatRelTol, FloatFloor * scale, "float partial", refined);
        }

        // The double twin was generated in the same run: its gradient must pass the double rule.
        CheckDoubleCase(run, type, p, c, TwinName(p), "twin: ");
    }

    private static double Scale(List<(string What, double Generated, double Expected, Func<double> Refined)> partials, double value) =>
        Math.Max(Math.Max(1, Math.Abs(value) / 100), partials.Count == 0 ? 0 : partials.Max(x => Math.Abs(x.Expected)));

    /// <summary>One output array per differentiable span (of its length) and one slot per differentiable scalar, pre-filled with <paramref name="fill"/> (outputs must be overwritten).</summary>
    private static (T[][] Spans, T[] Scalars) Outputs<T>(SpanProgram p, SpanCase c, T fill)
    {
        var spans = new List<T[]>();
        int s = 0;
        foreach (SpanParam span in p.Spans)
        {
            if (span.Differentiable)
            {
                T[] output = new T[c.Spans[s].Length];
                Array.Fill(output, fill);
                spans.Add(output);
            }

            s++;
        }

        T[] scalars = new T[p.Scalars.Count(x => x.Differentiable)];
        Array.Fill(scalars, fill);
        return (spans.ToArray(), scalars);
    }

    /// <summary>(name, generated, central difference, the same with half the step) for every element of every differentiable span and every differentiable scalar.</summary>
    private static List<(string What, double Generated, double Expected, Func<double> Refined)> Partials(SpanProgram p, SpanCase c, double[][] ds, double[] da, Func<SpanCase, double> f)
    {
        var result = new List<(string, double, double, Func<double>)>();
        SpanCase work = new(c.Dims, CloneSpans(c.Spans), (double[])c.Scalars.Clone(), c.Ints);
        int s = 0, dSpan = 0;
        foreach (SpanParam span in p.Spans)
        {
            if (span.Differentiable)
            {
                double[] values = work.Spans[s];
                for (int e = 0; e < values.Length; e++)
                {
                    int at = e;
                    result.Add(($"d{Pascal(span.Name)}[{e}]", ds[dSpan][e], Richardson(f, work, values, e), () => Richardson(f, work, values, at, Step / 2)));
                }

                dSpan++;
            }

            s++;
        }

        int a = 0, dScalar = 0;
        foreach (SpanParam scalar in p.Scalars)
        {
            if (scalar.Differentiable)
            {
                int at = a;
                result.Add(($"d{Pascal(scalar.Name)}", da[dScalar++], Richardson(f, work, work.Scalars, a), () => Richardson(f, work, work.Scalars, at, Step / 2)));
            }

            a++;
        }

        return result;
    }

    /// <summary>
    /// Richardson-extrapolated central difference in <c>values[e]</c> (an array inside <paramref name="c"/>):
    /// (4·D(h/2) − D(h)) / 3 with D(h) = (F(v + h) − F(v − h)) / 2h. The h² error terms cancel.
    /// </summary>
    public static double Richardson(Func<SpanCase, double> f, SpanCase c, double[] values, int e, double step = Step)
    {
        double saved = values[e];
        double D(double h)
        {
            values[e] = saved + h;
            double plus = f(c);
            values[e] = saved - h;
            double minus = f(c);
            values[e] = saved;
            return (plus - minus) / (2 * h);
        }

        return ((4 * D(step / 2)) - D(step)) / 3;
    }

    /// <summary>
    /// |generated − expected| ≤ rel·max(|generated|, |expected|, floor). When a central difference misses, it is
    /// recomputed with half the step (its truncation error 16 times smaller) and the check passes only if that
    /// one agrees; both estimates are reported otherwise.
    /// </summary>
    private void Compare(SpanProgram p, SpanCase c, GeneratorRun run, string what, double generated, double expected, double rel, double floor, string kind, Func<double>? refine = null)
    {
        static double Tolerance(double g, double e, double rel, double floor) => rel * Math.Max(Math.Max(Math.Abs(g), Math.Abs(e)), floor);
        double tolerance = Tolerance(generated, expected, rel, floor);
        double error = Math.Abs(generated - expected);
        string refined = string.Empty;
        if (error > tolerance && refine != null)
        {
            double better = refine();
            double betterTolerance = Tolerance(generated, better, rel, floor);
            if (Math.Abs(generated - better) <= betterTolerance)
            {
                RefinedDifferences++;
                return;
            }

            refined = string.Format(CultureInfo.InvariantCulture, "; with half the step the central difference is {0:R}", better);
        }

        if (error <= tolerance)
        {
            WorstRatio.TryGetValue(kind, out double worst);
            WorstRatio[kind] = Math.Max(worst, error / tolerance);
            return;
        }

        Fail(p, what, Describe(p, c), string.Format(CultureInfo.InvariantCulture, "generated {0:R}, expected {1:R} (abs diff {2:E3}, tolerance {3:E3}){4}", generated, expected, error, tolerance, refined), Generated(run, p));
    }

    private string Generated(GeneratorRun run, SpanProgram p) =>
        DerivativeChecker.GeneratedCode(run, Name(p)) + (IsFloat ? "\n" + DerivativeChecker.GeneratedCode(run, TwinName(p)) : string.Empty);

    private static double[][] CloneSpans(double[][] spans) => spans.Select(s => (double[])s.Clone()).ToArray();

    private static string Pascal(string name) => char.ToUpperInvariant(name[0]) + name.Substring(1);

    /// <summary>The dimensions and every argument, as C# initializers.</summary>
    public static string Describe(SpanProgram p, SpanCase c)
    {
        var sb = new StringBuilder();
        sb.Append(string.Join(", ", c.Dims.Select(d => $"{d.Key}={d.Value}"))).Append('\n');
        int s = 0, a = 0, k = 0;
        foreach (SpanParam param in p.Parameters)
        {
            sb.Append("    ").Append(param.Name).Append(" = ");
            switch (param.Kind)
            {
                case SpanParamKind.Span:
                    sb.Append("[").Append(string.Join(", ", c.Spans[s++].Select(v => v.ToString("R", CultureInfo.InvariantCulture)))).Append(']');
                    break;
                case SpanParamKind.Scalar:
                    sb.Append(c.Scalars[a++].ToString("R", CultureInfo.InvariantCulture));
                    break;
                default:
                    sb.Append(c.Ints[k++].ToString(CultureInfo.InvariantCulture));
                    break;
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }

    private void Fail(SpanProgram? p, string what, string @case, string values, string generated)
    {
        if (p != null)
        {
            _failuresPerProgram.TryGetValue(p.Index, out int n);
            _failuresPerProgram[p.Index] = n + 1;
            if (n >= MaxFailuresPerProgram)
            {
                return;
            }
        }

        _failures.Add(new Failure(p, what, @case, values, generated, p == null ? string.Empty : DisplaySource(p)));
    }

    /// <summary>Summary plus the details of the first failures (one per program), for the assertion message.</summary>
    public string Report(int total, int maxDetailed = MaxDetailedFailures)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{(IsFloat ? "float" : "double")} span corpus, simplify={Simplify}: {FailedPrograms} of {total} programs failed ")
          .Append(CultureInfo.InvariantCulture, $"({_failuresPerProgram.Values.Sum()} failed checks of {Checks}; {CompileFailures} compile failures; {Skipped} skipped; {Cases} cases).\n");
        sb.Append("Failing programs: ").Append(string.Join(", ", _failuresPerProgram.Keys.OrderBy(i => i))).Append("\n\n");

        var shown = new HashSet<int>();
        int detailed = 0;
        foreach (Failure failure in _failures)
        {
            if (failure.Program != null && !shown.Add(failure.Program.Index))
            {
                continue;
            }

            if (detailed++ >= maxDetailed)
            {
                sb.Append("… more failures not shown (SYMGRAD_PROPERTY_REPORT=/tmp/prop writes them all).\n");
                break;
            }

            sb.Append("==== ").Append(failure.What).Append('\n');
            if (failure.Source.Length > 0)
            {
                sb.Append(failure.Source);
            }

            if (failure.Case.Length > 0)
            {
                sb.Append("at ").Append(failure.Case);
            }

            if (failure.Values.Length > 0)
            {
                sb.Append(failure.Values).Append('\n');
            }

            if (failure.Generated.Length > 0)
            {
                sb.Append("---- generated code:\n").Append(failure.Generated).Append('\n');
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }

    internal sealed record Failure(SpanProgram? Program, string What, string Case, string Values, string Generated, string Source);
}
