using System;
using System.IO;
using SymGrad.Benchmarks.Context;
using SymGrad.Benchmarks.HandWritten;

namespace SymGrad.Benchmarks;

/// <summary>
/// <c>--verify</c>: every kernel the benchmarks time, against a plain scalar double reference built
/// from different formulas (σ′(u) = ¼·sech²(u/2), tanh′ = sech², log1p by its series), on the
/// benchmark sizes plus lengths and values that reach every code path: vector tails, the tanh
/// polynomial's edge, |x| up to float.MaxValue, rows that overflow exp without the max shift.
/// </summary>
internal static class Verification
{
    private const float ActivationRelativeTolerance = 2e-6f;   // ≈ 16 float ulps
    private const float TinyAbsoluteTolerance = 1e-37f;        // below float's normal range the kernels are allowed to flush
    private const int TanhUlpBudget = 3;   // measured: 2; one more for another libm's MathF.Tanh

    public static bool Run(TextWriter output)
    {
        bool ok = VerifyElementwise(output);
        ok &= VerifyCrossEntropy(output);
        ok &= VerifyPointGradient(output);
        ok &= VerifyHimmelblau(output);
        ok &= VerifyMlp(output, "generated", static (problem, weights) =>
        {
            var step = new GeneratedMlpStep(problem, weights);
            return (images, labels) => step.Step(images, labels);
        });
        ok &= VerifyMlp(output, "hand-written", static (problem, weights) =>
        {
            var step = new MlpSgdStep(problem, weights);
            return (images, labels) => step.Step(images, labels);
        });
        output.WriteLine(ok ? "verify: every kernel matches the double reference" : "verify: MISMATCH");
        return ok;
    }

    private static bool VerifyElementwise(TextWriter output)
    {
        // 2²⁰ + 13 elements: the 512-bit loop, one 256-bit step and a 5-element scalar tail.
        int n = Inputs.ElementCount + 13;
        float[] x = Inputs.Uniform(n, -30, 30, seed: 10);
        for (int i = 0; i < n; i += 3) x[i] /= 30;   // a third in [−1, 1], around the tanh polynomial's range
        float[] special = [0f, -0f, 1e-30f, -1e-7f, 1e-3f, 0.5f, 0.6249999f, 0.625f, -0.625f, 0.63f, 1f, -1f, 9f, -9f, 17f, -17f,
            20f, -20f, 50f, -50f, 88f, -88f, 100f, -100f, 1000f, -1000f, float.MaxValue, float.MinValue];
        special.CopyTo(x, 0);
        special.CopyTo(x, n - special.Length);
        float[] g = Inputs.Uniform(n, -2, 2, seed: 11);
        var y = new float[n];
        var dx = new float[n];
        var scratch = new float[n];

        bool ok = true;
        foreach (Activation activation in Enum.GetValues<Activation>())
        {
            Func<double, double> f, slope;
            switch (activation)
            {
                case Activation.Sigmoid:
                    f = Sigmoid;
                    slope = v => 0.25 / Square(Math.Cosh(v / 2));
                    Elementwise.SigmoidForwardBackward(x, g, y, dx);
                    break;
                case Activation.Tanh:
                    f = Math.Tanh;
                    slope = v => 1 / Square(Math.Cosh(v));
                    Elementwise.TanhForwardBackward(x, g, y, dx);
                    break;
                default:
                    f = v => Math.Max(v, 0) + Log1p(Math.Exp(-Math.Abs(v)));
                    slope = Sigmoid;
                    Elementwise.SoftplusForwardBackward(x, g, y, dx);
                    break;
            }
            ok &= Compare(output, $"W1 {activation} hand-written y", x, y, i => f(x[i]), ActivationRelativeTolerance, TinyAbsoluteTolerance);
            ok &= Compare(output, $"W1 {activation} hand-written dx", x, dx, i => g[i] * slope(x[i]), ActivationRelativeTolerance, TinyAbsoluteTolerance);
            var generatedY = new float[n];
            var generatedDx = new float[n];
            Generated.ForwardBackward(activation, x, g, generatedY, generatedDx);
            ok &= Compare(output, $"W1 {activation} generated y", x, generatedY, i => f(x[i]), ActivationRelativeTolerance, TinyAbsoluteTolerance);
            // The generated backward uses the closed forms PyTorch uses, s·(1 − s) and 1 − t², which are
            // 0 in float where s or t rounds to ±1 (|x| above about 17 and 9): an absolute tolerance of
            // a few float epsilons there.
            ok &= Compare(output, $"W1 {activation} generated dx", x, generatedDx, i => g[i] * slope(x[i]), ActivationRelativeTolerance, 4e-7f);
            if (activation == Activation.Tanh)
            {
                int worst = 0, worstIndex = 0;
                for (int i = 0; i < n; i++)
                {
                    int distance = UlpDistance(y[i], MathF.Tanh(x[i]));
                    if (distance > worst) (worst, worstIndex) = (distance, i);
                }
                bool close = worst <= TanhUlpBudget;
                output.WriteLine($"{(close ? "ok  " : "FAIL")} W1 Tanh hand-written y: at most {worst} ulp from MathF.Tanh, budget {TanhUlpBudget} (input {x[worstIndex]:G9})");
                ok &= close;
            }

            // The multi-pass TensorPrimitives variant is context, not a kernel of ours: report, do not fail.
            switch (activation)
            {
                case Activation.Sigmoid: TensorPrimitivesElementwise.Sigmoid(x, g, y, dx, scratch); break;
                case Activation.Tanh: TensorPrimitivesElementwise.Tanh(x, g, y, dx, scratch); break;
                default: TensorPrimitivesElementwise.Softplus(x, g, y, dx, scratch); break;
            }
            Compare(output, $"W1 {activation} TensorPrimitives y (context)", x, y, i => f(x[i]), ActivationRelativeTolerance, TinyAbsoluteTolerance, required: false);
            Compare(output, $"W1 {activation} TensorPrimitives dx (context)", x, dx, i => g[i] * slope(x[i]), ActivationRelativeTolerance, TinyAbsoluteTolerance, required: false);
        }
        return ok;
    }

    private static bool VerifyCrossEntropy(TextWriter output)
    {
        bool ok = true;
        // The benchmark shapes, then class counts that take the scalar row, an exact 256-bit row,
        // a ragged 256-bit row, an exact 512-bit row and a ragged 512-bit row.
        (int Batch, int Classes)[] shapes = [(Inputs.Batch, 10), (Inputs.Batch, 1000), (5, 1), (5, 7), (5, 8), (5, 9), (5, 16), (5, 23), (5, 33)];
        foreach ((int batch, int classes) in shapes)
        {
            float[] logits = Inputs.Uniform(batch * classes, -5, 5, seed: classes);
            for (int j = 0; j < classes; j++)
            {
                logits[j] += 100;                  // e¹⁰⁰ overflows float: only the max shift saves this row
                logits[classes + j] -= 100;
            }
            int[] targets = Inputs.Targets(batch, classes, seed: classes + 1);
            var expected = new double[logits.Length];
            double expectedLoss = ReferenceCrossEntropy(logits, targets, classes, expected);
            var dLogits = new float[logits.Length];

            string shape = $"{batch}×{classes}";
            float loss = CrossEntropy.Fused(logits, targets, dLogits);
            ok &= CompareLoss(output, $"W2 {shape} hand-written fused loss", loss, expectedLoss);
            ok &= Compare(output, $"W2 {shape} hand-written fused dLogits", logits, dLogits, i => expected[i], 1e-5f, 1e-12f);

            Array.Clear(dLogits);
            loss = Generated.CrossEntropyGradient(logits, targets, classes, dLogits);
            ok &= CompareLoss(output, $"W2 {shape} generated loss", loss, expectedLoss);
            ok &= Compare(output, $"W2 {shape} generated dLogits", logits, dLogits, i => expected[i], 1e-5f, 1e-12f);

            Array.Clear(dLogits);
            loss = CrossEntropy.NaiveScalar(logits, targets, dLogits);
            ok &= CompareLoss(output, $"W2 {shape} naive scalar loss", loss, expectedLoss);
            ok &= Compare(output, $"W2 {shape} naive scalar dLogits", logits, dLogits, i => expected[i], 1e-5f, 1e-12f);
        }
        return ok;
    }

    private static bool VerifyPointGradient(TextWriter output)
    {
        (double X, double Y)[] points = [(0.7, -1.3), (0, 0), (2, 3), (-3, 0.5), (1e-8, 5), (40, 30), (-40, 30), (20, -40), (-0.3, 1e6)];
        bool handOk = true, generatedOk = true;
        double handWorst = 0, generatedWorst = 0;
        foreach ((double x, double y) in points)
        {
            double sigmoidSlope = 0.25 / Square(Math.Cosh(x * y / 2));
            double f = Sigmoid(x * y) + Math.Tanh(x) * y;
            double dX = y / Square(Math.Cosh(x)) + y * sigmoidSlope;
            double dY = x * sigmoidSlope + Math.Tanh(x);

            double value = PointGradient.FGradient(x, y, out double handX, out double handY);
            double error = Max(Relative(value, f), Relative(handX, dX), Relative(handY, dY));
            handWorst = Math.Max(handWorst, error);
            handOk &= error <= 1e-12;

            value = W5Function.FGradient(x, y, out double genX, out double genY);
            error = Max(Relative(value, f), Relative(genX, dX), Relative(genY, dY));
            generatedWorst = Math.Max(generatedWorst, error);
            generatedOk &= error <= 1e-12;
        }
        output.WriteLine($"{(handOk ? "ok  " : "FAIL")} W5 hand-written gradient: worst relative error {handWorst:G3} over {points.Length} points");
        output.WriteLine($"{(generatedOk ? "ok  " : "FAIL")} W5 generated gradient: worst relative error {generatedWorst:G3} over {points.Length} points");
        return handOk && generatedOk;
    }

    /// <summary>W4: both sides end at the minimum (−3.779310, −3.283186) and at the same point as each other.</summary>
    private static bool VerifyHimmelblau(TextWriter output)
    {
        bool ok = true;
        var (handX, handY) = HimmelblauAdam.Run(-4.0, 0.0, W4Himmelblau.Steps);
        double[] point = [-4, 0];
        Minimizer.Minimize(point, static (p, g) => HimmelblauFunction.HimmelblauGradient(p[0], p[1], out g[0], out g[1]), new AdamOptions(lr: 1e-3), W4Himmelblau.Steps);
        var (singleX, singleY) = HimmelblauAdam.Run(-4f, 0f, W4Himmelblau.Steps);
        float[] single = [-4, 0];
        Minimizer.Minimize(single, static (p, g) => HimmelblauFunction.HimmelblauSingleGradient(p[0], p[1], out g[0], out g[1]), new AdamOptions(lr: 1e-3), W4Himmelblau.Steps);
        foreach (var (what, x, y, tolerance) in new[]
        {
            ("hand-written float64", handX, handY, 1e-3), ("generated float64", point[0], point[1], 1e-3),
            ("hand-written float32", singleX, singleY, 1e-3), ("generated float32", single[0], single[1], 1e-3),
        })
        {
            bool good = Math.Abs(x + 3.779310) <= tolerance && Math.Abs(y + 3.283186) <= tolerance;
            output.WriteLine($"{(good ? "ok  " : "FAIL")} W4 {what}: ends at ({x:F6}, {y:F6})");
            ok &= good;
        }

        bool same = Math.Abs(handX - point[0]) <= 1e-12 && Math.Abs(handY - point[1]) <= 1e-12;
        output.WriteLine($"{(same ? "ok  " : "FAIL")} W4 float64: generated and hand-written end {Math.Max(Math.Abs(handX - point[0]), Math.Abs(handY - point[1])):G3} apart");
        return ok && same;
    }

    /// <summary>
    /// W3: one step of <paramref name="stepper"/> on both networks; the loss it reports and the gradient its step took,
    /// (before − after) / lr, against <see cref="MlpReference"/> in double.
    /// </summary>
    private static bool VerifyMlp(TextWriter output, string side, Func<MlpProblem, MlpWeights, Func<float[], int[], float>> stepper)
    {
        bool ok = true;
        foreach (var problem in new[] { MlpProblem.Small, MlpProblem.Large })
        {
            var before = problem.InitialWeights();
            var after = problem.InitialWeights();
            float[] images = problem.Images();
            int[] labels = problem.Labels();
            var (referenceLoss, referenceGradient) = MlpReference.Gradient(problem, before, images, labels);
            float loss = stepper(problem, after)(images, labels);
            ok &= CompareLoss(output, $"W3 {problem} {side} loss", loss, referenceLoss);

            float[][] starts = [before.W1, before.B1, before.W2, before.B2];
            float[][] ends = [after.W1, after.B1, after.W2, after.B2];
            for (int layer = 0; layer < starts.Length; layer++)
            {
                double[] expected = referenceGradient[layer];
                double largest = 0;
                foreach (var g in expected) largest = Math.Max(largest, Math.Abs(g));
                var taken = new float[expected.Length];
                for (int i = 0; i < taken.Length; i++) taken[i] = (starts[layer][i] - ends[layer][i]) / MlpProblem.LearningRate;
                ok &= Compare(output, $"W3 {problem} {side} gradient of {LayerNames[layer]}", taken, taken, i => expected[i], 1e-3f, (float)(1e-4 * largest));
            }
        }
        return ok;
    }

    private static readonly string[] LayerNames = ["W1", "b1", "W2", "b2"];

    private static double ReferenceCrossEntropy(float[] logits, int[] targets, int classes, double[] gradient)
    {
        int batch = targets.Length;
        double total = 0;
        for (int row = 0; row < batch; row++)
        {
            int start = row * classes;
            double max = double.NegativeInfinity;
            for (int j = 0; j < classes; j++) max = Math.Max(max, logits[start + j]);
            double sum = 0;
            for (int j = 0; j < classes; j++) sum += Math.Exp(logits[start + j] - max);
            total += Math.Log(sum) + max - logits[start + targets[row]];
            for (int j = 0; j < classes; j++)
                gradient[start + j] = (Math.Exp(logits[start + j] - max) / sum - (j == targets[row] ? 1 : 0)) / batch;
        }
        return total / batch;
    }

    /// <summary>
    /// Checks |actual − expected| ≤ rtol·|expected| + atol everywhere and prints the worst element;
    /// a line that is not <paramref name="required"/> says "off" instead of "FAIL".
    /// </summary>
    private static bool Compare(TextWriter output, string what, float[] input, float[] actual, Func<int, double> expected, float rtol, float atol, bool required = true)
    {
        double worst = 0;
        int worstIndex = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            double e = expected(i);
            double ratio = Math.Abs(actual[i] - e) / (rtol * Math.Abs(e) + atol);
            if (!(ratio <= worst)) { worst = ratio; worstIndex = i; }   // NaN counts as worst
        }
        bool ok = worst <= 1;
        output.WriteLine($"{(ok ? "ok  " : required ? "FAIL" : "off ")} {what}: worst error {worst:G3} of the tolerance (input {input[worstIndex]:G9}, got {actual[worstIndex]:G9}, want {expected(worstIndex):G9})");
        return ok;
    }

    private static bool CompareLoss(TextWriter output, string what, float actual, double expected)
    {
        double error = Relative(actual, expected);
        bool ok = error <= 1e-5;
        output.WriteLine($"{(ok ? "ok  " : "FAIL")} {what}: {actual:G9} vs {expected:G9}");
        return ok;
    }

    /// <summary>|a − b| relative to |b|, and absolute below 1 (the values here are O(1) or smaller).</summary>
    private static double Relative(double actual, double expected) =>
        double.IsNaN(actual) ? double.PositiveInfinity : Math.Abs(actual - expected) / Math.Max(Math.Abs(expected), 1);

    private static double Max(double a, double b, double c) => Math.Max(a, Math.Max(b, c));

    private static double Square(double v) => v * v;

    private static double Sigmoid(double v) => v >= 0 ? 1 / (1 + Math.Exp(-v)) : Math.Exp(v) / (1 + Math.Exp(v));

    /// <summary>log(1 + t) for t ≥ 0, with the series where 1 + t would lose t's low digits.</summary>
    private static double Log1p(double t) => t < 1e-4 ? t * (1 - t * (0.5 - t / 3)) : Math.Log(1 + t);

    private static int UlpDistance(float a, float b)
    {
        if (a == b) return 0;
        if (float.IsNaN(a) || float.IsNaN(b) || Math.Sign(a) != Math.Sign(b)) return int.MaxValue;
        return Math.Abs(BitConverter.SingleToInt32Bits(a) - BitConverter.SingleToInt32Bits(b));
    }
}
