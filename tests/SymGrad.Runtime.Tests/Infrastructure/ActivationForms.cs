using System;

namespace SymGrad.Runtime.Tests.Infrastructure;

internal delegate T GradientForm<T>(T x, out T dX);

internal delegate void SpanForm<T>(ReadOnlySpan<T> x, Span<T> result);

internal delegate void BackwardForm<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> gradOutput, Span<T> gradInput);

internal delegate void ForwardBackwardForm<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> gradOutput, Span<T> result, Span<T> gradInput);

/// <summary>The public members of one activation with a fixture case's parameters bound.</summary>
internal sealed record ActivationForms<T>(
    Func<T, T> Value,
    Func<T, T> Derivative,
    GradientForm<T> Gradient,
    SpanForm<T> Span,
    SpanForm<T> SpanDerivative,
    BackwardForm<T> Backward,
    ForwardBackwardForm<T> ForwardBackward);

/// <summary>Binds a fixture case (torch's name and parameters) to the members of <see cref="Activations"/>.</summary>
internal static class ActivationForms
{
    public static ActivationForms<double> Double(ActivationCase c) => c.Name switch
    {
        "Sigmoid" => new(Activations.Sigmoid, Activations.SigmoidDerivative, Activations.SigmoidGradient, Activations.Sigmoid, Activations.SigmoidDerivative, Activations.SigmoidBackward, Activations.SigmoidForwardBackward),
        "Tanh" => new(Activations.Tanh, Activations.TanhDerivative, Activations.TanhGradient, Activations.Tanh, Activations.TanhDerivative, Activations.TanhBackward, Activations.TanhForwardBackward),
        "Relu" => new(Activations.Relu, Activations.ReluDerivative, Activations.ReluGradient, Activations.Relu, Activations.ReluDerivative, Activations.ReluBackward, Activations.ReluForwardBackward),
        "LeakyRelu" => LeakyRelu(c.Param("negative_slope")),
        "Elu" => Elu(c.Param("alpha")),
        "Selu" => new(Activations.Selu, Activations.SeluDerivative, Activations.SeluGradient, Activations.Selu, Activations.SeluDerivative, Activations.SeluBackward, Activations.SeluForwardBackward),
        "Softplus" => Softplus(c.Param("beta"), c.Param("threshold")),
        "Gelu" when c.Text("approximate") == "none" => new(Activations.Gelu, Activations.GeluDerivative, Activations.GeluGradient, Activations.Gelu, Activations.GeluDerivative, Activations.GeluBackward, Activations.GeluForwardBackward),
        "Gelu" when c.Text("approximate") == "tanh" => new(Activations.GeluTanh, Activations.GeluTanhDerivative, Activations.GeluTanhGradient, Activations.GeluTanh, Activations.GeluTanhDerivative, Activations.GeluTanhBackward, Activations.GeluTanhForwardBackward),
        "Silu" => new(Activations.Silu, Activations.SiluDerivative, Activations.SiluGradient, Activations.Silu, Activations.SiluDerivative, Activations.SiluBackward, Activations.SiluForwardBackward),
        "Mish" => new(Activations.Mish, Activations.MishDerivative, Activations.MishGradient, Activations.Mish, Activations.MishDerivative, Activations.MishBackward, Activations.MishForwardBackward),
        "Softsign" => new(Activations.Softsign, Activations.SoftsignDerivative, Activations.SoftsignGradient, Activations.Softsign, Activations.SoftsignDerivative, Activations.SoftsignBackward, Activations.SoftsignForwardBackward),
        "HardTanh" => HardTanh(c.Param("min_val"), c.Param("max_val")),
        "LogSigmoid" => new(Activations.LogSigmoid, Activations.LogSigmoidDerivative, Activations.LogSigmoidGradient, Activations.LogSigmoid, Activations.LogSigmoidDerivative, Activations.LogSigmoidBackward, Activations.LogSigmoidForwardBackward),
        _ => throw new ArgumentException($"No activation for the fixture case {c.Id}.", nameof(c)),
    };

    public static ActivationForms<float> Single(ActivationCase c) => c.Name switch
    {
        "Sigmoid" => new(Activations.Sigmoid, Activations.SigmoidDerivative, Activations.SigmoidGradient, Activations.Sigmoid, Activations.SigmoidDerivative, Activations.SigmoidBackward, Activations.SigmoidForwardBackward),
        "Tanh" => new(Activations.Tanh, Activations.TanhDerivative, Activations.TanhGradient, Activations.Tanh, Activations.TanhDerivative, Activations.TanhBackward, Activations.TanhForwardBackward),
        "Relu" => new(Activations.Relu, Activations.ReluDerivative, Activations.ReluGradient, Activations.Relu, Activations.ReluDerivative, Activations.ReluBackward, Activations.ReluForwardBackward),
        "LeakyRelu" => LeakyRelu((float)c.Param("negative_slope")),
        "Elu" => Elu((float)c.Param("alpha")),
        "Selu" => new(Activations.Selu, Activations.SeluDerivative, Activations.SeluGradient, Activations.Selu, Activations.SeluDerivative, Activations.SeluBackward, Activations.SeluForwardBackward),
        "Softplus" => Softplus((float)c.Param("beta"), (float)c.Param("threshold")),
        "Gelu" when c.Text("approximate") == "none" => new(Activations.Gelu, Activations.GeluDerivative, Activations.GeluGradient, Activations.Gelu, Activations.GeluDerivative, Activations.GeluBackward, Activations.GeluForwardBackward),
        "Gelu" when c.Text("approximate") == "tanh" => new(Activations.GeluTanh, Activations.GeluTanhDerivative, Activations.GeluTanhGradient, Activations.GeluTanh, Activations.GeluTanhDerivative, Activations.GeluTanhBackward, Activations.GeluTanhForwardBackward),
        "Silu" => new(Activations.Silu, Activations.SiluDerivative, Activations.SiluGradient, Activations.Silu, Activations.SiluDerivative, Activations.SiluBackward, Activations.SiluForwardBackward),
        "Mish" => new(Activations.Mish, Activations.MishDerivative, Activations.MishGradient, Activations.Mish, Activations.MishDerivative, Activations.MishBackward, Activations.MishForwardBackward),
        "Softsign" => new(Activations.Softsign, Activations.SoftsignDerivative, Activations.SoftsignGradient, Activations.Softsign, Activations.SoftsignDerivative, Activations.SoftsignBackward, Activations.SoftsignForwardBackward),
        "HardTanh" => HardTanh((float)c.Param("min_val"), (float)c.Param("max_val")),
        "LogSigmoid" => new(Activations.LogSigmoid, Activations.LogSigmoidDerivative, Activations.LogSigmoidGradient, Activations.LogSigmoid, Activations.LogSigmoidDerivative, Activations.LogSigmoidBackward, Activations.LogSigmoidForwardBackward),
        _ => throw new ArgumentException($"No activation for the fixture case {c.Id}.", nameof(c)),
    };

    private static ActivationForms<double> LeakyRelu(double a) => new(
        x => Activations.LeakyRelu(x, a),
        x => Activations.LeakyReluDerivative(x, a),
        (double x, out double dX) => Activations.LeakyReluGradient(x, a, out dX),
        (x, r) => Activations.LeakyRelu(x, a, r),
        (x, d) => Activations.LeakyReluDerivative(x, a, d),
        (x, g, d) => Activations.LeakyReluBackward(x, a, g, d),
        (x, g, r, d) => Activations.LeakyReluForwardBackward(x, a, g, r, d));

    private static ActivationForms<float> LeakyRelu(float a) => new(
        x => Activations.LeakyRelu(x, a),
        x => Activations.LeakyReluDerivative(x, a),
        (float x, out float dX) => Activations.LeakyReluGradient(x, a, out dX),
        (x, r) => Activations.LeakyRelu(x, a, r),
        (x, d) => Activations.LeakyReluDerivative(x, a, d),
        (x, g, d) => Activations.LeakyReluBackward(x, a, g, d),
        (x, g, r, d) => Activations.LeakyReluForwardBackward(x, a, g, r, d));

    private static ActivationForms<double> Elu(double a) => new(
        x => Activations.Elu(x, a),
        x => Activations.EluDerivative(x, a),
        (double x, out double dX) => Activations.EluGradient(x, a, out dX),
        (x, r) => Activations.Elu(x, a, r),
        (x, d) => Activations.EluDerivative(x, a, d),
        (x, g, d) => Activations.EluBackward(x, a, g, d),
        (x, g, r, d) => Activations.EluForwardBackward(x, a, g, r, d));

    private static ActivationForms<float> Elu(float a) => new(
        x => Activations.Elu(x, a),
        x => Activations.EluDerivative(x, a),
        (float x, out float dX) => Activations.EluGradient(x, a, out dX),
        (x, r) => Activations.Elu(x, a, r),
        (x, d) => Activations.EluDerivative(x, a, d),
        (x, g, d) => Activations.EluBackward(x, a, g, d),
        (x, g, r, d) => Activations.EluForwardBackward(x, a, g, r, d));

    private static ActivationForms<double> Softplus(double beta, double threshold) => new(
        x => Activations.Softplus(x, beta, threshold),
        x => Activations.SoftplusDerivative(x, beta, threshold),
        (double x, out double dX) => Activations.SoftplusGradient(x, beta, threshold, out dX),
        (x, r) => Activations.Softplus(x, beta, threshold, r),
        (x, d) => Activations.SoftplusDerivative(x, beta, threshold, d),
        (x, g, d) => Activations.SoftplusBackward(x, beta, threshold, g, d),
        (x, g, r, d) => Activations.SoftplusForwardBackward(x, beta, threshold, g, r, d));

    private static ActivationForms<float> Softplus(float beta, float threshold) => new(
        x => Activations.Softplus(x, beta, threshold),
        x => Activations.SoftplusDerivative(x, beta, threshold),
        (float x, out float dX) => Activations.SoftplusGradient(x, beta, threshold, out dX),
        (x, r) => Activations.Softplus(x, beta, threshold, r),
        (x, d) => Activations.SoftplusDerivative(x, beta, threshold, d),
        (x, g, d) => Activations.SoftplusBackward(x, beta, threshold, g, d),
        (x, g, r, d) => Activations.SoftplusForwardBackward(x, beta, threshold, g, r, d));

    private static ActivationForms<double> HardTanh(double min, double max) => new(
        x => Activations.HardTanh(x, min, max),
        x => Activations.HardTanhDerivative(x, min, max),
        (double x, out double dX) => Activations.HardTanhGradient(x, min, max, out dX),
        (x, r) => Activations.HardTanh(x, min, max, r),
        (x, d) => Activations.HardTanhDerivative(x, min, max, d),
        (x, g, d) => Activations.HardTanhBackward(x, min, max, g, d),
        (x, g, r, d) => Activations.HardTanhForwardBackward(x, min, max, g, r, d));

    private static ActivationForms<float> HardTanh(float min, float max) => new(
        x => Activations.HardTanh(x, min, max),
        x => Activations.HardTanhDerivative(x, min, max),
        (float x, out float dX) => Activations.HardTanhGradient(x, min, max, out dX),
        (x, r) => Activations.HardTanh(x, min, max, r),
        (x, d) => Activations.HardTanhDerivative(x, min, max, d),
        (x, g, d) => Activations.HardTanhBackward(x, min, max, g, d),
        (x, g, r, d) => Activations.HardTanhForwardBackward(x, min, max, g, r, d));
}
