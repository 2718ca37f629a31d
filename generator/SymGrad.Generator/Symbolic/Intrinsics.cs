using System;

namespace SymGrad.Generator.Symbolic;

/// <summary>Numeric evaluation of intrinsics, for constant folding.</summary>
internal static class Intrinsics
{
    public static double Evaluate(Function function, double[] a) => function switch
    {
        Function.Exp => Math.Exp(a[0]),
        Function.Log => Math.Log(a[0]),
        Function.Log2 => Math.Log(a[0]) / Math.Log(2),
        Function.Log10 => Math.Log10(a[0]),
        Function.Log1P => Log1P(a[0]),
        Function.Sqrt => Math.Sqrt(a[0]),
        Function.Cbrt => Math.Sign(a[0]) * Math.Pow(Math.Abs(a[0]), 1.0 / 3),
        Function.Abs => Math.Abs(a[0]),
        Function.Sin => Math.Sin(a[0]),
        Function.Cos => Math.Cos(a[0]),
        Function.Tan => Math.Tan(a[0]),
        Function.Asin => Math.Asin(a[0]),
        Function.Acos => Math.Acos(a[0]),
        Function.Atan => Math.Atan(a[0]),
        Function.Sinh => Math.Sinh(a[0]),
        Function.Cosh => Math.Cosh(a[0]),
        Function.Tanh => Math.Tanh(a[0]),
        Function.Asinh => Math.Log(a[0] + Math.Sqrt((a[0] * a[0]) + 1)),
        Function.Acosh => Math.Log(a[0] + Math.Sqrt((a[0] * a[0]) - 1)),
        Function.Atanh => 0.5 * Math.Log((1 + a[0]) / (1 - a[0])),
        Function.Sigmoid => 1 / (1 + Math.Exp(-a[0])),
        Function.Softplus => Math.Max(a[0], 0) + Log1P(Math.Exp(-Math.Abs(a[0]))),
        Function.Max => Math.Max(a[0], a[1]),
        Function.Min => Math.Min(a[0], a[1]),
        Function.Clamp => Math.Min(Math.Max(a[0], a[1]), a[2]),
        Function.Atan2 => Math.Atan2(a[0], a[1]),
        Function.Quotient => a[1] == 0 ? double.NaN : Math.Truncate(a[0] / a[1]),
        Function.Remainder => a[0] % a[1],
        _ => double.NaN,
    };

    /// <summary>
    /// ln(1 + x) to within about an ulp, tiny x included: ln u for u = 1 + x rounded, plus the rounding error of u
    /// (x − (u − 1), exact) over u. Where 1 + x rounds to 1, ln(1 + x) rounds to x; ln(1 + (−1)) = −∞ and ln(1 + ∞) = ∞,
    /// where the correction would be NaN. (netstandard2.0 has no log1p; .NET's <c>double.LogP1</c> is ln(1 + x) as written.)
    /// </summary>
    public static double Log1P(double x)
    {
        var u = 1 + x;
        if (u == 1)
        {
            return x;
        }

        var log = Math.Log(u);
        return u == 0 || double.IsInfinity(u) ? log : log + ((x - (u - 1)) / u);
    }

    public static bool Compare(Comparison comparison, double left, double right) => comparison switch
    {
        Comparison.Less => left < right,
        Comparison.LessOrEqual => left <= right,
        Comparison.Greater => left > right,
        Comparison.GreaterOrEqual => left >= right,
        Comparison.Equal => left == right,
        _ => left != right,
    };
}
