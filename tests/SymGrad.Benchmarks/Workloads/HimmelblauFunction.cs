namespace SymGrad.Benchmarks;

/// <summary>W4's Himmelblau function, written the natural way in float64 and float32; the generator adds the gradients.</summary>
public static partial class HimmelblauFunction
{
    /// <summary>f(x, y) = (x² + y − 11)² + (x + y² − 7)².</summary>
    [Differentiable]
    public static double Himmelblau(double x, double y)
    {
        double a = x * x + y - 11;
        double b = x + y * y - 7;
        return a * a + b * b;
    }

    /// <inheritdoc cref="Himmelblau(double, double)"/>
    [Differentiable]
    public static float HimmelblauSingle(float x, float y)
    {
        float a = x * x + y - 11;
        float b = x + y * y - 7;
        return a * a + b * b;
    }
}
