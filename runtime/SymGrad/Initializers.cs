using System;
using System.Globalization;
using System.Numerics;

namespace SymGrad;

/// <summary>
/// Weight initializers with <c>torch.nn.init</c> semantics: Xavier (Glorot) and Kaiming (He), uniform and normal, in
/// double and float, and <see cref="CalculateGain(Nonlinearity, double?)"/> with PyTorch's table.
/// </summary>
/// <remarks>
/// <para>
/// A tensor is a flat row-major span with its shape beside it, since the fans depend on the shape: for a shape
/// (out, in, k₁, k₂, …), fan-in = in·k₁·k₂·… and fan-out = out·k₁·k₂·…, as PyTorch's
/// <c>_calculate_fan_in_and_fan_out</c> (a linear layer's weight is (out, in), a 2-D convolution's (out, in, kH, kW)).
/// </para>
/// <para>
/// The scales are computed with PyTorch's formulas in PyTorch's order of operations, so they equal PyTorch's bit for
/// bit. The values come from the <see cref="Random"/> passed in: a <c>new Random(seed)</c> gives the same values for the
/// same seed on every run. They are not PyTorch's values (PyTorch's generator is another stream); uniform values lie
/// in [−bound, bound], normal values are drawn by the Box–Muller transform in double (float tensors get each value
/// rounded to float).
/// </para>
/// </remarks>
public static class Initializers
{
    /// <summary>The default negative slope of leaky ReLU in <see cref="CalculateGain(Nonlinearity, double?)"/>.</summary>
    private const double DefaultNegativeSlope = 0.01;

    /// <summary>The recommended gain for a nonlinearity, as <c>torch.nn.init.calculate_gain</c>.</summary>
    /// <remarks>
    /// 1 for <see cref="Nonlinearity.Linear"/>, the convolutions and <see cref="Nonlinearity.Sigmoid"/>; 5/3 for
    /// <see cref="Nonlinearity.Tanh"/>; √2 for <see cref="Nonlinearity.Relu"/>; √(2 / (1 + slope²)) for
    /// <see cref="Nonlinearity.LeakyRelu"/>; 3/4 for <see cref="Nonlinearity.Selu"/>.
    /// </remarks>
    /// <param name="nonlinearity">The layer or nonlinearity.</param>
    /// <param name="param">Leaky ReLU's negative slope (0.01 when null); ignored by every other nonlinearity, as in PyTorch.</param>
    /// <returns>The gain.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="nonlinearity"/> is not a defined value, or the slope of leaky ReLU is not finite.</exception>
    public static double CalculateGain(Nonlinearity nonlinearity, double? param = null)
    {
        switch (nonlinearity)
        {
            case Nonlinearity.Linear:
            case Nonlinearity.Conv1d:
            case Nonlinearity.Conv2d:
            case Nonlinearity.Conv3d:
            case Nonlinearity.ConvTranspose1d:
            case Nonlinearity.ConvTranspose2d:
            case Nonlinearity.ConvTranspose3d:
            case Nonlinearity.Sigmoid:
                return 1;
            case Nonlinearity.Tanh:
                return 5.0 / 3;
            case Nonlinearity.Relu:
                return Math.Sqrt(2.0);
            case Nonlinearity.LeakyRelu:
                double slope = param ?? DefaultNegativeSlope;
                if (!double.IsFinite(slope))
                {
                    throw new ArgumentOutOfRangeException(nameof(param), slope, "The negative slope of leaky ReLU must be finite.");
                }

                return Math.Sqrt(2.0 / (1 + (slope * slope)));
            case Nonlinearity.Selu:
                return 3.0 / 4;
            default:
                throw new ArgumentOutOfRangeException(nameof(nonlinearity), nonlinearity, "Not a nonlinearity of PyTorch's gain table.");
        }
    }

    /// <summary>The fan-in and fan-out of a tensor of the given shape, as PyTorch's <c>_calculate_fan_in_and_fan_out</c>.</summary>
    /// <param name="shape">The shape (out, in, k₁, k₂, …): at least two dimensions, none negative.</param>
    /// <returns>in·k₁·k₂·… and out·k₁·k₂·….</returns>
    /// <exception cref="ArgumentException"><paramref name="shape"/> has fewer than two dimensions, a negative dimension, or a fan above <see cref="int.MaxValue"/>.</exception>
    public static (int FanIn, int FanOut) CalculateFanInAndFanOut(ReadOnlySpan<int> shape)
    {
        ValidateShape(shape);
        double receptiveField = 1;
        for (int i = 2; i < shape.Length; i++)
        {
            receptiveField *= shape[i];
        }

        // In double the product is exact up to 2⁵³, far beyond the int range it is checked against, and a zero anywhere gives 0.
        return (Fan(shape[1] * receptiveField, shape), Fan(shape[0] * receptiveField, shape));
    }

    /// <summary>The standard deviation of <see cref="XavierNormal(Span{double}, ReadOnlySpan{int}, Random, double)"/>: gain·√(2 / (fan-in + fan-out)).</summary>
    /// <param name="shape">The tensor's shape, at least two dimensions.</param>
    /// <param name="gain">The scale factor, finite and not negative.</param>
    /// <returns>The standard deviation PyTorch's <c>xavier_normal_</c> uses.</returns>
    /// <exception cref="ArgumentException"><paramref name="shape"/> is not a shape with fans, or both fans are 0; <paramref name="gain"/> is negative or not finite.</exception>
    public static double XavierNormalStd(ReadOnlySpan<int> shape, double gain = 1)
    {
        ValidateGain(gain);
        (int fanIn, int fanOut) = CalculateFanInAndFanOut(shape);
        if (fanIn + (long)fanOut == 0)
        {
            throw new ArgumentException("Both fans are 0, so the Xavier scale divides by zero.", nameof(shape));
        }

        return gain * Math.Sqrt(2.0 / (fanIn + (double)fanOut));
    }

    /// <summary>The bound of <see cref="XavierUniform(Span{double}, ReadOnlySpan{int}, Random, double)"/>: gain·√(6 / (fan-in + fan-out)), computed as √3·std.</summary>
    /// <param name="shape">The tensor's shape, at least two dimensions.</param>
    /// <param name="gain">The scale factor, finite and not negative.</param>
    /// <returns>The bound PyTorch's <c>xavier_uniform_</c> uses.</returns>
    /// <exception cref="ArgumentException"><paramref name="shape"/> is not a shape with fans, or both fans are 0; <paramref name="gain"/> is negative or not finite.</exception>
    public static double XavierUniformBound(ReadOnlySpan<int> shape, double gain = 1) => Math.Sqrt(3.0) * XavierNormalStd(shape, gain);

    /// <summary>The standard deviation of <see cref="KaimingNormal(Span{double}, ReadOnlySpan{int}, Random, double, FanMode, Nonlinearity)"/>: gain / √fan.</summary>
    /// <param name="shape">The tensor's shape, at least two dimensions, the fan of <paramref name="mode"/> not 0.</param>
    /// <param name="a">The negative slope of leaky ReLU (used only for <see cref="Nonlinearity.LeakyRelu"/>); 0 makes its gain √2.</param>
    /// <param name="mode">Which fan to scale by.</param>
    /// <param name="nonlinearity">The nonlinearity that follows, for <see cref="CalculateGain(Nonlinearity, double?)"/>.</param>
    /// <returns>The standard deviation PyTorch's <c>kaiming_normal_</c> uses.</returns>
    /// <exception cref="ArgumentException"><paramref name="shape"/> is not a shape with fans, or the fan of <paramref name="mode"/> is 0; <paramref name="a"/>, <paramref name="mode"/> or <paramref name="nonlinearity"/> is out of range.</exception>
    public static double KaimingNormalStd(ReadOnlySpan<int> shape, double a = 0, FanMode mode = FanMode.FanIn, Nonlinearity nonlinearity = Nonlinearity.LeakyRelu)
    {
        (int fanIn, int fanOut) = CalculateFanInAndFanOut(shape);
        int fan = mode switch
        {
            FanMode.FanIn => fanIn,
            FanMode.FanOut => fanOut,
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Not a fan mode."),
        };
        double gain = nonlinearity == Nonlinearity.LeakyRelu ? LeakyReluGain(a) : CalculateGain(nonlinearity);
        if (fan == 0)
        {
            throw new ArgumentException($"The {(mode == FanMode.FanIn ? "fan-in" : "fan-out")} of the shape ({Format(shape)}) is 0, so the Kaiming scale divides by zero (PyTorch leaves such a zero-element tensor as it is).", nameof(shape));
        }

        return gain / Math.Sqrt(fan);
    }

    /// <summary>The bound of <see cref="KaimingUniform(Span{double}, ReadOnlySpan{int}, Random, double, FanMode, Nonlinearity)"/>: gain·√(3 / fan), computed as √3·std.</summary>
    /// <param name="shape">The tensor's shape, at least two dimensions, the fan of <paramref name="mode"/> not 0.</param>
    /// <param name="a">The negative slope of leaky ReLU (used only for <see cref="Nonlinearity.LeakyRelu"/>); 0 makes its gain √2.</param>
    /// <param name="mode">Which fan to scale by.</param>
    /// <param name="nonlinearity">The nonlinearity that follows, for <see cref="CalculateGain(Nonlinearity, double?)"/>.</param>
    /// <returns>The bound PyTorch's <c>kaiming_uniform_</c> uses.</returns>
    /// <exception cref="ArgumentException"><paramref name="shape"/> is not a shape with fans, or the fan of <paramref name="mode"/> is 0; <paramref name="a"/>, <paramref name="mode"/> or <paramref name="nonlinearity"/> is out of range.</exception>
    public static double KaimingUniformBound(ReadOnlySpan<int> shape, double a = 0, FanMode mode = FanMode.FanIn, Nonlinearity nonlinearity = Nonlinearity.LeakyRelu) =>
        Math.Sqrt(3.0) * KaimingNormalStd(shape, a, mode, nonlinearity);

    /// <summary>Fills a tensor with values from U(−bound, bound), bound = gain·√(6 / (fan-in + fan-out)), as <c>torch.nn.init.xavier_uniform_</c>.</summary>
    /// <param name="tensor">The tensor, row-major; its length is the product of <paramref name="shape"/>.</param>
    /// <param name="shape">The tensor's shape (out, in, k₁, …), at least two dimensions.</param>
    /// <param name="random">The random source; seed it for reproducible values.</param>
    /// <param name="gain">The scale factor, e.g. <see cref="CalculateGain(Nonlinearity, double?)"/>.</param>
    /// <exception cref="ArgumentException">The shape has fewer than two dimensions or does not match the tensor's length, both fans are 0, or <paramref name="gain"/> is negative or not finite.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="random"/> is null.</exception>
    public static void XavierUniform(Span<double> tensor, ReadOnlySpan<int> shape, Random random, double gain = 1) 
    {
        Validate(tensor.Length, shape, random);
        FillUniform(tensor, random, XavierUniformBound(shape, gain));
    }

    /// <summary>Fills a tensor with values from U(−bound, bound), bound = gain·√(6 / (fan-in + fan-out)), as <c>torch.nn.init.xavier_uniform_</c>.</summary>
    /// <param name="tensor">The tensor, row-major; its length is the product of <paramref name="shape"/>.</param>
    /// <param name="shape">The tensor's shape (out, in, k₁, …), at least two dimensions.</param>
    /// <param name="random">The random source; seed it for reproducible values.</param>
    /// <param name="gain">The scale factor, e.g. <see cref="CalculateGain(Nonlinearity, double?)"/>.</param>
    /// <exception cref="ArgumentException">The shape has fewer than two dimensions or does not match the tensor's length, both fans are 0, or <paramref name="gain"/> is negative or not finite.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="random"/> is null.</exception>
    public static void XavierUniform(Span<float> tensor, ReadOnlySpan<int> shape, Random random, double gain = 1) 
    {
        Validate(tensor.Length, shape, random);
        FillUniform(tensor, random, XavierUniformBound(shape, gain));
    }

    /// <summary>Fills a tensor with values from N(0, std²), std = gain·√(2 / (fan-in + fan-out)), as <c>torch.nn.init.xavier_normal_</c>.</summary>
    /// <param name="tensor">The tensor, row-major; its length is the product of <paramref name="shape"/>.</param>
    /// <param name="shape">The tensor's shape (out, in, k₁, …), at least two dimensions.</param>
    /// <param name="random">The random source; seed it for reproducible values.</param>
    /// <param name="gain">The scale factor, e.g. <see cref="CalculateGain(Nonlinearity, double?)"/>.</param>
    /// <exception cref="ArgumentException">The shape has fewer than two dimensions or does not match the tensor's length, both fans are 0, or <paramref name="gain"/> is negative or not finite.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="random"/> is null.</exception>
    public static void XavierNormal(Span<double> tensor, ReadOnlySpan<int> shape, Random random, double gain = 1) 
    {
        Validate(tensor.Length, shape, random);
        FillNormal(tensor, random, XavierNormalStd(shape, gain));
    }

    /// <summary>Fills a tensor with values from N(0, std²), std = gain·√(2 / (fan-in + fan-out)), as <c>torch.nn.init.xavier_normal_</c>.</summary>
    /// <param name="tensor">The tensor, row-major; its length is the product of <paramref name="shape"/>.</param>
    /// <param name="shape">The tensor's shape (out, in, k₁, …), at least two dimensions.</param>
    /// <param name="random">The random source; seed it for reproducible values.</param>
    /// <param name="gain">The scale factor, e.g. <see cref="CalculateGain(Nonlinearity, double?)"/>.</param>
    /// <exception cref="ArgumentException">The shape has fewer than two dimensions or does not match the tensor's length, both fans are 0, or <paramref name="gain"/> is negative or not finite.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="random"/> is null.</exception>
    public static void XavierNormal(Span<float> tensor, ReadOnlySpan<int> shape, Random random, double gain = 1) 
    {
        Validate(tensor.Length, shape, random);
        FillNormal(tensor, random, XavierNormalStd(shape, gain));
    }

    /// <summary>Fills a tensor with values from U(−bound, bound), bound = gain·√(3 / fan), as <c>torch.nn.init.kaiming_uniform_</c>.</summary>
    /// <remarks>A tensor with no element is left as it is, as in PyTorch.</remarks>
    /// <param name="tensor">The tensor, row-major; its length is the product of <paramref name="shape"/>.</param>
    /// <param name="shape">The tensor's shape (out, in, k₁, …), at least two dimensions.</param>
    /// <param name="random">The random source; seed it for reproducible values.</param>
    /// <param name="a">The negative slope of leaky ReLU (used only for <see cref="Nonlinearity.LeakyRelu"/>); 0 makes its gain √2.</param>
    /// <param name="mode">Which fan to scale by.</param>
    /// <param name="nonlinearity">The nonlinearity that follows, for <see cref="CalculateGain(Nonlinearity, double?)"/>.</param>
    /// <exception cref="ArgumentException">The shape has fewer than two dimensions or does not match the tensor's length, or <paramref name="a"/>, <paramref name="mode"/> or <paramref name="nonlinearity"/> is out of range.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="random"/> is null.</exception>
    public static void KaimingUniform(Span<double> tensor, ReadOnlySpan<int> shape, Random random, double a = 0, FanMode mode = FanMode.FanIn, Nonlinearity nonlinearity = Nonlinearity.LeakyRelu)
    {
        Validate(tensor.Length, shape, random);
        if (tensor.Length > 0)
        {
            FillUniform(tensor, random, KaimingUniformBound(shape, a, mode, nonlinearity));
        }
    }

    /// <summary>Fills a tensor with values from U(−bound, bound), bound = gain·√(3 / fan), as <c>torch.nn.init.kaiming_uniform_</c>.</summary>
    /// <remarks>A tensor with no element is left as it is, as in PyTorch.</remarks>
    /// <param name="tensor">The tensor, row-major; its length is the product of <paramref name="shape"/>.</param>
    /// <param name="shape">The tensor's shape (out, in, k₁, …), at least two dimensions.</param>
    /// <param name="random">The random source; seed it for reproducible values.</param>
    /// <param name="a">The negative slope of leaky ReLU (used only for <see cref="Nonlinearity.LeakyRelu"/>); 0 makes its gain √2.</param>
    /// <param name="mode">Which fan to scale by.</param>
    /// <param name="nonlinearity">The nonlinearity that follows, for <see cref="CalculateGain(Nonlinearity, double?)"/>.</param>
    /// <exception cref="ArgumentException">The shape has fewer than two dimensions or does not match the tensor's length, or <paramref name="a"/>, <paramref name="mode"/> or <paramref name="nonlinearity"/> is out of range.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="random"/> is null.</exception>
    public static void KaimingUniform(Span<float> tensor, ReadOnlySpan<int> shape, Random random, double a = 0, FanMode mode = FanMode.FanIn, Nonlinearity nonlinearity = Nonlinearity.LeakyRelu)
    {
        Validate(tensor.Length, shape, random);
        if (tensor.Length > 0)
        {
            FillUniform(tensor, random, KaimingUniformBound(shape, a, mode, nonlinearity));
        }
    }

    /// <summary>Fills a tensor with values from N(0, std²), std = gain / √fan, as <c>torch.nn.init.kaiming_normal_</c>.</summary>
    /// <remarks>A tensor with no element is left as it is, as in PyTorch.</remarks>
    /// <param name="tensor">The tensor, row-major; its length is the product of <paramref name="shape"/>.</param>
    /// <param name="shape">The tensor's shape (out, in, k₁, …), at least two dimensions.</param>
    /// <param name="random">The random source; seed it for reproducible values.</param>
    /// <param name="a">The negative slope of leaky ReLU (used only for <see cref="Nonlinearity.LeakyRelu"/>); 0 makes its gain √2.</param>
    /// <param name="mode">Which fan to scale by.</param>
    /// <param name="nonlinearity">The nonlinearity that follows, for <see cref="CalculateGain(Nonlinearity, double?)"/>.</param>
    /// <exception cref="ArgumentException">The shape has fewer than two dimensions or does not match the tensor's length, or <paramref name="a"/>, <paramref name="mode"/> or <paramref name="nonlinearity"/> is out of range.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="random"/> is null.</exception>
    public static void KaimingNormal(Span<double> tensor, ReadOnlySpan<int> shape, Random random, double a = 0, FanMode mode = FanMode.FanIn, Nonlinearity nonlinearity = Nonlinearity.LeakyRelu)
    {
        Validate(tensor.Length, shape, random);
        if (tensor.Length > 0)
        {
            FillNormal(tensor, random, KaimingNormalStd(shape, a, mode, nonlinearity));
        }
    }

    /// <summary>Fills a tensor with values from N(0, std²), std = gain / √fan, as <c>torch.nn.init.kaiming_normal_</c>.</summary>
    /// <remarks>A tensor with no element is left as it is, as in PyTorch.</remarks>
    /// <param name="tensor">The tensor, row-major; its length is the product of <paramref name="shape"/>.</param>
    /// <param name="shape">The tensor's shape (out, in, k₁, …), at least two dimensions.</param>
    /// <param name="random">The random source; seed it for reproducible values.</param>
    /// <param name="a">The negative slope of leaky ReLU (used only for <see cref="Nonlinearity.LeakyRelu"/>); 0 makes its gain √2.</param>
    /// <param name="mode">Which fan to scale by.</param>
    /// <param name="nonlinearity">The nonlinearity that follows, for <see cref="CalculateGain(Nonlinearity, double?)"/>.</param>
    /// <exception cref="ArgumentException">The shape has fewer than two dimensions or does not match the tensor's length, or <paramref name="a"/>, <paramref name="mode"/> or <paramref name="nonlinearity"/> is out of range.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="random"/> is null.</exception>
    public static void KaimingNormal(Span<float> tensor, ReadOnlySpan<int> shape, Random random, double a = 0, FanMode mode = FanMode.FanIn, Nonlinearity nonlinearity = Nonlinearity.LeakyRelu)
    {
        Validate(tensor.Length, shape, random);
        if (tensor.Length > 0)
        {
            FillNormal(tensor, random, KaimingNormalStd(shape, a, mode, nonlinearity));
        }
    }

    /// <summary>Kaiming's gain for leaky ReLU, with <paramref name="a"/> reported as the parameter it came from.</summary>
    private static double LeakyReluGain(double a)
    {
        if (!double.IsFinite(a))
        {
            throw new ArgumentOutOfRangeException(nameof(a), a, "The negative slope of leaky ReLU must be finite.");
        }

        return CalculateGain(Nonlinearity.LeakyRelu, a);
    }

    private static void ValidateGain(double gain)
    {
        if (!(gain >= 0) || double.IsInfinity(gain))
        {
            throw new ArgumentOutOfRangeException(nameof(gain), gain, "The gain must be finite and not negative.");
        }
    }

    private static void ValidateShape(ReadOnlySpan<int> shape)
    {
        if (shape.Length < 2)
        {
            throw new ArgumentException("Fan in and fan out can not be computed for a tensor with fewer than 2 dimensions.", nameof(shape));
        }

        foreach (int dimension in shape)
        {
            if (dimension < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(shape), dimension, "A dimension of the shape is negative.");
            }
        }
    }

    private static int Fan(double fan, ReadOnlySpan<int> shape)
    {
        if (fan > int.MaxValue)
        {
            throw new ArgumentException($"A fan of the shape ({Format(shape)}) exceeds {int.MaxValue}.", nameof(shape));
        }

        return (int)fan;
    }

    /// <summary>Checks the arguments every fill shares.</summary>
    private static void Validate(int length, ReadOnlySpan<int> shape, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        ValidateShape(shape);
        double elements = 1;
        foreach (int dimension in shape)
        {
            elements *= dimension;
        }

        if (elements != length)
        {
            throw new ArgumentException($"The tensor has {length} elements, the shape ({Format(shape)}) has {elements.ToString(CultureInfo.InvariantCulture)}.", "tensor");
        }
    }

    private static string Format(ReadOnlySpan<int> shape) => string.Join(", ", shape.ToArray());

    private static void FillUniform<T>(Span<T> tensor, Random random, double bound)
        where T : IFloatingPointIeee754<T>
    {
        // 2u − 1 is exact and in [−1, 1), so |bound·(2u − 1)| ≤ bound, and rounding to float keeps that.
        for (int i = 0; i < tensor.Length; i++)
        {
            tensor[i] = T.CreateChecked(bound * ((2 * random.NextDouble()) - 1));
        }
    }

    private static void FillNormal<T>(Span<T> tensor, Random random, double std)
        where T : IFloatingPointIeee754<T>
    {
        // Box–Muller: two independent standard normals from two uniforms; 1 − u keeps the logarithm's argument in (0, 1].
        for (int i = 0; i < tensor.Length; i += 2)
        {
            double radius = std * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble()));
            (double sin, double cos) = Math.SinCos(2 * Math.PI * random.NextDouble());
            tensor[i] = T.CreateChecked(radius * cos);
            if (i + 1 < tensor.Length)
            {
                tensor[i + 1] = T.CreateChecked(radius * sin);
            }
        }
    }
}
