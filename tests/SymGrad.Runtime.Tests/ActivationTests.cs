using System;
using System.Linq;
using SymGrad.Runtime.Tests.Infrastructure;
using Xunit;

namespace SymGrad.Runtime.Tests;

/// <summary>
/// Every activation case of the PyTorch fixtures, value and derivative, through the scalar members (<c>X</c>,
/// <c>XDerivative</c>, <c>XGradient</c>) and the generated span forms (<c>X</c>, <c>XDerivative</c>, <c>XBackward</c>
/// with gradOutput = 1, <c>XForwardBackward</c>).
/// </summary>
public sealed class ActivationTests
{
    public static TheoryData<string> Cases => new(Fixtures.Activations.Select(c => c.Id));

    [Theory]
    [MemberData(nameof(Cases))]
    public void ScalarFormsMatchPyTorch(string id)
    {
        var c = Case(id);
        if (c.Dtype == "float64")
        {
            var f = ActivationForms.Double(c);
            for (var i = 0; i < c.X.Length; i++)
            {
                var x = c.X[i];
                Tolerance.AssertClose(c, i, "value", c.Y[i], f.Value(x));
                Tolerance.AssertClose(c, i, "derivative", c.Dydx[i], f.Derivative(x));
                Tolerance.AssertClose(c, i, "Gradient value", c.Y[i], f.Gradient(x, out var dX));
                Tolerance.AssertClose(c, i, "Gradient dX", c.Dydx[i], dX);
            }
        }
        else
        {
            var f = ActivationForms.Single(c);
            for (var i = 0; i < c.X.Length; i++)
            {
                var x = (float)c.X[i];
                Tolerance.AssertClose(c, i, "value", c.Y[i], f.Value(x));
                Tolerance.AssertClose(c, i, "derivative", c.Dydx[i], f.Derivative(x));
                Tolerance.AssertClose(c, i, "Gradient value", c.Y[i], f.Gradient(x, out var dX));
                Tolerance.AssertClose(c, i, "Gradient dX", c.Dydx[i], dX);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void SpanFormsMatchPyTorch(string id)
    {
        var c = Case(id);
        if (c.Dtype == "float64")
        {
            var f = ActivationForms.Double(c);
            var ones = Enumerable.Repeat(1.0, c.X.Length).ToArray();
            var (values, derivatives, gradients, fusedValues, fusedGradients) =
                (new double[c.X.Length], new double[c.X.Length], new double[c.X.Length], new double[c.X.Length], new double[c.X.Length]);
            f.Span(c.X, values);
            f.SpanDerivative(c.X, derivatives);
            f.Backward(c.X, ones, gradients);
            f.ForwardBackward(c.X, ones, fusedValues, fusedGradients);
            AssertAll(c, values, derivatives, gradients, fusedValues, fusedGradients);
        }
        else
        {
            var f = ActivationForms.Single(c);
            var x = c.X.Select(v => (float)v).ToArray();
            var ones = Enumerable.Repeat(1f, x.Length).ToArray();
            var (values, derivatives, gradients, fusedValues, fusedGradients) =
                (new float[x.Length], new float[x.Length], new float[x.Length], new float[x.Length], new float[x.Length]);
            f.Span(x, values);
            f.SpanDerivative(x, derivatives);
            f.Backward(x, ones, gradients);
            f.ForwardBackward(x, ones, fusedValues, fusedGradients);
            AssertAll(c, Widen(values), Widen(derivatives), Widen(gradients), Widen(fusedValues), Widen(fusedGradients));
        }
    }

    public static TheoryData<string> TailCases => new(Fixtures.Activations
        .Where(c => c.Dtype == "float64" && c.Finite && c.Name is "Sigmoid" or "Softplus" or "LogSigmoid" or "Silu" or "Mish")
        .Select(c => c.Id));

    [Theory]
    [MemberData(nameof(TailCases))]
    public void TailsKeepTheirRelativePrecision(string id)
    {
        // PyTorch computes these with log1p and exp far from zero, so below the absolute floor of the other tests its
        // normal (not subnormal) results are still accurate to the last bits, and so must ours be.
        var c = Case(id);
        var f = ActivationForms.Double(c);
        var checkedPoints = 0;
        for (var i = 0; i < c.X.Length; i++)
        {
            var x = c.X[i];
            var (y, dX) = (f.Gradient(x, out var d), d);
            if (double.IsNormal(c.Y[i]) && Math.Abs(c.Y[i]) < Tolerance.Floor(c, i))
            {
                Tolerance.AssertClose(c, i, "tail value", c.Y[i], f.Value(x), 0);
                Tolerance.AssertClose(c, i, "tail Gradient value", c.Y[i], y, 0);
                checkedPoints++;
            }

            if (double.IsNormal(c.Dydx[i]) && Math.Abs(c.Dydx[i]) < Tolerance.Floor(c, i))
            {
                Tolerance.AssertClose(c, i, "tail derivative", c.Dydx[i], dX, 0);
                checkedPoints++;
            }
        }

        Assert.True(checkedPoints > 0, $"{id} has no point below the floor.");
    }

    [Fact]
    public void EveryActivationOfTheSpecHasFixtureCasesInBothPrecisions()
    {
        string[] names = ["Sigmoid", "Tanh", "Relu", "LeakyRelu", "Elu", "Selu", "Softplus", "Gelu", "Silu", "Mish", "Softsign", "HardTanh", "LogSigmoid"];
        var covered = Fixtures.Activations.Select(c => (c.Name, c.Dtype, c.Finite)).ToHashSet();
        Assert.All(names, n => Assert.All(
            new[] { ("float64", true), ("float32", true), ("float64", false), ("float32", false) },
            k => Assert.Contains((n, k.Item1, k.Item2), covered)));
        Assert.Contains(Fixtures.Activations, c => c.Name == "Gelu" && c.Text("approximate") == "tanh");
    }

    private static void AssertAll(ActivationCase c, double[] values, double[] derivatives, double[] gradients, double[] fusedValues, double[] fusedGradients)
    {
        for (var i = 0; i < c.X.Length; i++)
        {
            Tolerance.AssertClose(c, i, "span value", c.Y[i], values[i]);
            Tolerance.AssertClose(c, i, "span derivative", c.Dydx[i], derivatives[i]);
            Tolerance.AssertClose(c, i, "Backward", c.Dydx[i], gradients[i]);
            Tolerance.AssertClose(c, i, "ForwardBackward value", c.Y[i], fusedValues[i]);
            Tolerance.AssertClose(c, i, "ForwardBackward gradient", c.Dydx[i], fusedGradients[i]);
        }
    }

    private static double[] Widen(float[] values) => [.. values.Select(v => (double)v)];

    private static ActivationCase Case(string id) => Fixtures.Activations.Single(c => c.Id == id);
}
