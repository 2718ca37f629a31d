using System;

namespace SymGrad.Benchmarks.HandWritten;

/// <summary>
/// W4 written by hand: Adam on Himmelblau's function with the gradient derived on paper and the optimizer state in
/// locals, PyTorch 1.13's update in its operation order (so both sides walk the same trajectory).
/// </summary>
public static class HimmelblauAdam
{
    /// <summary>Runs <paramref name="steps"/> Adam steps from (<paramref name="x"/>, <paramref name="y"/>) and returns the end point.</summary>
    public static (double X, double Y) Run(double x, double y, int steps, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8)
    {
        double mx = 0, my = 0, vx = 0, vy = 0;
        for (int step = 1; step <= steps; step++)
        {
            double a = x * x + y - 11, b = x + y * y - 7;
            double gx = 4 * x * a + 2 * b, gy = 2 * a + 4 * y * b;
            mx = mx * beta1 + gx * (1 - beta1);
            my = my * beta1 + gy * (1 - beta1);
            vx = vx * beta2 + gx * gx * (1 - beta2);
            vy = vy * beta2 + gy * gy * (1 - beta2);
            double correction1 = 1 - Math.Pow(beta1, step), correction2 = 1 - Math.Pow(beta2, step);
            double stepSize = lr / correction1, root2 = Math.Sqrt(correction2);
            x -= stepSize * (mx / (Math.Sqrt(vx) / root2 + eps));
            y -= stepSize * (my / (Math.Sqrt(vy) / root2 + eps));
        }

        return (x, y);
    }

    /// <inheritdoc cref="Run(double, double, int, double, double, double, double)"/>
    public static (float X, float Y) Run(float x, float y, int steps, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8)
    {
        float mx = 0, my = 0, vx = 0, vy = 0;
        float b1 = (float)beta1, b2 = (float)beta2, c1 = (float)(1 - beta1), c2 = (float)(1 - beta2), e = (float)eps;
        for (int step = 1; step <= steps; step++)
        {
            float a = x * x + y - 11, b = x + y * y - 7;
            float gx = 4 * x * a + 2 * b, gy = 2 * a + 4 * y * b;
            mx = mx * b1 + gx * c1;
            my = my * b1 + gy * c1;
            vx = vx * b2 + gx * gx * c2;
            vy = vy * b2 + gy * gy * c2;
            float stepSize = (float)(lr / (1 - Math.Pow(beta1, step))), root2 = (float)Math.Sqrt(1 - Math.Pow(beta2, step));
            x -= stepSize * (mx / (MathF.Sqrt(vx) / root2 + e));
            y -= stepSize * (my / (MathF.Sqrt(vy) / root2 + e));
        }

        return (x, y);
    }
}
