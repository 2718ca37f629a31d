using System;

namespace SymGrad;

/// <summary>
/// Activation functions with torch.nn.functional semantics, in double and float. Each is <see cref="DifferentiableAttribute"/>,
/// so the generator adds its derivative next to it: <c>XDerivative(x, …)</c> for the scalar, and for a span of inputs
/// <c>X(ReadOnlySpan&lt;T&gt; x, …, Span&lt;T&gt; result)</c>, <c>XDerivative(x, …, derivative)</c>,
/// <c>XBackward(x, …, gradOutput, gradInput)</c> (gradInput = gradOutput ⊙ X′(x)) and
/// <c>XForwardBackward(x, …, gradOutput, result, gradInput)</c> (both in one pass). Softmax and LogSoftmax are
/// vector-valued and get <c>XBackward</c> (the vector-Jacobian product) and <c>XJacobian</c> instead.
/// </summary>
/// <remarks>
/// At a kink, and at NaN, the derivative is the one PyTorch's autograd returns: ReLU′(0) = 0, LeakyReLU′(0) = α,
/// ELU′(0) = α, SELU′(0) = λα, HardTanh′ = 0 at both bounds; the derivative at NaN is 1 for ReLU, ELU and HardTanh,
/// λ for SELU and α for LeakyReLU, because PyTorch's backward tests x ≤ 0 (or x &gt; 0) and NaN fails every test.
/// The conditions below are written so that the branch the generator differentiates is the one PyTorch takes.
/// </remarks>
public static partial class Activations
{
    /// <summary>SELU's α = 1.6732632423543772848170429916717.</summary>
    private const double SeluAlpha = 1.6732632423543772848170429916717;

    /// <summary>SELU's scale λ = 1.0507009873554804934193349852946.</summary>
    private const double SeluScale = 1.0507009873554804934193349852946;

    /// <summary>1/√2.</summary>
    private const double InverseSqrt2 = 0.70710678118654752440084436210485;

    /// <summary>√(2/π).</summary>
    private const double SqrtTwoOverPi = 0.79788456080286535587989211986876;

    /// <summary>The cubic coefficient of the tanh approximation of GELU.</summary>
    private const double GeluCubic = 0.044715;

    /// <summary>The logistic sigmoid, σ(x) = 1 / (1 + e^(−x)).</summary>
    /// <remarks>σ′(x) = σ(x)·(1 − σ(x)). Computed from e^(−|x|), so it neither overflows nor loses precision for large |x|.</remarks>
    /// <param name="x">The input.</param>
    /// <returns>σ(x).</returns>
    [Differentiable]
    public static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    /// <summary>The hyperbolic tangent, tanh(x).</summary>
    /// <remarks>tanh′(x) = 1 − tanh²(x).</remarks>
    /// <param name="x">The input.</param>
    /// <returns>tanh(x).</returns>
    [Differentiable]
    public static double Tanh(double x) => Math.Tanh(x);

    /// <summary>The rectified linear unit, ReLU(x) = max(x, 0).</summary>
    /// <remarks>ReLU′(x) = 0 for x ≤ 0, else 1 (so ReLU′(0) = 0 and ReLU′(NaN) = 1, as in PyTorch).</remarks>
    /// <param name="x">The input.</param>
    /// <returns>x for x &gt; 0, else 0.</returns>
    [Differentiable]
    public static double Relu(double x) => x <= 0 ? 0 : x;

    /// <summary>The leaky rectified linear unit, LeakyReLU(x) = x for x &gt; 0, else α·x.</summary>
    /// <remarks>LeakyReLU′(x) = 1 for x &gt; 0, else α (so LeakyReLU′(0) = α, as in PyTorch).</remarks>
    /// <param name="x">The input.</param>
    /// <param name="alpha">The slope α for x ≤ 0 (PyTorch's <c>negative_slope</c>).</param>
    /// <returns>LeakyReLU(x).</returns>
    [Differentiable]
    public static double LeakyRelu(double x, [NoDerivative] double alpha = 0.01) => x > 0 ? x : alpha * x;

    /// <summary>The exponential linear unit, ELU(x) = x for x &gt; 0, else α·(eˣ − 1).</summary>
    /// <remarks>ELU′(x) = 1 for x &gt; 0, else α·eˣ (so ELU′(0) = α, as in PyTorch).</remarks>
    /// <param name="x">The input.</param>
    /// <param name="alpha">The value α that ELU approaches as x → −∞, negated.</param>
    /// <returns>ELU(x).</returns>
    [Differentiable]
    public static double Elu(double x, [NoDerivative] double alpha = 1) => x <= 0 ? alpha * (Math.Exp(x) - 1) : x;

    /// <summary>The scaled exponential linear unit, SELU(x) = λ·x for x &gt; 0, else λ·α·(eˣ − 1).</summary>
    /// <remarks>
    /// α = 1.6732632423543772848…, λ = 1.0507009873554804934… (Klambauer et al., 2017).
    /// SELU = λ·ELU(x, α), so SELU′(x) = λ for x &gt; 0, else λ·α·eˣ (and SELU′(0) = λ·α, as in PyTorch).
    /// </remarks>
    /// <param name="x">The input.</param>
    /// <returns>SELU(x).</returns>
    [Differentiable]
    public static double Selu(double x) => SeluScale * Elu(x, SeluAlpha);

    /// <summary>Softplus, ln(1 + e^(β·x)) / β, reverting to x where β·x &gt; threshold.</summary>
    /// <remarks>
    /// Softplus′(x) = σ(β·x) for β·x ≤ threshold, else 1. At β·x = threshold exactly the smooth formula is used,
    /// as in PyTorch. Written as PyTorch does, log1p(e^(β·x)) / β; the generated members compute the logarithm as
    /// max(β·x, 0) + log1p(e^(−|β·x|)), which is the same function.
    /// </remarks>
    /// <param name="x">The input.</param>
    /// <param name="beta">The sharpness β.</param>
    /// <param name="threshold">Above this value of β·x, Softplus is x.</param>
    /// <returns>Softplus(x).</returns>
    [Differentiable]
    public static double Softplus(double x, [NoDerivative] double beta = 1, [NoDerivative] double threshold = 20) =>
        x * beta > threshold ? x : VectorMath.Log1P(Math.Exp(beta * x)) / beta;

    /// <summary>The Gaussian error linear unit, GELU(x) = x·Φ(x) = x/2·(1 + erf(x/√2)) (PyTorch's <c>approximate='none'</c>).</summary>
    /// <remarks>
    /// GELU′(x) = Φ(x) + x·φ(x) = ½·(1 + erf(x/√2)) + x·e^(−x²/2)/√(2π). For the tanh approximation, see
    /// <see cref="GeluTanh(double)"/>. As in PyTorch, 1 + erf(x/√2) is computed as written, so far below zero it
    /// keeps only the absolute precision of 1 (GELU(x) is 0 for x &lt; −8.3 where the exact value is below 1e−16·|x|).
    /// </remarks>
    /// <param name="x">The input.</param>
    /// <returns>GELU(x).</returns>
    [Differentiable]
    public static double Gelu(double x) => 0.5 * x * (1 + SpecialFunctions.Erf(x * InverseSqrt2));

    /// <summary>
    /// The tanh approximation of GELU, x/2·(1 + tanh(√(2/π)·(x + 0.044715·x³))) (PyTorch's <c>approximate='tanh'</c>).
    /// </summary>
    /// <remarks>
    /// With u = √(2/π)·(x + 0.044715·x³) and t = tanh(u): GeluTanh′(x) = ½·(1 + t) + ½·x·(1 − t²)·√(2/π)·(1 + 3·0.044715·x²).
    /// </remarks>
    /// <param name="x">The input.</param>
    /// <returns>The tanh approximation of GELU(x).</returns>
    [Differentiable]
    public static double GeluTanh(double x) => 0.5 * x * (1 + Math.Tanh(SqrtTwoOverPi * (x + (GeluCubic * x * x * x))));

    /// <summary>The sigmoid linear unit (swish), SiLU(x) = x·σ(x).</summary>
    /// <remarks>SiLU′(x) = σ(x) + x·σ(x)·(1 − σ(x)).</remarks>
    /// <param name="x">The input.</param>
    /// <returns>SiLU(x).</returns>
    [Differentiable]
    public static double Silu(double x) => x * Sigmoid(x);

    /// <summary>Mish, x·tanh(softplus(x)) = x·tanh(ln(1 + eˣ)), with ln(1 + ·) computed by log1p.</summary>
    /// <remarks>With t = tanh(ln(1 + eˣ)): Mish′(x) = t + x·(1 − t²)·σ(x). Unlike <see cref="Softplus(double, double, double)"/>, no threshold.</remarks>
    /// <param name="x">The input.</param>
    /// <returns>Mish(x).</returns>
    [Differentiable]
    public static double Mish(double x) => x * Math.Tanh(VectorMath.Log1P(Math.Exp(x)));

    /// <summary>Softsign, x / (1 + |x|).</summary>
    /// <remarks>Softsign′(x) = 1 / (1 + |x|)².</remarks>
    /// <param name="x">The input.</param>
    /// <returns>Softsign(x).</returns>
    [Differentiable]
    public static double Softsign(double x) => x / (1 + Math.Abs(x));

    /// <summary>HardTanh, x clamped to [min, max].</summary>
    /// <remarks>HardTanh′(x) = 1 for min &lt; x &lt; max, else 0 (0 at both bounds, as in PyTorch).</remarks>
    /// <param name="x">The input.</param>
    /// <param name="min">The lower bound (PyTorch's <c>min_val</c>).</param>
    /// <param name="max">The upper bound (PyTorch's <c>max_val</c>).</param>
    /// <returns>min for x ≤ min, max for x ≥ max, else x.</returns>
    [Differentiable]
    public static double HardTanh(double x, [NoDerivative] double min = -1, [NoDerivative] double max = 1) =>
        x <= min ? min : x >= max ? max : x;

    /// <summary>The logarithm of the sigmoid, ln σ(x) = −ln(1 + e^(−x)).</summary>
    /// <remarks>
    /// (ln σ)′(x) = 1 − σ(x) = σ(−x). Computed as x − ln(1 + eˣ) for x &lt; 0 and −ln(1 + e^(−x)) otherwise (equal
    /// expressions), with ln(1 + ·) from <see cref="VectorMath.Log1P(double)"/>, so it never overflows and keeps its
    /// relative precision for large x.
    /// </remarks>
    /// <param name="x">The input.</param>
    /// <returns>ln σ(x).</returns>
    [Differentiable]
    public static double LogSigmoid(double x) =>
        x < 0 ? x - VectorMath.Log1P(Math.Exp(x)) : -VectorMath.Log1P(Math.Exp(-x));

    /// <summary>Softmax, resultᵢ = e^(xᵢ) / Σⱼ e^(xⱼ), computed with the maximum subtracted first so no exponential overflows.</summary>
    /// <remarks>
    /// ∂resultᵢ/∂xⱼ = resultᵢ·(δᵢⱼ − resultⱼ): the Jacobian is diag(y) − y·yᵀ, and the generated
    /// <c>SoftmaxBackward</c> computes the vector-Jacobian product y ⊙ (g − ⟨g, y⟩) in O(n).
    /// </remarks>
    /// <param name="x">The inputs (logits).</param>
    /// <param name="result">Receives the probabilities; as long as <paramref name="x"/>.</param>
    [Differentiable]
    public static void Softmax(ReadOnlySpan<double> x, Span<double> result)
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
            result[i] = Math.Exp(x[i] - max) / sum;
        }
    }

    /// <summary>
    /// LogSoftmax, resultᵢ = xᵢ − ln Σⱼ e^(xⱼ), computed as (xᵢ − m) − ln Σⱼ e^(xⱼ − m), m = maxⱼ xⱼ, so that no
    /// exponential overflows and xᵢ − m is exact before the logarithm is subtracted.
    /// </summary>
    /// <remarks>
    /// ∂resultᵢ/∂xⱼ = δᵢⱼ − softmax(x)ⱼ, and the generated <c>LogSoftmaxBackward</c> computes g − softmax(x)·Σᵢ gᵢ.
    /// </remarks>
    /// <param name="x">The inputs (logits).</param>
    /// <param name="result">Receives the log-probabilities; as long as <paramref name="x"/>.</param>
    [Differentiable]
    public static void LogSoftmax(ReadOnlySpan<double> x, Span<double> result)
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

        double logSum = Math.Log(sum);
        for (int i = 0; i < x.Length; i++)
        {
            result[i] = x[i] - max - logSum;
        }
    }
}
