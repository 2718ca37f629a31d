using System;
using System.Linq;
using System.Reflection;
using SymGrad.Generator.Tests.Infrastructure;
using Xunit;

namespace SymGrad.Generator.Tests;

/// <summary>
/// Gradients of functions of spans and arrays written with <c>for</c> loops — reductions, dot
/// products, a dense layer, a two-layer network — against central differences, for lengths that
/// include empty spans and odd sizes.
/// </summary>
public sealed class SpanGradientTests
{
    private const string Source = """
        using System;
        using System.Linq;
        using SymGrad;

        namespace Demo;

        public static partial class Nets
        {
            [Differentiable]
            public static double SumOfSquares(ReadOnlySpan<double> x)
            {
                double s = 0;
                for (int i = 0; i < x.Length; i++)
                {
                    s += x[i] * x[i];
                }

                return s;
            }

            [Differentiable]
            public static double Affine(double[] w, ReadOnlySpan<double> x, double b)
            {
                double dot = b;
                for (int i = 0; i < x.Length; i++)
                {
                    dot += w[i] * x[i];
                }

                return Math.Tanh(dot) + Math.Sin(b) * x.Length;
            }

            [Differentiable]
            public static double MeanSigmoid(ReadOnlySpan<double> x)
            {
                double total = 0;
                for (int i = 0; i < x.Length; i++)
                {
                    total += 1 / (1 + Math.Exp(-x[i]));
                }

                return x.Length == 0 ? 0 : total / x.Length;
            }

            [Differentiable]
            public static double TwoLayer(double[] w1, double[] b1, double[] w2, double[] b2, [NoDerivative] double[] x, [NoDerivative] double[] target)
            {
                int n = x.Length;
                int m = b1.Length;
                Span<double> h = stackalloc double[m];
                for (int j = 0; j < m; j++)
                {
                    double acc = b1[j];
                    for (int i = 0; i < n; i++)
                    {
                        acc += w1[j * n + i] * x[i];
                    }

                    h[j] = Math.Tanh(acc);
                }

                double[] o = new double[b2.Length];
                for (int k = 0; k < b2.Length; k++)
                {
                    o[k] = b2[k];
                    for (int j = 0; j < m; j++)
                    {
                        o[k] += w2[k * m + j] * h[j];
                    }
                }

                double loss = 0;
                for (int k = 0; k < o.Length; k++)
                {
                    double diff = o[k] - target[k];
                    loss += diff * diff;
                }

                return 0.5 * loss;
            }

            [Differentiable]
            public static double BatchedTwoLayer(
                ReadOnlySpan<double> w1, ReadOnlySpan<double> b1, ReadOnlySpan<double> w2, ReadOnlySpan<double> b2,
                [NoDerivative] ReadOnlySpan<double> x, ReadOnlySpan<int> labels)
            {
                int batch = labels.Length;
                int n = x.Length / batch;
                int m = b1.Length;
                int c = b2.Length;
                double[] h = new double[batch * m];
                for (int b = 0; b < batch; b++)
                {
                    for (int j = 0; j < m; j++)
                    {
                        double acc = b1[j];
                        for (int i = 0; i < n; i++)
                        {
                            acc += w1[j * n + i] * x[b * n + i];
                        }

                        h[b * m + j] = Math.Tanh(acc);
                    }
                }

                Span<double> z = stackalloc double[batch * c];
                for (int b = 0; b < batch; b++)
                {
                    for (int k = 0; k < c; k++)
                    {
                        double acc = b2[k];
                        for (int j = 0; j < m; j++)
                        {
                            acc += w2[k * m + j] * h[b * m + j];
                        }

                        z[b * c + k] = acc;
                    }
                }

                double total = 0;
                for (int b = 0; b < batch; b++)
                {
                    double max = double.NegativeInfinity;
                    for (int k = 0; k < c; k++)
                    {
                        max = Math.Max(max, z[b * c + k]);
                    }

                    double sum = 0;
                    for (int k = 0; k < c; k++)
                    {
                        sum += Math.Exp(z[b * c + k] - max);
                    }

                    total += Math.Log(sum) + max - z[b * c + labels[b]];
                }

                return total / batch;
            }

            [Differentiable]
            public static double Halves(ReadOnlySpan<double> x)
            {
                double s = 0;
                for (int i = 0; i < 2 * x.Length; i++)
                {
                    s += x[i / 2] * x[x.Length - 1 - i / 2] * (i % 2 + 1);
                }

                return s;
            }

            public static double HalvesCheck(double[] x, double[] dX) => HalvesGradient(x, dX);

            public static double BatchedTwoLayerCheck(double[] w1, double[] b1, double[] w2, double[] b2, double[] x, double[] labels, double[] dW1, double[] dB1, double[] dW2, double[] dB2) =>
                BatchedTwoLayerGradient(w1, b1, w2, b2, x, labels.Select(l => (int)l).ToArray(), dW1, dB1, dW2, dB2);

            [Differentiable]
            public static double LogSumExp(ReadOnlySpan<double> x)
            {
                double max = x[0];
                for (int i = 1; i < x.Length; i++)
                {
                    max = Math.Max(max, x[i]);
                }

                double sum = 0;
                for (int i = 0; i < x.Length; i++)
                {
                    sum += Math.Exp(x[i] - max);
                }

                return max + Math.Log(sum);
            }

            [Differentiable]
            public static double CrossEntropy(ReadOnlySpan<double> logits, int target)
            {
                double max = double.NegativeInfinity;
                for (int i = 0; i < logits.Length; i++)
                {
                    if (logits[i] > max)
                    {
                        max = logits[i];
                    }
                }

                double sum = 0;
                for (int i = 0; i < logits.Length; i++)
                {
                    sum += Math.Exp(logits[i] - max);
                }

                return Math.Log(sum) + max - logits[target];
            }

            [Differentiable]
            public static double Product(ReadOnlySpan<double> x)
            {
                double p = 1;
                for (int i = 0; i < x.Length; i++)
                {
                    p *= x[i];
                }

                return p;
            }

            [Differentiable]
            public static double Recurrent(ReadOnlySpan<double> x, double w, double h0)
            {
                double h = h0;
                double total = 0;
                for (int i = 0; i < x.Length; i++)
                {
                    h = Math.Tanh(w * h + x[i]);
                    total += h * h;
                }

                return total + h;
            }

            [Differentiable]
            public static double BatchCrossEntropy(ReadOnlySpan<double> logits, ReadOnlySpan<int> targets, int classes)
            {
                double total = 0;
                for (int b = 0; b < targets.Length; b++)
                {
                    double max = double.NegativeInfinity;
                    for (int c = 0; c < classes; c++)
                    {
                        max = Math.Max(max, logits[b * classes + c]);
                    }

                    double sum = 0;
                    for (int c = 0; c < classes; c++)
                    {
                        sum += Math.Exp(logits[b * classes + c] - max);
                    }

                    total += Math.Log(sum) + max - logits[b * classes + targets[b]];
                }

                return total / targets.Length;
            }

            [Differentiable]
            public static float BatchCrossEntropyF(ReadOnlySpan<float> logits, int[] targets, int classes)
            {
                float total = 0;
                for (int b = 0; b < targets.Length; b++)
                {
                    float max = float.NegativeInfinity;
                    for (int c = 0; c < classes; c++)
                    {
                        max = MathF.Max(max, logits[b * classes + c]);
                    }

                    float sum = 0;
                    for (int c = 0; c < classes; c++)
                    {
                        sum += MathF.Exp(logits[b * classes + c] - max);
                    }

                    total += MathF.Log(sum) + max - logits[b * classes + targets[b]];
                }

                return total / targets.Length;
            }

            public static double BatchCrossEntropyCheck(double[] logits, double[] targets, double[] dLogits) =>
                BatchCrossEntropyGradient(logits, targets.Select(t => (int)t).ToArray(), dLogits.Length / targets.Length, dLogits);

            public static float BatchCrossEntropyFloat(float[] logits, int[] targets, float[] dLogits) =>
                BatchCrossEntropyFGradient(logits, targets, dLogits.Length / targets.Length, dLogits);

            [Differentiable]
            public static double FirstSquared(double[] x)
            {
                if (x.Length == 0)
                {
                    return 0;
                }

                return x[0] * x[0];
            }

            [Differentiable]
            public static double TwoRanges(double[] x, double[] y)
            {
                double d = 0;
                for (int i = 0; i < x.Length; i++)
                {
                    d += x[i] * y[i];
                }

                double e = 0;
                for (int i = 0; i < y.Length; i++)
                {
                    e += y[i] * y[i];
                }

                return d + e;
            }

            [Differentiable]
            public static double Shifted(ReadOnlySpan<double> x, int k)
            {
                double s = 0;
                for (int i = 0; i < x.Length - k; i++)
                {
                    s += Math.Tanh(Math.Exp(x[i + k])) + Math.Tanh(Math.Exp(x[i + k])) * x[i];
                }

                return s;
            }

            private const int Features = 3;

            [Differentiable(nameof(weights))]
            public static double RowsOfThree(ReadOnlySpan<double> weights, ReadOnlySpan<double> features, int rows)
            {
                double total = 0;
                for (int i = 0; i < rows; i++)
                {
                    double z = weights[Features];
                    for (int j = 0; j < Features; j++)
                    {
                        z += weights[j] * features[i * Features + j];
                    }

                    total += Math.Tanh(z) * features[3 * i + 2];
                }

                return total;
            }

            public static double RowsOfThreeCheck(double[] weights, double[] features, double[] dWeights) => RowsOfThreeGradient(weights, features, features.Length / Features, dWeights);

            [Differentiable(nameof(p))]
            public static double FlatNetwork(ReadOnlySpan<double> p, [NoDerivative] ReadOnlySpan<double> x)
            {
                // One flat parameter vector: W1 (2×3) at 0, b1 (2) at 6, w2 (2) at 8, b2 at 10.
                Span<double> h = stackalloc double[2];
                for (int j = 0; j < 2; j++)
                {
                    double acc = p[6 + j];
                    for (int i = 0; i < 3; i++)
                    {
                        acc += p[3 * j + i] * x[i];
                    }

                    h[j] = Math.Tanh(acc);
                }

                double o = p[10];
                for (int j = 0; j < 2; j++)
                {
                    o += p[8 + j] * h[j];
                }

                return o * o;
            }

            public static double FlatNetworkCheck(double[] p, double[] x, double[] dP) => FlatNetworkGradient(p, x, dP);

            [Differentiable(nameof(w))]
            public static double WeightsOnly(ReadOnlySpan<double> w, ReadOnlySpan<double> x, double bias)
            {
                double s = bias;
                for (int i = 0; i < x.Length; i++)
                {
                    s += Math.Tanh(w[i] * x[i]);
                }

                return s;
            }

            public static double WeightsOnlyCheck(double[] w, double[] x, double[] dW) => WeightsOnlyGradient(w, x, 0.5, dW);

            [Differentiable]
            public static double Mirrored(ReadOnlySpan<double> x)
            {
                double s = 0;
                for (int i = 0; i < x.Length; i++)
                {
                    s += x[i] * x[x.Length - 1 - i];
                }

                return s;
            }

            public static double MirroredCheck(double[] x, double[] dX) => MirroredGradient(x, dX);

            public static double BatchCrossEntropyRowsCheck(double[] logits, double[] targets, double[] classes, double[] dLogits) =>
                BatchCrossEntropyGradient(logits, targets.Select(t => (int)t).ToArray(), (int)classes[0], dLogits);

            public static double FirstSquaredCheck(double[] x, double[] dX) => FirstSquaredGradient(x, dX);

            public static double TwoRangesCheck(double[] x, double[] y, double[] dX, double[] dY) => TwoRangesGradient(x, y, dX, dY);

            public static double ShiftedCheck(double[] x, double[] k, double[] dX) => ShiftedGradient(x, (int)k[0], dX);

            public static double ProductCheck(double[] x, double[] dX) => ProductGradient(x, dX);

            public static double RecurrentCheck(double[] x, double[] w, double[] h0, double[] dX, double[] dW, double[] dH0)
            {
                var value = RecurrentGradient(x, w[0], h0[0], dX, out var dw, out var dh0);
                (dW[0], dH0[0]) = (dw, dh0);
                return value;
            }

            [Differentiable]
            public static double PickedLogSoftmax(ReadOnlySpan<double> logits, int target)
            {
                double max = double.NegativeInfinity;
                for (int i = 0; i < logits.Length; i++)
                {
                    max = Math.Max(max, logits[i]);
                }

                double sum = 0;
                for (int i = 0; i < logits.Length; i++)
                {
                    sum += Math.Exp(logits[i] - max);
                }

                Span<double> logSoftmax = stackalloc double[logits.Length];
                for (int i = 0; i < logits.Length; i++)
                {
                    logSoftmax[i] = logits[i] - max - Math.Log(sum);
                }

                return -logSoftmax[target];
            }

            public static double PickedLogSoftmaxCheck(double[] logits, double[] target, double[] dLogits) => PickedLogSoftmaxGradient(logits, (int)target[0], dLogits);

            public static double LogSumExpCheck(double[] x, double[] dX) => LogSumExpGradient(x, dX);

            public static double CrossEntropyCheck(double[] logits, double[] target, double[] dLogits) => CrossEntropyGradient(logits, (int)target[0], dLogits);

            public static double SumOfSquaresCheck(double[] x, double[] dX) => SumOfSquaresGradient(x, dX);

            public static double AffineCheck(double[] w, double[] x, double b, double[] dW, double[] dX, double[] dB)
            {
                var value = AffineGradient(w, x, b, dW, dX, out var db);
                dB[0] = db;
                return value;
            }

            public static double MeanSigmoidCheck(double[] x, double[] dX) => MeanSigmoidGradient(x, dX);

            public static double TwoLayerCheck(double[] w1, double[] b1, double[] w2, double[] b2, double[] x, double[] target, double[] dW1, double[] dB1, double[] dW2, double[] dB2) =>
                TwoLayerGradient(w1, b1, w2, b2, x, target, dW1, dB1, dW2, dB2);
        }
        """;

    private static readonly Lazy<Type> Nets = new(() =>
    {
        var run = GeneratorHarness.Run(Source);
        Assert.True(run.GeneratorDiagnostics.IsEmpty, string.Join("\n", run.GeneratorDiagnostics));
        Assert.True(run.CompilationErrors.IsEmpty, string.Join("\n", run.CompilationErrors) + "\n" + string.Join("\n", run.GeneratedSources.Select(s => s.Text)));
        return run.Load().GetType("Demo.Nets")!;
    });

    public static TheoryData<int> Lengths => [0, 1, 2, 7, 8, 17, 37];

    [Theory]
    [MemberData(nameof(Lengths))]
    public void SumOfSquares(int n)
    {
        var x = Random(n, 1);
        CheckAgainstDifferences("SumOfSquares", [x], [0]);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void DotProductWithScalarBias(int n)
    {
        CheckAgainstDifferences("Affine", [Random(n, 2), Random(n, 3), new[] { 0.3 }], [0, 1, 2], scalarInputs: [2]);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void MeanOfHandWrittenSigmoid(int n)
    {
        CheckAgainstDifferences("MeanSigmoid", [Random(n, 4)], [0]);
    }

    [Theory]
    [InlineData(3, 4, 2)]
    [InlineData(1, 1, 1)]
    [InlineData(9, 5, 3)]
    public void TwoLayerNetwork(int inputs, int hidden, int outputs)
    {
        double[][] arguments =
        [
            Random(hidden * inputs, 5), Random(hidden, 6), Random(outputs * hidden, 7), Random(outputs, 8),
            Random(inputs, 9), Random(outputs, 10),
        ];
        CheckAgainstDifferences("TwoLayer", arguments, [0, 1, 2, 3]);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void IntegerQuotientsAndRemaindersIndexAndCount(int n)
    {
        // Σ_i x[⌊i/2⌋]·x[n − 1 − ⌊i/2⌋]·(i mod 2 + 1) = 3·Σ_k x[k]·x[n − 1 − k].
        CheckAgainstDifferences("Halves", [Random(n, 45)], [0]);
    }

    [Theory]
    [InlineData(4, 3, 5, 2)]
    [InlineData(1, 1, 1, 1)]
    [InlineData(3, 9, 17, 4)]
    public void BatchedTwoLayerNetworkWithLayersWrittenRowByRow(int batch, int inputs, int hidden, int classes)
    {
        // h[b * m + j] and z[b * c + k] are written one row per iteration of the batch loop.
        var random = new Random(batch + inputs + hidden + classes);
        double[][] arguments =
        [
            Random(hidden * inputs, 40), Random(hidden, 41), Random(classes * hidden, 42), Random(classes, 43),
            Random(batch * inputs, 44), [.. Enumerable.Range(0, batch).Select(_ => (double)random.Next(classes))],
        ];
        CheckAgainstDifferences("BatchedTwoLayer", arguments, [0, 1, 2, 3]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(37)]
    public void LogSumExpWithRunningMaximumGivesSoftmax(int n)
    {
        var x = Random(n, 11);
        CheckAgainstDifferences("LogSumExp", [x], [0]);
        var gradient = new double[n];
        Nets.Value.GetMethod("LogSumExpCheck")!.Invoke(null, [x, gradient]);
        var sum = x.Sum(Math.Exp);
        Assert.All(Enumerable.Range(0, n), i => Assert.Equal(Math.Exp(x[i]) / sum, gradient[i], 12));
    }

    [Fact]
    public void CrossEntropyFromLogitsIsSoftmaxMinusOneHotAndStable()
    {
        var logits = new[] { 1000.0, -1000.0, 999.0, 0.5 };
        var gradient = new double[4];
        var check = Nets.Value.GetMethod("CrossEntropyCheck")!;
        var loss = (double)check.Invoke(null, [logits, new[] { 2.0 }, gradient])!;
        var softmax = new[] { 1 / (1 + Math.Exp(-1)), 0, Math.Exp(-1) / (1 + Math.Exp(-1)), 0 };
        Assert.Equal(Math.Log(1 + Math.Exp(-1)) + 1, loss, 12);
        Assert.Equal(softmax[0], gradient[0], 12);
        Assert.Equal(softmax[1], gradient[1], 12);
        Assert.Equal(softmax[2] - 1, gradient[2], 12);
        Assert.Equal(softmax[3], gradient[3], 12);
        CheckAgainstDifferences("CrossEntropy", [Random(6, 12), new[] { 4.0 }], [0]);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void RunningProductStoresItsSteps(int n)
    {
        CheckAgainstDifferences("Product", [Random(n, 13)], [0]);
    }

    [Fact]
    public void RunningProductWithAZero()
    {
        // p / x[i] would be 0/0 here; the stored prefix products give the exact answer.
        double[] x = [2, 0, 3, 5];
        var gradient = new double[4];
        Nets.Value.GetMethod("ProductCheck")!.Invoke(null, [x, gradient]);
        Assert.Equal([0, 30, 0, 0], gradient);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(9)]
    public void RecurrenceThroughTanh(int n)
    {
        CheckAgainstDifferences("Recurrent", [Random(n, 14), new[] { 0.8 }, new[] { -0.3 }], [0, 1, 2]);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 4)]
    [InlineData(5, 10)]
    public void BatchedCrossEntropyWithIntegerTargets(int batch, int classes)
    {
        var random = new Random(batch * 31 + classes);
        var targets = Enumerable.Range(0, batch).Select(_ => (double)random.Next(classes)).ToArray();
        CheckAgainstDifferences("BatchCrossEntropy", [Random(batch * classes, 15), targets], [0]);
    }

    [Theory]
    [InlineData(4, 3, 12)]
    [InlineData(4, 3, 17)]
    [InlineData(2, 5, 13)]
    [InlineData(3, 2, 6)]
    public void BatchedCrossEntropyReachesEveryElementItReads(int batch, int classes, int length)
    {
        // A target past its row's last class reads the next row's logit, and logits past the last row are not
        // read at all: the gradient must say so, however the element-by-element writes of a row are ordered.
        double[] targets = [.. Enumerable.Range(0, batch).Select(b => (double)(b % 2 == 1 && b * classes + classes + 1 < length ? classes + 1 : b % classes))];
        CheckAgainstDifferences("BatchCrossEntropyRows", [Random(length, 24), targets, [classes]], [0], scalarInputs: []);
    }

    [Fact]
    public void IndicesWithConstantStridesStayIntegers()
    {
        // features[i * Features + j] with a const int Features once became features[3.0 * i + j], which does not compile.
        CheckAgainstDifferences("RowsOfThree", [Random(4, 28), Random(12, 29)], [0]);
    }

    [Fact]
    public void FlatParameterVectorReachesEveryLayer()
    {
        // Every parameter of a two-layer network stored in one span gets its gradient, the first layer's included.
        CheckAgainstDifferences("FlatNetwork", [Random(11, 30), Random(3, 31)], [0]);
    }

    [Fact]
    public void WrtNamesASpanParameter()
    {
        // [Differentiable(nameof(w))] differentiates the span w only: WeightsOnlyGradient(w, x, bias, dW).
        CheckAgainstDifferences("WeightsOnly", [Random(9, 26), Random(9, 27)], [0]);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void ScatterToAnotherElementOfTheSameLoop(int n)
    {
        // dx[i] gets x[n − 1 − i] from iteration i and again from iteration n − 1 − i: neither may overwrite the other.
        CheckAgainstDifferences("Mirrored", [Random(n, 25)], [0]);
    }

    [Fact]
    public void FloatBatchedCrossEntropyAgreesWithDouble()
    {
        const int batch = 4;
        const int classes = 7;
        var logits = Random(batch * classes, 16).Select(v => (double)(float)(3 * v)).ToArray();
        int[] targets = [0, 6, 3, 3];
        var expected = new double[logits.Length];
        var value = (double)Nets.Value.GetMethod("BatchCrossEntropyCheck")!.Invoke(null, [logits, targets.Select(t => (double)t).ToArray(), expected])!;
        var actual = new float[logits.Length];
        var single = (float)Nets.Value.GetMethod("BatchCrossEntropyFloat")!.Invoke(null, [logits.Select(v => (float)v).ToArray(), targets, actual])!;
        Assert.Equal(value, single, 1e-5);
        Assert.All(Enumerable.Range(0, logits.Length), i => Assert.Equal(expected[i], actual[i], 1e-6));
    }

    [Fact]
    public void CrossEntropyAsLogSoftmaxAndPickIsSoftmaxMinusOneHot()
    {
        double[] logits = [1000, -1000, 999, 0.5];
        var gradient = new double[4];
        var loss = (double)Nets.Value.GetMethod("PickedLogSoftmaxCheck")!.Invoke(null, [logits, new[] { 2.0 }, gradient])!;
        var p0 = 1 / (1 + Math.Exp(-1));
        Assert.Equal(Math.Log(1 + Math.Exp(-1)) + 1, loss, 12);
        double[] expected = [p0, 0, (1 - p0) - 1, 0];
        Assert.All(Enumerable.Range(0, 4), i => Assert.Equal(expected[i], gradient[i], 12));
        CheckAgainstDifferences("PickedLogSoftmax", [Random(5, 17), new[] { 3.0 }], [0]);
    }

    [Fact]
    public void ElementReadBehindAnEarlyReturnIsNotTouchedWhenTheSpanIsEmpty()
    {
        var check = Nets.Value.GetMethod("FirstSquaredCheck")!;
        Assert.Equal(0.0, (double)check.Invoke(null, [Array.Empty<double>(), Array.Empty<double>()])!);
        CheckAgainstDifferences("FirstSquared", [Random(3, 18)], [0]);
    }

    [Fact]
    public void LoopsOverDifferentLengthsAllReachTheSameGradient()
    {
        // y's gradient comes from a loop over x.Length and one over y.Length: neither may overwrite the other.
        CheckAgainstDifferences("TwoRanges", [Random(3, 19), Random(3, 20)], [0, 1]);
        CheckAgainstDifferences("TwoRanges", [Random(2, 21), Random(5, 22)], [0, 1]);
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(6, 2)]
    [InlineData(9, 0)]
    public void LoopThatMayRunZeroTimesStoresNothingNegative(int n, int k)
    {
        CheckAgainstDifferences("Shifted", [Random(n, 23), new double[] { k }], [0]);
    }

    [Fact]
    public void CrossEntropyGradientIsSoftmaxMinusOneHot()
    {
        var run = GeneratorHarness.Run(Source);
        var generated = run.GeneratedFor("CrossEntropy");
        Snapshot.Match(generated);

        // One pass writes e/Σe (the softmax) into every element, then one element takes the −1.
        Assert.Contains("dLogits[i] = ", generated, StringComparison.Ordinal);
        Assert.Contains("dLogits[target] += -1;", generated, StringComparison.Ordinal);
    }

    [Fact]
    public void BatchedLayersBecomeMatrixProducts()
    {
        var run = GeneratorHarness.Run(Source);
        var generated = run.GeneratedFor("BatchedTwoLayer");
        Snapshot.Match(generated);

        // Both layers' pre-activations (X·W1ᵀ, H·W2ᵀ), both weight gradients (dZᵀ·X) and the hidden layer's
        // gradient (dZ·W2) are kernel calls; what is left are elementwise loops over each row, without a division.
        Assert.Equal(2, Occurrences(generated, "VectorMath.MultiplyTransposed("));
        Assert.Equal(2, Occurrences(generated, "VectorMath.AddTransposedMultiply("));
        Assert.Equal(1, Occurrences(generated, "VectorMath.AddMultiply("));
        Assert.DoesNotContain(" % ", generated, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongGradientLengthNamesTheOutput()
    {
        var check = Nets.Value.GetMethod("SumOfSquaresCheck")!;
        var error = Assert.Throws<TargetInvocationException>(() => check.Invoke(null, [new double[3], new double[2]]));
        Assert.Equal("dX", Assert.IsType<ArgumentException>(error.InnerException).ParamName);
    }

    /// <summary>
    /// Calls <c>{name}Check</c> with the arguments and one output array per differentiable argument,
    /// and compares every element of every output with a central difference of <c>{name}</c>'s value.
    /// </summary>
    private static void CheckAgainstDifferences(string name, double[][] arguments, int[] differentiable, int[]? scalarInputs = null)
    {
        var check = Nets.Value.GetMethod(name + "Check")!;
        object Argument(double[] a, int i) => scalarInputs?.Contains(i) == true ? a[0] : a;
        double Value(double[][] args) =>
            (double)check.Invoke(null, args.Select(Argument).Concat(differentiable.Select(d => (object)new double[args[d].Length])).ToArray())!;

        // Outputs start as NaN: every element must be written, none merely added to.
        var outputs = differentiable.Select(d => Enumerable.Repeat(double.NaN, arguments[d].Length).ToArray()).ToArray();
        check.Invoke(null, arguments.Select(Argument).Concat(outputs).ToArray());
        for (var k = 0; k < differentiable.Length; k++)
        {
            var d = differentiable[k];
            for (var i = 0; i < arguments[d].Length; i++)
            {
                const double h = 1e-5;
                var saved = arguments[d][i];
                arguments[d][i] = saved + h;
                var up = Value(arguments);
                arguments[d][i] = saved - h;
                var down = Value(arguments);
                arguments[d][i] = saved;
                var expected = (up - down) / (2 * h);
                Assert.True(
                    Math.Abs(outputs[k][i] - expected) <= 1e-6 * Math.Max(1, Math.Abs(expected)),
                    $"{name}: ∂/∂arg{d}[{i}] generated {outputs[k][i]:R}, central difference {expected:R}");
            }
        }
    }

    private static int Occurrences(string text, string part) => (text.Length - text.Replace(part, string.Empty, StringComparison.Ordinal).Length) / part.Length;

    private static double[] Random(int n, int seed)
    {
        var random = new Random(seed * 1000 + n);
        return Enumerable.Range(0, n).Select(_ => (random.NextDouble() * 2) - 1).ToArray();
    }
}
