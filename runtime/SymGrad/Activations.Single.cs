using System;

namespace SymGrad;

/// <content>The single-precision overloads: the same functions, computed in float.</content>
public static partial class Activations
{
    /// <summary>SELU's α = 1.6732632423543772848170429916717.</summary>
    private const float SingleSeluAlpha = 1.6732632423543772848170429916717f;

    /// <summary>SELU's scale λ = 1.0507009873554804934193349852946.</summary>
    private const float SingleSeluScale = 1.0507009873554804934193349852946f;

    /// <summary>1/√2.</summary>
    private const float SingleInverseSqrt2 = 0.70710678118654752440084436210485f;

    /// <summary>√(2/π).</summary>
    private const float SingleSqrtTwoOverPi = 0.79788456080286535587989211986876f;

    /// <summary>The cubic coefficient of the tanh approximation of GELU.</summary>
    private const float SingleGeluCubic = 0.044715f;

    /// <summary>The logistic sigmoid, σ(x) = 1 / (1 + e^(−x)).</summary>
    /// <remarks>σ′(x) = σ(x)·(1 − σ(x)). Computed from e^(−|x|), so it neither overflows nor loses precision for large |x|.</remarks>
    /// <param name="x">The input.</param>
    /// <returns>σ(x).</returns>
    [Differentiable]
    public static float Sigmoid(float x) => 1 / (1 + MathF.Exp(-x));

    /// <summary>The hyperbolic tangent, tanh(x).</summary>
    /// <remarks>tanh′(x) = 1 − tanh²(x).</remarks>
    /// <param name="x">The input.</param>
    /// <returns>tanh(x).</returns>
    [Differentiable]
    public static float Tanh(float x) => MathF.Tanh(x);

    /// <summary>The rectified linear unit, ReLU(x) = max(x, 0).</summary>
    /// <remarks>ReLU′(x) = 0 for x ≤ 0, else 1 (so ReLU′(0) = 0 and ReLU′(NaN) = 1, as in PyTorch).</remarks>
    /// <param name="x">The input.</param>
    /// <returns>x for x &gt; 0, else 0.</returns>
    [Differentiable]
    public static float Relu(float x) => x <= 0 ? 0 : x;

    /// <summary>The leaky rectified linear unit, LeakyReLU(x) = x for x &gt; 0, else α·x.</summary>
    /// <remarks>LeakyReLU′(x) = 1 for x &gt; 0, else α (so LeakyReLU′(0) = α, as in PyTorch).</remarks>
    /// <param name="x">The input.</param>
    /// <param name="alpha">The slope α for x ≤ 0 (PyTorch's <c>negative_slope</c>).</param>
    /// <returns>LeakyReLU(x).</returns>
    [Differentiable]
    public static float LeakyRelu(float x, [NoDerivative] float alpha = 0.01f) => x > 0 ? x : alpha * x;

    /// <summary>The exponential linear unit, ELU(x) = x for x &gt; 0, else α·(eˣ − 1).</summary>
    /// <remarks>ELU′(x) = 1 for x &gt; 0, else α·eˣ (so ELU′(0) = α, as in PyTorch).</remarks>
    /// <param name="x">The input.</param>
    /// <param name="alpha">The value α that ELU approaches as x → −∞, negated.</param>
    /// <returns>ELU(x).</returns>
    [Differentiable]
    public static float Elu(float x, [NoDerivative] float alpha = 1) => x <= 0 ? alpha * (MathF.Exp(x) - 1) : x;

    /// <summary>The scaled exponential linear unit, SELU(x) = λ·x for x &gt; 0, else λ·α·(eˣ − 1).</summary>
    /// <remarks>
    /// α = 1.6732632423543772848…, λ = 1.0507009873554804934… (Klambauer et al., 2017).
    /// SELU = λ·ELU(x, α), so SELU′(x) = λ for x &gt; 0, else λ·α·eˣ (and SELU′(0) = λ·α, as in PyTorch).
    /// </remarks>
    /// <param name="x">The input.</param>
    /// <returns>SELU(x).</returns>
    [Differentiable]
    public static float Selu(float x) => SingleSeluScale * Elu(x, SingleSeluAlpha);

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
    public static float Softplus(float x, [NoDerivative] float beta = 1, [NoDerivative] float threshold = 20) =>
        x * beta > threshold ? x : VectorMath.Log1P(MathF.Exp(beta * x)) / beta;

    /// <summary>The Gaussian error linear unit, GELU(x) = x·Φ(x) = x/2·(1 + erf(x/√2)) (PyTorch's <c>approximate='none'</c>).</summary>
    /// <remarks>
    /// GELU′(x) = Φ(x) + x·φ(x) = ½·(1 + erf(x/√2)) + x·e^(−x²/2)/√(2π). For the tanh approximation, see
    /// <see cref="GeluTanh(float)"/>. As in PyTorch, 1 + erf(x/√2) is computed as written, so far below zero it
    /// keeps only the absolute precision of 1 (GELU(x) is 0 for x &lt; −8.3 where the exact value is below 1e−16·|x|).
    /// </remarks>
    /// <param name="x">The input.</param>
    /// <returns>GELU(x).</returns>
    [Differentiable]
    public static float Gelu(float x) => 0.5f * x * (1 + SpecialFunctions.Erf(x * SingleInverseSqrt2));

    /// <summary>
    /// The tanh approximation of GELU, x/2·(1 + tanh(√(2/π)·(x + 0.044715f·x³))) (PyTorch's <c>approximate='tanh'</c>).
    /// </summary>
    /// <remarks>
    /// With u = √(2/π)·(x + 0.044715f·x³) and t = tanh(u): GeluTanh′(x) = ½·(1 + t) + ½·x·(1 − t²)·√(2/π)·(1 + 3·0.044715f·x²).
    /// </remarks>
    /// <param name="x">The input.</param>
    /// <returns>The tanh approximation of GELU(x).</returns>
    [Differentiable]
    public static float GeluTanh(float x) => 0.5f * x * (1 + MathF.Tanh(SingleSqrtTwoOverPi * (x + (SingleGeluCubic * x * x * x))));

    /// <summary>The sigmoid linear unit (swish), SiLU(x) = x·σ(x).</summary>
    /// <remarks>SiLU′(x) = σ(x) + x·σ(x)·(1 − σ(x)).</remarks>
    /// <param name="x">The input.</param>
    /// <returns>SiLU(x).</returns>
    [Differentiable]
    public static float Silu(float x) => x * Sigmoid(x);

    /// <summary>Mish, x·tanh(softplus(x)) = x·tanh(ln(1 + eˣ)), with ln(1 + ·) computed by log1p.</summary>
    /// <remarks>With t = tanh(ln(1 + eˣ)): Mish′(x) = t + x·(1 − t²)·σ(x). Unlike <see cref="Softplus(float, float, float)"/>, no threshold.</remarks>
    /// <param name="x">The input.</param>
    /// <returns>Mish(x).</returns>
    [Differentiable]
    public static float Mish(float x) => x * MathF.Tanh(VectorMath.Log1P(MathF.Exp(x)));

    /// <summary>Softsign, x / (1 + |x|).</summary>
    /// <remarks>Softsign′(x) = 1 / (1 + |x|)².</remarks>
    /// <param name="x">The input.</param>
    /// <returns>Softsign(x).</returns>
    [Differentiable]
    public static float Softsign(float x) => x / (1 + MathF.Abs(x));

    /// <summary>HardTanh, x clamped to [min, max].</summary>
    /// <remarks>HardTanh′(x) = 1 for min &lt; x &lt; max, else 0 (0 at both bounds, as in PyTorch).</remarks>
    /// <param name="x">The input.</param>
    /// <param name="min">The lower bound (PyTorch's <c>min_val</c>).</param>
    /// <param name="max">The upper bound (PyTorch's <c>max_val</c>).</param>
    /// <returns>min for x ≤ min, max for x ≥ max, else x.</returns>
    [Differentiable]
    public static float HardTanh(float x, [NoDerivative] float min = -1, [NoDerivative] float max = 1) =>
        x <= min ? min : x >= max ? max : x;

    /// <summary>The logarithm of the sigmoid, ln σ(x) = −ln(1 + e^(−x)).</summary>
    /// <remarks>
    /// (ln σ)′(x) = 1 − σ(x) = σ(−x). Computed as x − ln(1 + eˣ) for x &lt; 0 and −ln(1 + e^(−x)) otherwise (equal
    /// expressions), with ln(1 + ·) from <see cref="VectorMath.Log1P(float)"/>, so it never overflows and keeps its
    /// relative precision for large x.
    /// </remarks>
    /// <param name="x">The input.</param>
    /// <returns>ln σ(x).</returns>
    [Differentiable]
    public static float LogSigmoid(float x) =>
        x < 0 ? x - VectorMath.Log1P(MathF.Exp(x)) : -VectorMath.Log1P(MathF.Exp(-x));

    /// <summary>Softmax, resultᵢ = e^(xᵢ) / Σⱼ e^(xⱼ), computed with the maximum subtracted first so no exponential overflows.</summary>
    /// <remarks>
    /// ∂resultᵢ/∂xⱼ = resultᵢ·(δᵢⱼ − resultⱼ): the Jacobian is diag(y) − y·yᵀ, and the generated
    /// <c>SoftmaxBackward</c> computes the vector-Jacobian product y ⊙ (g − ⟨g, y⟩) in O(n).
    /// </remarks>
    /// <param name="x">The inputs (logits).</param>
    /// <param name="result">Receives the probabilities; as long as <paramref name="x"/>.</param>
    [Differentiable]
    public static void Softmax(ReadOnlySpan<float> x, Span<float> result)
    {
        float max = float.NegativeInfinity;
        for (int i = 0; i < x.Length; i++)
        {
            max = MathF.Max(max, x[i]);
        }

        float sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sum += MathF.Exp(x[i] - max);
        }

        for (int i = 0; i < x.Length; i++)
        {
            result[i] = MathF.Exp(x[i] - max) / sum;
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
    public static void LogSoftmax(ReadOnlySpan<float> x, Span<float> result)
    {
        float max = float.NegativeInfinity;
        for (int i = 0; i < x.Length; i++)
        {
            max = MathF.Max(max, x[i]);
        }

        float sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sum += MathF.Exp(x[i] - max);
        }

        float logSum = MathF.Log(sum);
        for (int i = 0; i < x.Length; i++)
        {
            result[i] = x[i] - max - logSum;
        }
    }
}
