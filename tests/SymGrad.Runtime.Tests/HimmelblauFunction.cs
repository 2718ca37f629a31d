using System;

namespace SymGrad.Runtime.Tests;

/// <summary>Himmelblau's function, differentiated by the generator (<c>HimmelblauGradient</c>).</summary>
internal static partial class HimmelblauFunction
{
    /// <summary>(x² + y − 11)² + (x + y² − 7)²; its four minima are 0.</summary>
    [Differentiable]
    public static double Himmelblau(ReadOnlySpan<double> p)
    {
        var a = (p[0] * p[0]) + p[1] - 11;
        var b = p[0] + (p[1] * p[1]) - 7;
        return (a * a) + (b * b);
    }
}
