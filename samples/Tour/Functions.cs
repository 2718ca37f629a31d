using System;
using SymGrad;

namespace Tour;

/// <summary>
/// Ordinary C# math. The generator adds <c>SigmoidDerivative</c>, <c>TanhDerivative</c>,
/// <c>SoftplusDerivative</c> and <c>FGradient</c> (plus the matching <c>…Gradient</c> members) to this type.
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
}
