using System.Runtime.Intrinsics;

namespace SymGrad;

public static partial class VectorMath
{
    /// <summary>
    /// The largest element of <paramref name="x"/>, exactly as folding <see cref="System.MathF.Max(float, float)"/> over
    /// the elements gives it: NaN if any element is NaN, and +0 above −0.
    /// </summary>
    public static float MaxAcross(Vector256<float> x)
    {
        var half = Vector128.Max(x.GetLower(), x.GetUpper());
        var pairs = Vector128.Max(half, Vector128.Shuffle(half, Vector128.Create(2, 3, 0, 1)));
        return Vector128.Max(pairs, Vector128.Shuffle(pairs, Vector128.Create(1, 0, 3, 2))).ToScalar();
    }

    /// <inheritdoc cref="MaxAcross(Vector256{float})"/>
    public static float MaxAcross(Vector512<float> x) => MaxAcross(Vector256.Max(x.GetLower(), x.GetUpper()));

    /// <summary>
    /// The largest element of <paramref name="x"/>, exactly as folding <see cref="System.Math.Max(double, double)"/> over
    /// the elements gives it: NaN if any element is NaN, and +0 above −0.
    /// </summary>
    public static double MaxAcross(Vector256<double> x)
    {
        var half = Vector128.Max(x.GetLower(), x.GetUpper());
        return Vector128.Max(half, Vector128.Shuffle(half, Vector128.Create(1L, 0L))).ToScalar();
    }

    /// <inheritdoc cref="MaxAcross(Vector256{double})"/>
    public static double MaxAcross(Vector512<double> x) => MaxAcross(Vector256.Max(x.GetLower(), x.GetUpper()));

    /// <summary>
    /// The smallest element of <paramref name="x"/>, exactly as folding <see cref="System.MathF.Min(float, float)"/> over
    /// the elements gives it: NaN if any element is NaN, and −0 below +0.
    /// </summary>
    public static float MinAcross(Vector256<float> x)
    {
        var half = Vector128.Min(x.GetLower(), x.GetUpper());
        var pairs = Vector128.Min(half, Vector128.Shuffle(half, Vector128.Create(2, 3, 0, 1)));
        return Vector128.Min(pairs, Vector128.Shuffle(pairs, Vector128.Create(1, 0, 3, 2))).ToScalar();
    }

    /// <inheritdoc cref="MinAcross(Vector256{float})"/>
    public static float MinAcross(Vector512<float> x) => MinAcross(Vector256.Min(x.GetLower(), x.GetUpper()));

    /// <summary>
    /// The smallest element of <paramref name="x"/>, exactly as folding <see cref="System.Math.Min(double, double)"/> over
    /// the elements gives it: NaN if any element is NaN, and −0 below +0.
    /// </summary>
    public static double MinAcross(Vector256<double> x)
    {
        var half = Vector128.Min(x.GetLower(), x.GetUpper());
        return Vector128.Min(half, Vector128.Shuffle(half, Vector128.Create(1L, 0L))).ToScalar();
    }

    /// <inheritdoc cref="MinAcross(Vector256{double})"/>
    public static double MinAcross(Vector512<double> x) => MinAcross(Vector256.Min(x.GetLower(), x.GetUpper()));
}
