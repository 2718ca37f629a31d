using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SymGrad.Generator.Tests.Infrastructure;

namespace SymGrad.Generator.Tests.Properties;

/// <summary>
/// Compiles chunks of random functions through the generator, loads them and compares every generated
/// partial with finite differences. Collects every failure (it never stops at the first) so one run
/// shows the whole picture.
/// </summary>
internal sealed class DerivativeChecker
{
    /// <summary>Central-difference step: 2^-10 ≈ 1e-3, a power of two so x ± h is exact for most x.</summary>
    public const double Step = 1.0 / 1024;

    /// <summary>Minimum distance of a sample coordinate from every threshold of that parameter.</summary>
    public const double ThresholdMargin = 0.05;

    public const double Domain = 1.5;

    private const int MaxDetailedFailures = 12;

    private readonly List<Failure> _failures = new();
    private readonly HashSet<int> _failedFunctions = new();

    public DerivativeChecker(bool simplify, bool isFloat)
    {
        Simplify = simplify;
        IsFloat = isFloat;
    }

    public bool Simplify { get; }

    public bool IsFloat { get; }

    public int FunctionsTested { get; private set; }

    public int Checks { get; private set; }

    /// <summary>Functions or points that were not checked. Must stay zero: nothing is skipped silently.</summary>
    public int Skipped { get; private set; }

    public int CompileFailures { get; private set; }

    public IReadOnlyList<Failure> Failures => _failures;

    public static string DoubleName(RandomFunction f) => "F" + f.Index.ToString(CultureInfo.InvariantCulture);

    public static string FloatName(RandomFunction f) => "G" + f.Index.ToString(CultureInfo.InvariantCulture);

    public static string TwinName(RandomFunction f) => FloatName(f) + "D";

    /// <summary>The methods a function contributes to the compilation unit.</summary>
    public string RenderFunction(RandomFunction f) => IsFloat
        ? f.Render(Dialect.Single, FloatName(f)) + "\n" + f.Render(Dialect.Double, TwinName(f))
        : f.Render(Dialect.Double, DoubleName(f));

    /// <summary>The source shown in failure messages.</summary>
    public string DisplaySource(RandomFunction f) => IsFloat
        ? f.Render(Dialect.Single, FloatName(f)) + "    // double twin used for the finite differences:\n" + f.Render(Dialect.Double, TwinName(f))
        : f.Render(Dialect.Double, DoubleName(f));

    /// <summary>Compiles <paramref name="chunk"/> (dropping, and reporting, any function whose code does not compile) and checks what is left.</summary>
    public void CheckChunk(IReadOnlyList<RandomFunction> chunk, int seed)
    {
        List<RandomFunction> pending = chunk.ToList();
        for (int attempt = 0; attempt < 6 && pending.Count > 0; attempt++)
        {
            (string source, Dictionary<int, RandomFunction> lineOwner) = BuildSource(pending);
            GeneratorRun run = GeneratorHarness.Run(source, Simplify);
            if (run.GeneratorException != null)
            {
                Fail(null, "generator threw", string.Empty, run.GeneratorException.ToString(), source);
                Skipped += pending.Count;
                return;
            }

            List<Diagnostic> problems = run.GeneratorDiagnostics
                .Where(d => d.Severity is DiagnosticSeverity.Error or DiagnosticSeverity.Warning)
                .Concat(run.CompilationErrors)
                .ToList();
            if (problems.Count == 0)
            {
                CheckLoaded(run, pending, seed);
                return;
            }

            // Attribute every problem to the function it comes from.
            var byFunction = new Dictionary<RandomFunction, List<Diagnostic>>();
            var unattributed = new List<Diagnostic>();
            foreach (Diagnostic d in problems)
            {
                RandomFunction? owner = Owner(d, lineOwner, pending);
                if (owner == null)
                {
                    unattributed.Add(d);
                }
                else
                {
                    if (!byFunction.TryGetValue(owner, out List<Diagnostic>? list))
                    {
                        byFunction[owner] = list = new List<Diagnostic>();
                    }

                    list.Add(d);
                }
            }

            foreach (KeyValuePair<RandomFunction, List<Diagnostic>> kv in byFunction)
            {
                CompileFailures++;
                string name = IsFloat ? FloatName(kv.Key) : DoubleName(kv.Key);
                string generated = GeneratedCode(run, name) + (IsFloat ? "\n" + GeneratedCode(run, TwinName(kv.Key)) : string.Empty);
                Fail(kv.Key, "does not compile / generator diagnostic", string.Empty, string.Join("\n", kv.Value), generated);
            }

            if (unattributed.Count > 0)
            {
                Fail(null, "diagnostics outside any random function (helpers?)", string.Empty, string.Join("\n", unattributed), string.Join("\n\n", run.GeneratedSources.Where(s => !s.HintName.Contains(".F", StringComparison.Ordinal) && !s.HintName.Contains(".G", StringComparison.Ordinal)).Select(s => "// " + s.HintName + "\n" + s.Text)));
                Skipped += pending.Count;
                return;
            }

            // Only warnings left: the code still runs, so keep checking those functions' numbers.
            bool anyError = problems.Any(d => d.Severity == DiagnosticSeverity.Error);
            if (!anyError)
            {
                CheckLoaded(run, pending, seed);
                return;
            }

            pending = pending.Where(f => !byFunction.TryGetValue(f, out List<Diagnostic>? ds) || ds.All(d => d.Severity != DiagnosticSeverity.Error)).ToList();
        }

        Skipped += pending.Count;
    }

    private (string Source, Dictionary<int, RandomFunction> LineOwner) BuildSource(IReadOnlyList<RandomFunction> functions)
    {
        var members = new StringBuilder();
        var ranges = new List<(int StartLine, int EndLine, RandomFunction F)>();
        string prefix = Helpers.CompilationUnit("@@MEMBERS@@");
        int membersLine = CountLines(prefix.Substring(0, prefix.IndexOf("@@MEMBERS@@", StringComparison.Ordinal)));
        int line = membersLine;
        foreach (RandomFunction f in functions)
        {
            string text = RenderFunction(f) + "\n";
            int lines = CountLines(text);
            ranges.Add((line, line + lines - 1, f));
            line += lines;
            members.Append(text);
        }

        string source = prefix.Replace("@@MEMBERS@@", members.ToString());
        var owner = new Dictionary<int, RandomFunction>();
        foreach ((int start, int end, RandomFunction f) in ranges)
        {
            for (int l = start; l <= end; l++)
            {
                owner[l] = f;
            }
        }

        return (source, owner);
    }

    private static int CountLines(string text) => text.Count(c => c == '\n');

    private RandomFunction? Owner(Diagnostic d, Dictionary<int, RandomFunction> lineOwner, List<RandomFunction> pending)
    {
        if (!d.Location.IsInSource || d.Location.SourceTree == null)
        {
            return null;
        }

        SyntaxTree tree = d.Location.SourceTree;
        if (tree.FilePath.EndsWith("Source0.cs", StringComparison.Ordinal))
        {
            int line = d.Location.GetLineSpan().StartLinePosition.Line;
            return lineOwner.TryGetValue(line, out RandomFunction? f) ? f : null;
        }

        // Generated tree: the enclosing generated method names the source method.
        SyntaxNode node = tree.GetRoot().FindNode(d.Location.SourceSpan);
        MethodDeclarationSyntax? method = node.AncestorsAndSelf().OfType<MethodDeclarationSyntax>().FirstOrDefault();
        string? name = method?.Identifier.ValueText;
        IEnumerable<string> candidates = name != null
            ? new[] { name }
            : tree.FilePath.Split('.', '/', '\\', '_', '-', '+');
        foreach (string candidate in candidates)
        {
            string stem = StripSuffix(candidate);
            RandomFunction? f = pending.FirstOrDefault(p => (IsFloat ? FloatName(p) : DoubleName(p)) == stem || (IsFloat && TwinName(p) == stem));
            if (f != null)
            {
                return f;
            }
        }

        return null;
    }

    private static string StripSuffix(string name)
    {
        foreach (string suffix in new[] { "Gradient", "Derivative", "Backward", "Jacobian" })
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal))
            {
                return name.Substring(0, name.Length - suffix.Length);
            }
        }

        return name;
    }

    /// <summary>The generated file of one method (what <see cref="GeneratorRun.GeneratedFor"/> finds), without failing when there is none.</summary>
    public static string GeneratedCode(GeneratorRun run, string methodName)
    {
        var matches = run.GeneratedSources.Where(s => s.HintName.Split('.', '_', '-', '+', '/').Contains(methodName)).ToList();
        if (matches.Count == 1)
        {
            return "// " + matches[0].HintName + "\n" + matches[0].Text;
        }

        // Fall back to the generated methods whose name starts with this method's name.
        var pieces = new List<string>();
        foreach ((string hint, string text) in run.GeneratedSources)
        {
            foreach (string suffix in new[] { "Gradient", "Derivative" })
            {
                int at = text.IndexOf(" " + methodName + suffix + "(", StringComparison.Ordinal);
                if (at >= 0)
                {
                    int start = text.LastIndexOf("\n\n", at, StringComparison.Ordinal);
                    int end = text.IndexOf("\n    }\n", at, StringComparison.Ordinal);
                    pieces.Add("// from " + hint + "\n" + text.Substring(Math.Max(start, 0), (end < 0 ? text.Length : end + 7) - Math.Max(start, 0)));
                }
            }
        }

        return pieces.Count > 0 ? string.Join("\n", pieces) : $"<no generated code found for {methodName}; hint names: {string.Join(", ", run.GeneratedSources.Select(s => s.HintName))}>";
    }

    private void CheckLoaded(GeneratorRun run, List<RandomFunction> functions, int seed)
    {
        Assembly assembly = run.Load();
        Type type = assembly.GetType(Helpers.FullClassName)
            ?? throw new InvalidOperationException(Helpers.FullClassName + " not found in the compiled assembly");
        var methods = type.GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Where(m => m.ReturnType == typeof(double) || m.ReturnType == typeof(float))
            .Where(m => m.GetParameters().All(p => p.ParameterType == typeof(double) || p.ParameterType == typeof(float)
                || p.ParameterType == typeof(double).MakeByRefType() || p.ParameterType == typeof(float).MakeByRefType()))
            .GroupBy(m => m.Name)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);

        foreach (RandomFunction f in functions)
        {
            FunctionsTested++;
            var rng = new Random(unchecked((seed * 7919) + f.Index));
            for (int k = 0; k < 3; k++)
            {
                double[]? point = SamplePoint(f, rng);
                if (point == null)
                {
                    Skipped++;
                    Fail(f, "could not sample a point away from the thresholds", string.Empty, string.Empty, string.Empty);
                    continue;
                }

                try
                {
                    if (IsFloat)
                    {
                        CheckFloatPoint(run, methods, f, point);
                    }
                    else
                    {
                        CheckDoublePoint(run, methods, f, point);
                    }
                }
                catch (Exception e) when (e is TargetInvocationException or InvalidOperationException or ArgumentException or MissingMethodException)
                {
                    Fail(f, "exception while evaluating", Describe(point), (e.InnerException ?? e).ToString(), GeneratedCode(run, IsFloat ? FloatName(f) : DoubleName(f)));
                }
            }
        }
    }

    /// <summary>A point in [-1.5, 1.5]^k whose every coordinate is at least <see cref="ThresholdMargin"/> from that parameter's thresholds.</summary>
    private double[]? SamplePoint(RandomFunction f, Random rng)
    {
        var point = new double[f.Arity];
        for (int i = 0; i < f.Arity; i++)
        {
            bool found = false;
            for (int attempt = 0; attempt < 1000 && !found; attempt++)
            {
                double v = Math.Round((rng.NextDouble() * 2 * Domain) - Domain, 6);
                if (IsFloat)
                {
                    v = (float)v;
                }

                found = f.Thresholds[i].All(c => Math.Abs(v - c) >= ThresholdMargin);
                point[i] = v;
            }

            if (!found)
            {
                return null;
            }
        }

        return point;
    }

    // Double rule: every partial g from FGradient (and FDerivative) must satisfy
    //     |g - fd| <= 1e-6 * max(|g|, |fd|, 1e-3)
    // where fd is the Richardson-extrapolated central difference of F itself, and the value FGradient
    // returns must satisfy |v - F(p)| <= 1e-12 * max(|v|, |F(p)|, 1).
    private const double DoubleRelTol = 1e-6;
    private const double DoubleFloor = 1e-3;
    private const double DoubleValueTol = 1e-12;

    private void CheckDoublePoint(GeneratorRun run, Dictionary<string, List<MethodInfo>> methods, RandomFunction f, double[] p)
    {
        string name = DoubleName(f);
        MethodInfo fn = Scalar(methods, name);
        MethodInfo grad = Gradient(methods, name + "Gradient");
        MethodInfo? deriv = f.Arity == 1 ? Scalar(methods, name + "Derivative") : null;

        double value = Call(fn, p);
        if (!double.IsFinite(value))
        {
            Fail(f, "F is not finite at the sample point (test-generator bug: fix RandomFunctionGenerator)", Describe(p), value.ToString("R", CultureInfo.InvariantCulture), string.Empty);
            return;
        }

        (double gv, double[] partials) = CallGradient(grad, p);
        Checks++;
        if (!(Math.Abs(gv - value) <= DoubleValueTol * Max3(Math.Abs(gv), Math.Abs(value), 1)))
        {
            Fail(f, name + "Gradient return value != F", Describe(p), Compare(gv, value), GeneratedCode(run, name));
        }

        if (partials.Length != f.Arity)
        {
            Fail(f, $"{name}Gradient has {partials.Length} out partials, expected {f.Arity}", Describe(p), string.Empty, GeneratedCode(run, name));
            return;
        }

        for (int i = 0; i < f.Arity; i++)
        {
            double fd = Richardson(q => Call(fn, q), p, i);
            if (!double.IsFinite(fd))
            {
                Fail(f, "finite difference is not finite (test-generator bug)", Describe(p), fd.ToString("R", CultureInfo.InvariantCulture), string.Empty);
                continue;
            }

            Checks++;
            if (!Close(partials[i], fd, DoubleRelTol, DoubleFloor))
            {
                Fail(f, $"{name}Gradient d{Pascal(f.Parameters[i])}", Describe(p), Compare(partials[i], fd), GeneratedCode(run, name));
            }

            if (deriv != null)
            {
                double d = Call(deriv, p);
                Checks++;
                if (!Close(d, fd, DoubleRelTol, DoubleFloor))
                {
                    Fail(f, $"{name}Derivative", Describe(p), Compare(d, fd), GeneratedCode(run, name));
                }
            }
        }
    }

    // Float rule: every partial g from the float GGradient (and GDerivative) must satisfy
    //     |g - fd| <= 1e-3 * max(|g|, |fd|, 1e-2)
    // where fd is the Richardson central difference of the double twin GD at the same (float) point;
    // the float value GGradient returns must satisfy |v - G(p)| <= 1e-4 * max(|v|, |G(p)|, 1), and the
    // float G must agree with its double twin within 1e-3 * max(|G|, |GD|, 1e-2).
    private const double FloatRelTol = 1e-3;
    private const double FloatFloor = 1e-2;
    private const double FloatValueTol = 1e-4;

    private void CheckFloatPoint(GeneratorRun run, Dictionary<string, List<MethodInfo>> methods, RandomFunction f, double[] p)
    {
        string name = FloatName(f);
        MethodInfo fn = Scalar(methods, name);
        MethodInfo twin = Scalar(methods, TwinName(f));
        MethodInfo grad = Gradient(methods, name + "Gradient");
        MethodInfo? deriv = f.Arity == 1 ? Scalar(methods, name + "Derivative") : null;

        double value = Call(fn, p);
        double twinValue = Call(twin, p);
        if (!double.IsFinite(value) || !double.IsFinite(twinValue))
        {
            Fail(f, "G or its double twin is not finite (test-generator bug)", Describe(p), $"{value:R} / {twinValue:R}", string.Empty);
            return;
        }

        if (!Close(value, twinValue, FloatRelTol, FloatFloor))
        {
            Fail(f, "float G disagrees with its double twin (test-generator bug: ill-conditioned expression)", Describe(p), Compare(value, twinValue), string.Empty);
        }

        (double gv, double[] partials) = CallGradient(grad, p);
        Checks++;
        if (!(Math.Abs(gv - value) <= FloatValueTol * Max3(Math.Abs(gv), Math.Abs(value), 1)))
        {
            Fail(f, name + "Gradient return value != G", Describe(p), Compare(gv, value), GeneratedCode(run, name));
        }

        if (partials.Length != f.Arity)
        {
            Fail(f, $"{name}Gradient has {partials.Length} out partials, expected {f.Arity}", Describe(p), string.Empty, GeneratedCode(run, name));
            return;
        }

        for (int i = 0; i < f.Arity; i++)
        {
            double fd = Richardson(q => Call(twin, q), p, i);
            if (!double.IsFinite(fd))
            {
                Fail(f, "finite difference is not finite (test-generator bug)", Describe(p), fd.ToString("R", CultureInfo.InvariantCulture), string.Empty);
                continue;
            }

            Checks++;
            if (!Close(partials[i], fd, FloatRelTol, FloatFloor))
            {
                Fail(f, $"{name}Gradient d{Pascal(f.Parameters[i])}", Describe(p), Compare(partials[i], fd), GeneratedCode(run, name));
            }

            if (deriv != null)
            {
                double d = Call(deriv, p);
                Checks++;
                if (!Close(d, fd, FloatRelTol, FloatFloor))
                {
                    Fail(f, $"{name}Derivative", Describe(p), Compare(d, fd), GeneratedCode(run, name));
                }
            }
        }
    }

    /// <summary>
    /// Richardson-extrapolated central difference: (4·D(h/2) − D(h)) / 3 with D(h) = (F(p+h·e_i) − F(p−h·e_i)) / 2h.
    /// The h² error terms cancel; what is left is O(h⁴·F⁽⁵⁾) ≈ 1e-12·F⁽⁵⁾ plus rounding of order 1e-13·|F|.
    /// </summary>
    public static double Richardson(Func<double[], double> f, double[] p, int i)
    {
        double D(double h)
        {
            double[] plus = (double[])p.Clone();
            double[] minus = (double[])p.Clone();
            plus[i] += h;
            minus[i] -= h;
            return (f(plus) - f(minus)) / (plus[i] - minus[i]);
        }

        return ((4 * D(Step / 2)) - D(Step)) / 3;
    }

    public static bool Close(double actual, double expected, double rel, double floor) =>
        Math.Abs(actual - expected) <= rel * Max3(Math.Abs(actual), Math.Abs(expected), floor);

    private static double Max3(double a, double b, double c) => Math.Max(a, Math.Max(b, c));

    private static string Pascal(string name) => char.ToUpperInvariant(name[0]) + name.Substring(1);

    private static MethodInfo Scalar(Dictionary<string, List<MethodInfo>> methods, string name)
    {
        if (!methods.TryGetValue(name, out List<MethodInfo>? list))
        {
            throw new MissingMethodException(Helpers.FullClassName, name);
        }

        return list.Single(m => m.GetParameters().All(p => !p.ParameterType.IsByRef));
    }

    private static MethodInfo Gradient(Dictionary<string, List<MethodInfo>> methods, string name)
    {
        if (!methods.TryGetValue(name, out List<MethodInfo>? list))
        {
            throw new MissingMethodException(Helpers.FullClassName, name);
        }

        return list.Single(m => m.GetParameters().Any(p => p.IsOut));
    }

    private static object?[] Arguments(MethodInfo m, double[] p)
    {
        ParameterInfo[] ps = m.GetParameters();
        var args = new object?[ps.Length];
        int input = 0;
        for (int i = 0; i < ps.Length; i++)
        {
            if (ps[i].IsOut)
            {
                continue;
            }

            args[i] = ps[i].ParameterType == typeof(float) ? (object)(float)p[input++] : (object)p[input++];
        }

        if (input != p.Length)
        {
            throw new InvalidOperationException($"{m.Name} takes {input} inputs, the function has {p.Length}");
        }

        return args;
    }

    private static double ToDouble(object? o) => o switch
    {
        double d => d,
        float f => f,
        _ => throw new InvalidOperationException($"expected double or float, got {o ?? "null"}"),
    };

    private static double Call(MethodInfo m, double[] p) => ToDouble(m.Invoke(null, Arguments(m, p)));

    private static (double Value, double[] Partials) CallGradient(MethodInfo m, double[] p)
    {
        object?[] args = Arguments(m, p);
        double value = ToDouble(m.Invoke(null, args));
        ParameterInfo[] ps = m.GetParameters();
        double[] partials = ps.Where(q => q.IsOut).Select(q => ToDouble(args[q.Position])).ToArray();
        return (value, partials);
    }

    private static string Describe(double[] p) =>
        "(" + string.Join(", ", p.Select(v => v.ToString("R", CultureInfo.InvariantCulture))) + ")";

    private static string Compare(double generated, double expected) =>
        string.Format(CultureInfo.InvariantCulture, "generated {0:R}, expected {1:R} (abs diff {2:E3}, rel {3:E3})", generated, expected, Math.Abs(generated - expected), Math.Abs(generated - expected) / Math.Max(Math.Max(Math.Abs(generated), Math.Abs(expected)), 1e-300));

    private void Fail(RandomFunction? f, string what, string point, string values, string generated)
    {
        _failures.Add(new Failure(f, what, point, values, generated, f == null ? string.Empty : DisplaySource(f)));
        if (f != null)
        {
            _failedFunctions.Add(f.Index);
        }
    }

    /// <summary>Summary plus the details of the first failures (one per function), for the assertion message.</summary>
    public string Report(int total, int maxDetailed = MaxDetailedFailures)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{(IsFloat ? "float" : "double")} corpus, simplify={Simplify}: {_failedFunctions.Count} of {total} functions failed ")
          .Append(CultureInfo.InvariantCulture, $"({_failures.Count} failed checks of {Checks}; {CompileFailures} compile failures; {Skipped} skipped).\n");
        sb.Append("Failing functions: ").Append(string.Join(", ", _failures.Where(x => x.Function != null).Select(x => x.Function!.Index).Distinct())).Append("\n\n");

        var shown = new HashSet<int>();
        int detailed = 0;
        foreach (Failure failure in _failures)
        {
            if (failure.Function != null && !shown.Add(failure.Function.Index))
            {
                continue;
            }

            if (detailed++ >= maxDetailed)
            {
                sb.Append("… more failures not shown.\n");
                break;
            }

            sb.Append("==== ").Append(failure.What).Append('\n');
            if (failure.Source.Length > 0)
            {
                sb.Append(failure.Source);
            }

            if (failure.Point.Length > 0)
            {
                sb.Append("at point ").Append(failure.Point).Append('\n');
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

    internal sealed record Failure(RandomFunction? Function, string What, string Point, string Values, string Generated, string Source);
}
