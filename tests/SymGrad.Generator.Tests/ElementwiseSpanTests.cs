using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SymGrad.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace SymGrad.Generator.Tests;

/// <summary>
/// The elementwise span forms <c>M(ReadOnlySpan&lt;T&gt; x, Span&lt;T&gt; result)</c>, <c>MDerivative(x, derivative)</c>,
/// <c>MBackward(x, gradOutput, gradInput)</c> and <c>MForwardBackward(x, gradOutput, result, gradInput)</c>: they agree with the scalar members element by element, for every
/// length (so every element is met both in the vector loops and in the scalar tail), at kinks, zeros and ±1000;
/// they check their lengths, allocate nothing, and are vectorized where the scalar code allows.
/// </summary>
public sealed class ElementwiseSpanTests(ITestOutputHelper output)
{
    private const double Alpha = 0.01;

    private const string Functions = """
        [Differentiable]
        public static T Sigmoid(T x) => 1 / (1 + M.Exp(-x));

        [Differentiable]
        public static T Tanh(T x) => M.Tanh(x);

        [Differentiable]
        public static T Softplus(T x) => M.Log(1 + M.Exp(x));

        [Differentiable]
        public static T LeakyRelu(T x, [NoDerivative] T alpha) => x > 0 ? x : alpha * x;

        [Differentiable]
        public static T Piecewise(T x)
        {
            if (x < -2 || x > 5)
            {
                return Math.Clamp(x, -3, 6) / 4 + M.Max(x, 5) * x;
            }

            if (x >= 0 && x < 1)
            {
                return x * x * x / 3 - M.Min(x, (T)0.5);
            }

            return M.Sqrt(M.Abs(x)) * (x + 2) + 1 / (x - 7);
        }

        [Differentiable]
        public static T Wave(T x) => M.Sin(x) * x + M.Atan(x);

        [Differentiable]
        public static T Gate(T x) => Sigmoid(2 * x) * x;
        """;

    private static readonly Lazy<Assembly> Compiled = new(() =>
    {
        var run = GeneratorHarness.Run($$"""
            using System;
            using SymGrad;

            namespace Demo;

            public static partial class Doubles
            {
            {{Functions.Replace("T ", "double ").Replace("(T)", "(double)").Replace("M.", "Math.")}}
            }

            public static partial class Singles
            {
            {{Functions.Replace("T ", "float ").Replace("(T)", "(float)").Replace("M.", "MathF.")}}
            }
            """);
        Assert.Null(run.GeneratorException);
        Assert.True(run.GeneratorDiagnostics.IsEmpty, string.Join("\n", run.GeneratorDiagnostics));
        Assert.True(run.CompilationErrors.IsEmpty, string.Join("\n", run.CompilationErrors));
        return run.Load();
    });

    private delegate void Unary<T>(ReadOnlySpan<T> x, Span<T> result);

    private delegate void UnaryWith<T>(ReadOnlySpan<T> x, T alpha, Span<T> result);

    private delegate void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> gradOutput, Span<T> gradInput);

    private delegate void BackwardWith<T>(ReadOnlySpan<T> x, T alpha, ReadOnlySpan<T> gradOutput, Span<T> gradInput);

    private delegate void Fused<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> gradOutput, Span<T> result, Span<T> gradInput);

    private delegate void FusedWith<T>(ReadOnlySpan<T> x, T alpha, ReadOnlySpan<T> gradOutput, Span<T> result, Span<T> gradInput);

    private delegate T GradientOf<T>(T x, out T dX);

    private delegate T GradientWith<T>(T x, T alpha, out T dX);

    private static readonly string[] FunctionNames = ["Sigmoid", "Tanh", "Softplus", "LeakyRelu", "Piecewise", "Wave", "Gate"];

    public static TheoryData<string> Names => new(FunctionNames);

    [Theory]
    [MemberData(nameof(Names))]
    public void DoubleSpanFormsAgreeWithTheScalarForms(string name) => AgreeWithTheScalarForms(Forms<double>.Create("Demo.Doubles", name));

    [Theory]
    [MemberData(nameof(Names))]
    public void FloatSpanFormsAgreeWithTheScalarForms(string name) => AgreeWithTheScalarForms(Forms<float>.Create("Demo.Singles", name));

    [Theory]
    [InlineData("Sigmoid")]
    [InlineData("LeakyRelu")]
    [InlineData("Wave")]
    public void AnOutputOfTheWrongLengthThrowsNamingIt(string name)
    {
        var (value, derivative, backward, fused) = Raw(name);
        foreach (var n in new[] { 0, 5, 37 })
        {
            var x = new double[n];
            var ok = new double[n];
            foreach (var wrong in new[] { n - 1, n + 1 }.Where(w => w >= 0))
            {
                var bad = new double[wrong];
                Assert.Equal("result", Assert.Throws<ArgumentException>(() => value(x, bad)).ParamName);
                Assert.Equal("derivative", Assert.Throws<ArgumentException>(() => derivative(x, bad)).ParamName);
                Assert.Equal("gradOutput", Assert.Throws<ArgumentException>(() => backward(x, bad, ok)).ParamName);
                Assert.Equal("gradInput", Assert.Throws<ArgumentException>(() => backward(x, ok, bad)).ParamName);
                Assert.Equal("gradOutput", Assert.Throws<ArgumentException>(() => backward(x, bad, bad)).ParamName);
                Assert.Equal("gradOutput", Assert.Throws<ArgumentException>(() => fused(x, bad, ok, new double[n])).ParamName);
                Assert.Equal("result", Assert.Throws<ArgumentException>(() => fused(x, ok, bad, new double[n])).ParamName);
                Assert.Equal("gradInput", Assert.Throws<ArgumentException>(() => fused(x, ok, new double[n], bad)).ParamName);
            }
        }
    }

    [Theory]
    [InlineData("Sigmoid")]
    [InlineData("LeakyRelu")]
    [InlineData("Wave")]
    public void OutputsMayBeTheirInputsButNotShiftedViewsOfThem(string name)
    {
        var (value, derivative, backward, fused) = Raw(name);
        var x = Inputs(name, 41, seed: 5);
        var g = Inputs("g", 41, seed: 7);

        var expected = new double[x.Length];
        value(x, expected);
        var inPlace = (double[])x.Clone();
        value(inPlace, inPlace);
        Assert.Equal(expected, inPlace);

        derivative(x, expected);
        inPlace = (double[])x.Clone();
        derivative(inPlace, inPlace);
        Assert.Equal(expected, inPlace);

        backward(x, g, expected);
        inPlace = (double[])g.Clone();
        backward(x, inPlace, inPlace);
        Assert.Equal(expected, inPlace);
        inPlace = (double[])x.Clone();
        backward(inPlace, g, inPlace);
        Assert.Equal(expected, inPlace);

        var values = new double[x.Length];
        var gradients = new double[x.Length];
        fused(x, g, values, gradients);
        var (valuesInPlace, gradientsInPlace) = ((double[])x.Clone(), (double[])g.Clone());
        fused(valuesInPlace, gradientsInPlace, valuesInPlace, gradientsInPlace);
        Assert.Equal(values, valuesInPlace);
        Assert.Equal(gradients, gradientsInPlace);
        (valuesInPlace, gradientsInPlace) = ((double[])g.Clone(), (double[])x.Clone());
        fused(gradientsInPlace, valuesInPlace, valuesInPlace, gradientsInPlace);
        Assert.Equal(values, valuesInPlace);
        Assert.Equal(gradients, gradientsInPlace);

        var buffer = new double[x.Length + 1];
        Assert.Equal("result", Assert.Throws<ArgumentException>(() => value(buffer.AsSpan(0, x.Length), buffer.AsSpan(1))).ParamName);
        Assert.Equal("derivative", Assert.Throws<ArgumentException>(() => derivative(buffer.AsSpan(1), buffer.AsSpan(0, x.Length))).ParamName);
        Assert.Equal("gradInput", Assert.Throws<ArgumentException>(() => backward(x, buffer.AsSpan(0, x.Length), buffer.AsSpan(1))).ParamName);
        Assert.Equal("gradInput", Assert.Throws<ArgumentException>(() => backward(buffer.AsSpan(1), g, buffer.AsSpan(0, x.Length))).ParamName);
        Assert.Equal("result", Assert.Throws<ArgumentException>(() => fused(buffer.AsSpan(1), g, buffer.AsSpan(0, x.Length), gradients)).ParamName);
        Assert.Equal("gradInput", Assert.Throws<ArgumentException>(() => fused(x, buffer.AsSpan(1), values, buffer.AsSpan(0, x.Length))).ParamName);
        Assert.Equal("gradInput", Assert.Throws<ArgumentException>(() => fused(x, g, gradients, gradients)).ParamName);
    }

    [Fact]
    public void SpanFormsAllocateNothing()
    {
        var x = Inputs("allocations", 1000, seed: 3);
        var g = Inputs("g", 1000, seed: 4);
        var y = new double[x.Length];
        var dx = new double[x.Length];
        var dxf = new float[x.Length];
        var forms = FunctionNames.Select(Raw).ToList();
        var floats = FunctionNames.Select(RawSingle).ToList();
        var xf = x.Select(v => (float)v).ToArray();
        var gf = g.Select(v => (float)v).ToArray();
        var yf = new float[x.Length];

        void RunAll()
        {
            foreach (var (value, derivative, backward, fused) in forms)
            {
                value(x, y);
                derivative(x, y);
                backward(x, g, y);
                fused(x, g, y, dx);
            }

            foreach (var (value, derivative, backward, fused) in floats)
            {
                value(xf, yf);
                derivative(xf, yf);
                backward(xf, gf, yf);
                fused(xf, gf, yf, dxf);
            }
        }

        RunAll();
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 5; i++)
        {
            RunAll();
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    [Fact]
    public void SigmoidSpanFormsAreVectorizedWithAScalarTail()
    {
        var run = GeneratorHarness.Run("""
            using System;
            using SymGrad;

            namespace Demo;

            public static partial class Activations
            {
                [Differentiable]
                public static float Sigmoid(float x) => 1f / (1f + MathF.Exp(-x));
            }
            """);
        Assert.True(run.GeneratorDiagnostics.IsEmpty && run.CompilationErrors.IsEmpty, string.Join("\n", run.GeneratorDiagnostics.Concat(run.CompilationErrors)));
        var generated = run.GeneratedFor("Sigmoid");
        var spanForms = SpanForms(generated);
        Snapshot.Match(string.Join("\n\n", spanForms.Select(m => m.ToFullString().Trim('\r', '\n'))));

        Assert.Contains("using System.Runtime.Intrinsics;", generated);
        Assert.Equal(["Sigmoid", "SigmoidDerivative", "SigmoidBackward", "SigmoidForwardBackward"], spanForms.Select(m => m.Identifier.ValueText));
        Assert.Equal(
            [
                "ReadOnlySpan<float> x, Span<float> result",
                "ReadOnlySpan<float> x, Span<float> derivative",
                "ReadOnlySpan<float> x, ReadOnlySpan<float> gradOutput, Span<float> gradInput",
                "ReadOnlySpan<float> x, ReadOnlySpan<float> gradOutput, Span<float> result, Span<float> gradInput",
            ],
            spanForms.Select(m => m.ParameterList.Parameters.ToString()));
        string[] tails =
        [
            "result[i] = Value(x[i]);",
            "derivative[i] = SigmoidDerivative(x[i]);",
            "gradInput[i] = gradOutput[i] * SigmoidDerivative(x[i]);",
            "result[i] = ValueAndDerivative(x[i], out var slope);",
        ];
        foreach (var (method, tail) in spanForms.Zip(tails))
        {
            var body = method.Body!.ToString();
            Assert.Contains("[MethodImpl(MethodImplOptions.NoInlining)]", method.AttributeLists.ToString());
            Assert.Contains("GeneratedCode", method.AttributeLists.ToString());
            Assert.Contains("if (Vector512.IsHardwareAccelerated)", body);
            Assert.Contains("if (Vector256.IsHardwareAccelerated)", body);
            Assert.Contains("for (; i <= x.Length - Vector512<float>.Count; i += Vector512<float>.Count)", body);
            Assert.Contains("for (; i <= x.Length - Vector256<float>.Count; i += Vector256<float>.Count)", body);
            Assert.Contains("for (; i < x.Length; i++)", body);
            Assert.Contains(tail, body);

            // One exponential per lane in each of the two kernels, shared by σ and its derivative as in the scalar code.
            Assert.Equal(2, GeneratedCode.Occurrences(body, "VectorMath.Exp("));
        }

        Assert.Contains("return s * (one - s);", spanForms[1].Body!.ToString());

        // The fused form computes σ once per lane (and per tail element), one reciprocal serving both of its branches.
        var fused = spanForms[3].Body!.ToString();
        Assert.Contains("gradInput = gradOutput * (s * (one - s));", fused);
        Assert.Equal(2, GeneratedCode.Occurrences(fused, "one / (e + one)"));
        Assert.Equal(3, GeneratedCode.Occurrences(fused, "e * inv"));
    }

    [Fact]
    public void WhatHasNoVectorFormIsAPlainLoopThatSaysWhy()
    {
        var run = GeneratorHarness.Run("""
            using System;
            using SymGrad;

            namespace Demo;

            public static partial class Curves
            {
                [Differentiable]
                public static double Wave(double x) => Math.Sin(x) * x;
            }
            """);
        var generated = run.GeneratedFor("Wave");
        Assert.True(run.CompilationErrors.IsEmpty, string.Join("\n", run.CompilationErrors));
        Assert.DoesNotContain("System.Runtime.Intrinsics", generated);
        Assert.DoesNotContain("Vector512", generated);
        Assert.Contains("Not vectorized, because Math.Sin has no vector counterpart", generated);
        Assert.Contains("Not vectorized, because Math.Cos has no vector counterpart", generated);
        var spanForms = SpanForms(generated);
        Assert.Equal(4, spanForms.Count);
        Assert.All(spanForms, m => Assert.Contains("for (var i = 0; i < x.Length; i++)", m.Body!.ToString()));
    }

    [Fact]
    public void MethodsWithSeveralDifferentiableParametersOrSpansGetNoSpanForms()
    {
        var run = GeneratorHarness.Run("""
            using System;
            using SymGrad;

            namespace Demo;

            public static partial class Curves
            {
                [Differentiable]
                public static double Product(double x, double y) => x * y;

                [Differentiable]
                public static double Scaled(double x, [NoDerivative] double result) => x * result;
            }
            """);
        Assert.True(run.CompilationErrors.IsEmpty, string.Join("\n", run.CompilationErrors));
        Assert.Empty(SpanForms(run.GeneratedFor("Product")));

        // A parameter named like an output of the span forms would clash with it.
        Assert.Empty(SpanForms(run.GeneratedFor("Scaled")));
        Assert.Contains("ScaledDerivative(double x, double result)", run.GeneratedFor("Scaled"));
    }

    [Fact]
    public void GeneratedNamesStayClearOfTheParameters()
    {
        var run = GeneratorHarness.Run("""
            using System;
            using SymGrad;

            namespace Demo;

            public static partial class Curves
            {
                [Differentiable]
                public static double Odd(double x0, [NoDerivative] double i, [NoDerivative] double one, [NoDerivative] double offset) =>
                    x0 > 0 ? x0 * one + i : Math.Exp(x0) * offset + 1;

                [Differentiable]
                public static double Power(double x, [NoDerivative] int n) => Math.Exp(x) * n;
            }
            """);
        Assert.True(run.GeneratorDiagnostics.IsEmpty && run.CompilationErrors.IsEmpty, string.Join("\n", run.GeneratorDiagnostics.Concat(run.CompilationErrors)));
        var odd = run.GeneratedFor("Odd");
        Assert.Contains("public static void Odd(ReadOnlySpan<double> x0, double i, double one, double offset, Span<double> result)", odd);
        Assert.Contains("ref var x00 = ref MemoryMarshal.GetReference(x0);", odd);
        Assert.Contains("var i1 = 0;", odd);
        Assert.Contains("Vector512.Create(one)", odd);
        var power = run.GeneratedFor("Power");
        Assert.Contains("public static void PowerBackward(ReadOnlySpan<double> x, int n, ReadOnlySpan<double> gradOutput, Span<double> gradInput)", power);
        Assert.Contains("Not vectorized, because it uses n, which is not a double", power);

        var assembly = run.Load();
        var curves = assembly.GetType("Demo.Curves")!;
        var span = curves.GetMethod("Odd", [typeof(ReadOnlySpan<double>), typeof(double), typeof(double), typeof(double), typeof(Span<double>)])!
            .CreateDelegate<OddForm>();
        var scalar = curves.GetMethod("Odd", [typeof(double), typeof(double), typeof(double), typeof(double)])!.CreateDelegate<Func<double, double, double, double, double>>();
        var x = Inputs("odd", 37, seed: 11);
        var result = new double[x.Length];
        span(x, 0.25, 3, -2, result);
        Assert.Equal(x.Select(v => scalar(v, 0.25, 3, -2)), result, (a, b) => Ulps(a, b, 0, single: false) <= 2);
    }

    private delegate void OddForm(ReadOnlySpan<double> x0, double i, double one, double offset, Span<double> result);

    /// <summary>The generated methods whose first parameter is a span: the span forms.</summary>
    private static List<MethodDeclarationSyntax> SpanForms(string source) =>
        CSharpSyntaxTree.ParseText(source, GeneratorHarness.ParseOptions).GetRoot()
            .DescendantNodes()
            .OfType<MethodDeclarationSyntax>()
            .Where(m => m.ParameterList.Parameters.FirstOrDefault()?.Type?.ToString().StartsWith("ReadOnlySpan<", StringComparison.Ordinal) == true)
            .ToList();

    /// <summary>The double span forms of one function, with <see cref="Alpha"/> bound where it takes one.</summary>
    private static (Unary<double> Value, Unary<double> Derivative, Backward<double> Backward, Fused<double> Fused) Raw(string name) => RawOf<double>("Demo.Doubles", name);

    private static (Unary<float> Value, Unary<float> Derivative, Backward<float> Backward, Fused<float> Fused) RawSingle(string name) => RawOf<float>("Demo.Singles", name);

    private static (Unary<T> Value, Unary<T> Derivative, Backward<T> Backward, Fused<T> Fused) RawOf<T>(string typeName, string name)
    {
        var type = Compiled.Value.GetType(typeName)!;
        var span = typeof(ReadOnlySpan<T>);
        var output = typeof(Span<T>);
        if (name != "LeakyRelu")
        {
            return (
                type.GetMethod(name, [span, output])!.CreateDelegate<Unary<T>>(),
                type.GetMethod(name + "Derivative", [span, output])!.CreateDelegate<Unary<T>>(),
                type.GetMethod(name + "Backward", [span, span, output])!.CreateDelegate<Backward<T>>(),
                type.GetMethod(name + "ForwardBackward", [span, span, output, output])!.CreateDelegate<Fused<T>>());
        }

        var alpha = (T)Convert.ChangeType(Alpha, typeof(T), CultureInfo.InvariantCulture);
        var value = type.GetMethod(name, [span, typeof(T), output])!.CreateDelegate<UnaryWith<T>>();
        var derivative = type.GetMethod(name + "Derivative", [span, typeof(T), output])!.CreateDelegate<UnaryWith<T>>();
        var backward = type.GetMethod(name + "Backward", [span, typeof(T), span, output])!.CreateDelegate<BackwardWith<T>>();
        var fused = type.GetMethod(name + "ForwardBackward", [span, typeof(T), span, output, output])!.CreateDelegate<FusedWith<T>>();
        return ((x, r) => value(x, alpha, r), (x, r) => derivative(x, alpha, r), (x, g, r) => backward(x, alpha, g, r), (x, g, r, d) => fused(x, alpha, g, r, d));
    }

    private void AgreeWithTheScalarForms<T>(Forms<T> forms)
        where T : struct
    {
        var pool = Inputs(forms.Name, 4096, seed: 17);
        var gradients = Inputs("gradients", 4096, seed: 23);
        var stats = new Dictionary<string, Stat>();
        var lengths = Enumerable.Range(0, 38).Append(1000).ToList();
        foreach (var length in lengths)
        {
            foreach (var offset in new[] { 0, 3, 41, 400, 1500 })
            {
                Check(forms, pool.AsSpan(offset, length), gradients.AsSpan(offset, length), stats);
            }
        }

        // A long sweep, for the statistics.
        var sweep = Inputs(forms.Name + " sweep", 200_000, seed: 29);
        Check(forms, sweep, Inputs("sweep gradients", 200_000, seed: 31), stats);

        foreach (var (key, stat) in stats.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{typeof(T).Name} {forms.Name} {key}: {stat}");
        }

        Assert.All(stats, s => Assert.True(s.Value.Worst <= 2, $"{typeof(T).Name} {forms.Name} {s.Key}: {s.Value}"));
    }

    private static void Check<T>(Forms<T> forms, ReadOnlySpan<double> x, ReadOnlySpan<double> g, Dictionary<string, Stat> stats)
        where T : struct
    {
        var values = forms.Value(x);
        var derivatives = forms.Derivative(x);
        var backward = forms.Backward(x, g);
        var (fusedValues, fusedGradients) = forms.ForwardBackward(x, g);
        for (var i = 0; i < x.Length; i++)
        {
            var xi = forms.Round(x[i]);
            var (value, partial) = forms.Gradient(xi);
            var derivative = forms.ScalarDerivative(xi);
            Assert.Equal(partial, derivative);

            // A span of one element is computed by the scalar tail: the scalar code of M, which is the value
            // MGradient returns, or M itself where the value calls another method.
            var tail = forms.Value(x.Slice(i, 1))[0];
            Assert.True(tail.Equals(value) || tail.Equals(forms.Scalar(xi)), $"{forms.Name}({xi:R}): the scalar tail gives {tail:R}, MGradient {value:R}, M {forms.Scalar(xi):R}.");

            var (valueSlack, derivativeSlack) = forms.Slack(xi);
            Record(stats, "value", values[i], tail, valueSlack, forms.IsSingle, xi);
            Record(stats, "derivative", derivatives[i], derivative, derivativeSlack, forms.IsSingle, xi);
            var gi = forms.Round(g[i]);
            Record(stats, "backward", backward[i], forms.Round(gi * derivative), Math.Abs(gi) * derivativeSlack, forms.IsSingle, xi);
            Record(stats, "forward-backward value", fusedValues[i], value, valueSlack, forms.IsSingle, xi);
            Record(stats, "forward-backward gradient", fusedGradients[i], forms.Round(gi * derivative), Math.Abs(gi) * derivativeSlack, forms.IsSingle, xi);

            // The scalar tail of the fused form is the scalar code of MGradient.
            var (tailValue, tailGradient) = forms.ForwardBackward(x.Slice(i, 1), g.Slice(i, 1));
            Assert.Equal(value, tailValue[0]);
            Assert.Equal(forms.Round(gi * partial), tailGradient[0]);
        }
    }

    private static void Record(Dictionary<string, Stat> stats, string key, double actual, double expected, double slack, bool single, double x)
    {
        if (!stats.TryGetValue(key, out var stat))
        {
            stats[key] = stat = new Stat();
        }

        stat.Add(Ulps(actual, expected, slack, single), Ulps(actual, expected, 0, single), x, actual, expected);
    }

    /// <summary>
    /// How many ulps (of the method's precision, at <paramref name="expected"/>) <paramref name="actual"/> is from
    /// <paramref name="expected"/> beyond an absolute <paramref name="slack"/>; equal NaNs and equal infinities are 0 apart.
    /// </summary>
    private static double Ulps(double actual, double expected, double slack, bool single)
    {
        if (actual.Equals(expected))
        {
            return 0;
        }

        if (!double.IsFinite(actual) || !double.IsFinite(expected))
        {
            return double.PositiveInfinity;
        }

        if (slack > 0)
        {
            var ulp = single ? MathF.BitIncrement(MathF.Abs((float)expected)) - MathF.Abs((float)expected) : Math.BitIncrement(Math.Abs(expected)) - Math.Abs(expected);
            return Math.Max(0, Math.Abs(actual - expected) - slack) / ulp;
        }

        return single
            ? Math.Abs((long)Ordered((float)actual) - Ordered((float)expected))
            : (double)Int128.Abs((Int128)Ordered(actual) - Ordered(expected));
    }

    private static long Ordered(double value)
    {
        var bits = BitConverter.DoubleToInt64Bits(value);
        return bits < 0 ? long.MinValue - bits : bits;
    }

    private static long Ordered(float value)
    {
        var bits = BitConverter.SingleToInt32Bits(value);
        return bits < 0 ? int.MinValue - bits : bits;
    }

    /// <summary>
    /// Kinks, zeros, ±1000, tiny and huge values first (so short spans meet them in the scalar tail), then the same
    /// again among random values: mostly in [−12, 12], some anywhere from 1e−30 to 1e3 in magnitude.
    /// </summary>
    private static double[] Inputs(string name, int count, int seed)
    {
        double[] special = [0, -0.0, 1000, -1000, -2, 5, 1, -1, 7, 0.5, 1e-300, -1e-300, 1e-30, -1e-20, 20, -20, 40, -40, 88, -88, 700, -745, 0.4, -0.4, 22, -22, 3];
        var random = new Random(seed + name.Length);
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = i < special.Length ? special[i]
                : random.Next(16) == 0 ? special[random.Next(special.Length)]
                : random.Next(8) == 0 ? Math.CopySign(Math.Pow(10, (random.NextDouble() * 33) - 30), random.NextDouble() - 0.5)
                : (random.NextDouble() * 24) - 12;
        }

        return values;
    }

    private sealed class Stat
    {
        private readonly int[] histogram = new int[4];
        private string where = string.Empty;

        /// <summary>The largest distance beyond the slack, which the test bounds.</summary>
        public double Worst { get; private set; }

        /// <summary>The largest plain ulp distance, for the record.</summary>
        public double WorstStrict { get; private set; }

        public int Count { get; private set; }

        public void Add(double ulps, double strict, double x, double actual, double expected)
        {
            Count++;
            histogram[strict == 0 ? 0 : strict <= 1 ? 1 : strict <= 2 ? 2 : 3]++;
            WorstStrict = Math.Max(WorstStrict, strict);
            if (ulps > Worst)
            {
                Worst = ulps;
                where = string.Create(CultureInfo.InvariantCulture, $" at x = {x:R}: {actual:R} instead of {expected:R}");
            }
        }

        public override string ToString() => string.Create(
            CultureInfo.InvariantCulture,
            $"{Count} elements: {histogram[0]} exact, {histogram[1]} within 1 ulp, {histogram[2]} within 2 ulp, {histogram[3]} further (worst {WorstStrict:0.##} ulp); beyond the slack worst {Worst:0.##} ulp{where}");
    }

    /// <summary>
    /// Where the scalar code subtracts a shared forward value (1 − t², s·(1 − s), log1p(e)), 2 ulp of that value
    /// move the result by far more than 2 of its own ulps; no implementation of exp or tanh short of a bit-exact
    /// copy of the platform's libm avoids it. The slack is |∂result/∂forward| · 2 ulp(forward).
    /// </summary>
    private static (double Value, double Derivative) SlackOf(string name, double x, bool single)
    {
        double Ulp(double v) => single ? MathF.BitIncrement(MathF.Abs((float)v)) - MathF.Abs((float)v) : Math.BitIncrement(Math.Abs(v)) - Math.Abs(v);
        switch (name)
        {
            case "Sigmoid":
                {
                    // s·(1 − s): first order |1 − 2s|·δs, but 1 − s is rounded after s moved, which can undo the cancellation.
                    var s = 1 / (1 + Math.Exp(-x));
                    return (0, (2 * Math.Abs(1 - (2 * s)) * Ulp(s)) + (single ? s * Ulp(1 - s) : 0));
                }

            case "Tanh":
                {
                    // 1 − t²: 2|t|·δt, plus the rounding of t² after t moved. MathF.Tanh is itself up to 2 ulp from the exact
                    // tanh (VectorMath's float tanh is within 1), so the two forward values can be 3 ulp apart.
                    var t = Math.Tanh(x);
                    return (0, (2 * (single ? 3 : 2) * Math.Abs(t) * Ulp(t)) + (single ? Ulp(t * t) : 0));
                }

            case "Softplus":
                {
                    // log1p(e) with e = exp(−|x|) moves by 1/(1 + e) per unit of e. The derivative 1/(1 + e) or e/(1 + e)
                    // moves by 1/(1 + e)² per unit of e, and with the rounding of 1 + e.
                    var e = Math.Exp(-Math.Abs(x));
                    var onePlusE = 1 + e;
                    var derivative = single ? (2 * Ulp(e) / (onePlusE * onePlusE)) + (Ulp(onePlusE) / onePlusE) : 0;
                    return (2 * Ulp(e) / onePlusE, derivative);
                }

            default:
                return (0, 0);
        }
    }

    /// <summary>The span forms and scalar members of one function, all over double arrays (floats are rounded in and widened out).</summary>
    private sealed class Forms<T>
        where T : struct
    {
        public required string Name { get; init; }

        public required bool IsSingle { get; init; }

        public required Func<double, double> Round { get; init; }

        public required Func<double, double> Scalar { get; init; }

        public required Func<double, double> ScalarDerivative { get; init; }

        public required Func<double, (double Value, double Derivative)> Gradient { get; init; }

        public required SpanForm Value { get; init; }

        public required SpanForm Derivative { get; init; }

        public required SpanBackward Backward { get; init; }

        public required SpanForwardBackward ForwardBackward { get; init; }

        /// <summary>
        /// The absolute error, beyond 2 ulp, that follows from the forward value the code shares being 2 ulp off
        /// (exp, log and tanh from VectorMath against Math): the value's, and the derivative's.
        /// </summary>
        public required Func<double, (double Value, double Derivative)> Slack { get; init; }

        public delegate double[] SpanForm(ReadOnlySpan<double> x);

        public delegate double[] SpanBackward(ReadOnlySpan<double> x, ReadOnlySpan<double> g);

        public delegate (double[] Values, double[] Gradients) SpanForwardBackward(ReadOnlySpan<double> x, ReadOnlySpan<double> g);

        public static Forms<T> Create(string typeName, string name)
        {
            var type = Compiled.Value.GetType(typeName)!;
            var single = typeof(T) == typeof(float);
            var alpha = (T)Convert.ChangeType(Alpha, typeof(T), CultureInfo.InvariantCulture);
            Func<double, T> to = x => (T)Convert.ChangeType(x, typeof(T), CultureInfo.InvariantCulture);
            Func<T, double> from = x => Convert.ToDouble(x, CultureInfo.InvariantCulture);
            var withAlpha = name == "LeakyRelu";
            var scalarArgs = withAlpha ? new[] { typeof(T), typeof(T) } : new[] { typeof(T) };

            MethodInfo Method(string method, params Type[] parameters) =>
                type.GetMethod(method, BindingFlags.Public | BindingFlags.Static, parameters)
                ?? throw new InvalidOperationException($"{typeName}.{method}({string.Join(", ", parameters.Select(p => p.Name))}) not found.");

            Func<double, double> Scalar(string method)
            {
                if (withAlpha)
                {
                    var f = Method(method, scalarArgs).CreateDelegate<Func<T, T, T>>();
                    return x => from(f(to(x), alpha));
                }

                var g = Method(method, scalarArgs).CreateDelegate<Func<T, T>>();
                return x => from(g(to(x)));
            }

            Func<double, (double, double)> gradient;
            if (withAlpha)
            {
                var f = Method(name + "Gradient", [typeof(T), typeof(T), typeof(T).MakeByRefType()]).CreateDelegate<GradientWith<T>>();
                gradient = x => (from(f(to(x), alpha, out var d)), from(d));
            }
            else
            {
                var f = Method(name + "Gradient", [typeof(T), typeof(T).MakeByRefType()]).CreateDelegate<GradientOf<T>>();
                gradient = x => (from(f(to(x), out var d)), from(d));
            }

            var span = typeof(ReadOnlySpan<T>);
            var output = typeof(Span<T>);

            Forms<T>.SpanForm SpanForm(string method, string outputName)
            {
                var info = withAlpha ? Method(method, span, typeof(T), output) : Method(method, span, output);
                Assert.Equal(outputName, info.GetParameters()[^1].Name);
                if (withAlpha)
                {
                    var f = info.CreateDelegate<UnaryWith<T>>();
                    return x =>
                    {
                        var result = new T[x.Length];
                        f(In(x), alpha, result);
                        return result.Select(from).ToArray();
                    };
                }

                var u = info.CreateDelegate<Unary<T>>();
                return x =>
                {
                    var result = new T[x.Length];
                    u(In(x), result);
                    return result.Select(from).ToArray();
                };
            }

            T[] In(ReadOnlySpan<double> x)
            {
                var values = new T[x.Length];
                for (var i = 0; i < x.Length; i++)
                {
                    values[i] = to(x[i]);
                }

                return values;
            }

            Forms<T>.SpanBackward backward;
            if (withAlpha)
            {
                var f = Method(name + "Backward", span, typeof(T), span, output).CreateDelegate<BackwardWith<T>>();
                backward = (x, g) =>
                {
                    var result = new T[x.Length];
                    f(In(x), alpha, In(g), result);
                    return result.Select(from).ToArray();
                };
            }
            else
            {
                var f = Method(name + "Backward", span, span, output).CreateDelegate<Backward<T>>();
                backward = (x, g) =>
                {
                    var result = new T[x.Length];
                    f(In(x), In(g), result);
                    return result.Select(from).ToArray();
                };
            }

            Forms<T>.SpanForwardBackward forwardBackward;
            if (withAlpha)
            {
                var f = Method(name + "ForwardBackward", span, typeof(T), span, output, output).CreateDelegate<FusedWith<T>>();
                forwardBackward = (x, g) =>
                {
                    var (values, gradients) = (new T[x.Length], new T[x.Length]);
                    f(In(x), alpha, In(g), values, gradients);
                    return (values.Select(from).ToArray(), gradients.Select(from).ToArray());
                };
            }
            else
            {
                var f = Method(name + "ForwardBackward", span, span, output, output).CreateDelegate<Fused<T>>();
                forwardBackward = (x, g) =>
                {
                    var (values, gradients) = (new T[x.Length], new T[x.Length]);
                    f(In(x), In(g), values, gradients);
                    return (values.Select(from).ToArray(), gradients.Select(from).ToArray());
                };
            }

            return new Forms<T>
            {
                Name = name,
                IsSingle = single,
                Round = x => from(to(x)),
                Scalar = Scalar(name),
                ScalarDerivative = Scalar(name + "Derivative"),
                Gradient = gradient,
                Value = SpanForm(name, "result"),
                Derivative = SpanForm(name + "Derivative", "derivative"),
                Backward = backward,
                ForwardBackward = forwardBackward,
                Slack = x => SlackOf(name, x, single),
            };
        }
    }
}
