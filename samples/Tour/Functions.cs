using System;
using SymGrad;

namespace Tour;

/// <summary>
/// Ordinary C# math. The generator adds <c>SigmoidDerivative</c>, <c>TanhDerivative</c>,
/// <c>SoftplusDerivative</c>, <c>FGradient</c>, <c>SoftmaxBackward</c>, <c>SoftmaxJacobian</c> and
/// <c>CrossEntropyGradient</c> (plus span forms of the one-variable functions) to this type.
/// </summary>
public static partial class Functions
{
    /// <summary>The logistic function, written the textbook way; the generator recognizes it as sigmoid.</summary>
    [Differentiable]
    public static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    /// <summary>Hyperbolic tangent.</summary>
    [Differentiable]
    public static double Tanh(double x) => Math.Tanh(x);

    /// <summary>Softplus, log(1 + eˣ); its derivative is sigmoid.</summary>
    [Differentiable]
    public static double Softplus(double x) => Math.Log(1 + Math.Exp(x));

    /// <summary>A function of two variables: f(x, y) = x²·y + sin(y).</summary>
    [Differentiable]
    public static double F(double x, double y) => x * x * y + Math.Sin(y);

    /// <summary>Softmax with the usual max shift; the generator adds SoftmaxBackward and SoftmaxJacobian.</summary>
    [Differentiable]
    public static void Softmax(ReadOnlySpan<double> x, Span<double> y)
    {
        double max = double.NegativeInfinity;
        for (int i = 0; i < x.Length; i++)
        {
            max = Math.Max(max, x[i]);
        }

        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sum += Math.Exp(x[i] - max);
        }

        for (int i = 0; i < x.Length; i++)
        {
            y[i] = Math.Exp(x[i] - max) / sum;
        }
    }

    /// <summary>Cross-entropy of logits against a class; the generator adds CrossEntropyGradient.</summary>
    [Differentiable]
    public static double CrossEntropy(ReadOnlySpan<double> logits, int target)
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

        return Math.Log(sum) + max - logits[target];
    }
}
