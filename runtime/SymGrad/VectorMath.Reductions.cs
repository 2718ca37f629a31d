using System.Runtime.Intrinsics;

namespace SymGrad;

public static partial class VectorMath
{
    // The extremes across lanes use the processor's own max and min, which may drop a NaN and may order −0 and +0
    // either way; a result that could be affected (a NaN lane, or an extreme of zero) is computed again by folding
    // Math.Max or Math.Min over the lanes, so every result is exactly the fold's.

    /// <summary>
    /// The largest element of <paramref name="x"/>, exactly as folding <see cref="System.MathF.Max(float, float)"/> over
    /// the elements gives it: NaN if any element is NaN, and +0 above −0.
    /// </summary>
    public static float MaxAcross(Vector256<float> x)
    {
        var max = NativeMaxAcross(x);
        return max != 0 && Vector256.EqualsAll(x, x) ? max : Fold(x, max: true);
    }

    /// <inheritdoc cref="MaxAcross(Vector256{float})"/>
    public static float MaxAcross(Vector512<float> x)
    {
        var max = NativeMaxAcross(Vector256.MaxNative(x.GetLower(), x.GetUpper()));
        return max != 0 && Vector512.EqualsAll(x, x) ? max : System.MathF.Max(Fold(x.GetLower(), max: true), Fold(x.GetUpper(), max: true));
    }

    /// <summary>
    /// The largest element of <paramref name="x"/>, exactly as folding <see cref="System.Math.Max(double, double)"/> over
    /// the elements gives it: NaN if any element is NaN, and +0 above −0.
    /// </summary>
    public static double MaxAcross(Vector256<double> x)
    {
        var max = NativeMaxAcross(x);
        return max != 0 && Vector256.EqualsAll(x, x) ? max : Fold(x, max: true);
    }

    /// <inheritdoc cref="MaxAcross(Vector256{double})"/>
    public static double MaxAcross(Vector512<double> x)
    {
        var max = NativeMaxAcross(Vector256.MaxNative(x.GetLower(), x.GetUpper()));
        return max != 0 && Vector512.EqualsAll(x, x) ? max : System.Math.Max(Fold(x.GetLower(), max: true), Fold(x.GetUpper(), max: true));
    }

    /// <summary>
    /// The smallest element of <paramref name="x"/>, exactly as folding <see cref="System.MathF.Min(float, float)"/> over
    /// the elements gives it: NaN if any element is NaN, and −0 below +0.
    /// </summary>
    public static float MinAcross(Vector256<float> x)
    {
        var min = NativeMinAcross(x);
        return min != 0 && Vector256.EqualsAll(x, x) ? min : Fold(x, max: false);
    }

    /// <inheritdoc cref="MinAcross(Vector256{float})"/>
    public static float MinAcross(Vector512<float> x)
    {
        var min = NativeMinAcross(Vector256.MinNative(x.GetLower(), x.GetUpper()));
        return min != 0 && Vector512.EqualsAll(x, x) ? min : System.MathF.Min(Fold(x.GetLower(), max: false), Fold(x.GetUpper(), max: false));
    }

    /// <summary>
    /// The smallest element of <paramref name="x"/>, exactly as folding <see cref="System.Math.Min(double, double)"/> over
    /// the elements gives it: NaN if any element is NaN, and −0 below +0.
    /// </summary>
    public static double MinAcross(Vector256<double> x)
    {
        var min = NativeMinAcross(x);
        return min != 0 && Vector256.EqualsAll(x, x) ? min : Fold(x, max: false);
    }

    /// <inheritdoc cref="MinAcross(Vector256{double})"/>
    public static double MinAcross(Vector512<double> x)
    {
        var min = NativeMinAcross(Vector256.MinNative(x.GetLower(), x.GetUpper()));
        return min != 0 && Vector512.EqualsAll(x, x) ? min : System.Math.Min(Fold(x.GetLower(), max: false), Fold(x.GetUpper(), max: false));
    }

    private static float NativeMaxAcross(Vector256<float> x)
    {
        var half = Vector128.MaxNative(x.GetLower(), x.GetUpper());
        var pairs = Vector128.MaxNative(half, Vector128.Shuffle(half, Vector128.Create(2, 3, 0, 1)));
        return Vector128.MaxNative(pairs, Vector128.Shuffle(pairs, Vector128.Create(1, 0, 3, 2))).ToScalar();
    }

    private static double NativeMaxAcross(Vector256<double> x)
    {
        var half = Vector128.MaxNative(x.GetLower(), x.GetUpper());
        return Vector128.MaxNative(half, Vector128.Shuffle(half, Vector128.Create(1L, 0L))).ToScalar();
    }

    private static float NativeMinAcross(Vector256<float> x)
    {
        var half = Vector128.MinNative(x.GetLower(), x.GetUpper());
        var pairs = Vector128.MinNative(half, Vector128.Shuffle(half, Vector128.Create(2, 3, 0, 1)));
        return Vector128.MinNative(pairs, Vector128.Shuffle(pairs, Vector128.Create(1, 0, 3, 2))).ToScalar();
    }

    private static double NativeMinAcross(Vector256<double> x)
    {
        var half = Vector128.MinNative(x.GetLower(), x.GetUpper());
        return Vector128.MinNative(half, Vector128.Shuffle(half, Vector128.Create(1L, 0L))).ToScalar();
    }

    private static float Fold(Vector256<float> x, bool max)
    {
        var result = x[0];
        for (var k = 1; k < Vector256<float>.Count; k++)
        {
            result = max ? System.MathF.Max(result, x[k]) : System.MathF.Min(result, x[k]);
        }

        return result;
    }

    private static double Fold(Vector256<double> x, bool max)
    {
        var result = x[0];
        for (var k = 1; k < Vector256<double>.Count; k++)
        {
            result = max ? System.Math.Max(result, x[k]) : System.Math.Min(result, x[k]);
        }

        return result;
    }
}
