using System;
using System.Linq;
using SymGrad.Runtime.Tests.Infrastructure;
using Xunit;

namespace SymGrad.Runtime.Tests;

/// <summary>
/// Softmax and LogSoftmax against the PyTorch fixtures: values, the generated <c>XJacobian</c> (row-major, row i = ∂yᵢ/∂x)
/// and the generated <c>XBackward</c> (vector-Jacobian product), in double and float; the seed example of the spec;
/// and the length checks of the generated members.
/// </summary>
public sealed class ActivationVectorTests
{
    public static TheoryData<string> Cases => new(Fixtures.Vectors.Select(c => c.Id));

    [Theory]
    [MemberData(nameof(Cases))]
    public void ValuesJacobianAndVectorJacobianProductMatchPyTorch(string id)
    {
        var c = Fixtures.Vectors.Single(v => v.Id == id);
        var n = c.X.Length;
        double[] y, jacobianValues, jacobian, vjp;
        if (c.Dtype == "float64")
        {
            (y, jacobianValues, jacobian, vjp) = (new double[n], new double[n], new double[n * n], new double[n]);
            if (c.Name == "Softmax")
            {
                Activations.Softmax(c.X, y);
                Activations.SoftmaxJacobian(c.X, jacobianValues, jacobian);
                Activations.SoftmaxBackward(c.X, c.G, vjp);
            }
            else
            {
                Activations.LogSoftmax(c.X, y);
                Activations.LogSoftmaxJacobian(c.X, jacobianValues, jacobian);
                Activations.LogSoftmaxBackward(c.X, c.G, vjp);
            }
        }
        else
        {
            var x = c.X.Select(v => (float)v).ToArray();
            var g = c.G.Select(v => (float)v).ToArray();
            var (ys, values, jac, products) = (new float[n], new float[n], new float[n * n], new float[n]);
            if (c.Name == "Softmax")
            {
                Activations.Softmax(x, ys);
                Activations.SoftmaxJacobian(x, values, jac);
                Activations.SoftmaxBackward(x, g, products);
            }
            else
            {
                Activations.LogSoftmax(x, ys);
                Activations.LogSoftmaxJacobian(x, values, jac);
                Activations.LogSoftmaxBackward(x, g, products);
            }

            (y, jacobianValues, jacobian, vjp) = (Widen(ys), Widen(values), Widen(jac), Widen(products));
        }

        for (var i = 0; i < n; i++)
        {
            AssertClose(c, $"y[{i}]", c.Y[i], y[i]);
            AssertClose(c, $"Jacobian values[{i}]", c.Y[i], jacobianValues[i]);
            AssertClose(c, $"vjp[{i}]", c.Vjp[i], vjp[i]);
            for (var j = 0; j < n; j++)
            {
                AssertClose(c, $"jacobian[{i}, {j}]", c.Jacobian[i][j], jacobian[(i * n) + j]);
            }
        }
    }

    [Fact]
    public void SoftmaxSeedExample()
    {
        // SPEC: softmax([0.2001, 0.6048, 0.0787]) ≈ [0.2954(6), 0.4429, 0.2617]; the gradient of its second output is
        // [−0.1308, 0.2467, −0.1159].
        double[] x = [0.2001, 0.6048, 0.0787];
        var y = new double[3];
        Activations.Softmax(x, y);
        Assert.Equal([0.2955, 0.4429, 0.2617], y.Select(v => Math.Round(v, 4)));
        Assert.Equal(0.29546, y[0], 5);

        var gradient = new double[3];
        Activations.SoftmaxBackward(x, [0, 1, 0], gradient);
        Assert.Equal([-0.1308, 0.2467, -0.1159], gradient.Select(v => Math.Round(v, 4)));

        var floats = new float[3];
        Activations.SoftmaxBackward([0.2001f, 0.6048f, 0.0787f], [0f, 1f, 0f], floats);
        Assert.Equal([-0.1308, 0.2467, -0.1159], floats.Select(v => Math.Round((double)v, 4)));
    }

    [Fact]
    public void GeneratedVectorMembersRejectWrongLengthsNamingTheParameter()
    {
        var x = new double[3];
        Assert.Equal("gradOutput", Assert.Throws<ArgumentException>(() => Activations.SoftmaxBackward(x, new double[2], new double[3])).ParamName);
        Assert.Equal("dX", Assert.Throws<ArgumentException>(() => Activations.SoftmaxBackward(x, new double[3], new double[4])).ParamName);
        Assert.Equal("gradOutput", Assert.Throws<ArgumentException>(() => Activations.LogSoftmaxBackward(x, new double[4], new double[3])).ParamName);
        Assert.Equal("jacobian", Assert.Throws<ArgumentException>(() => Activations.SoftmaxJacobian(x, new double[3], new double[8])).ParamName);
        Assert.Equal("jacobian", Assert.Throws<ArgumentException>(() => Activations.LogSoftmaxJacobian(new float[3], new float[3], new float[10])).ParamName);
    }

    private static void AssertClose(VectorCase c, string what, double expected, double actual)
    {
        // Relative 1e-10 (double) or 1e-5 (float), with the floor of the elementwise tests at |x| ≤ 1: entries of the
        // Jacobian such as −y·y for y ≈ 1 − 1e-13 (the "extreme" case) are differences of terms near 1.
        var (relative, floor) = c.Dtype == "float64" ? (1e-10, Math.Pow(2, -53)) : (1e-5, Math.Pow(2, -24));
        var ok = double.IsNaN(expected)
            ? double.IsNaN(actual)
            : double.IsInfinity(expected) ? expected == actual : Math.Abs(actual - expected) <= (relative * Math.Abs(expected)) + floor;
        Assert.True(ok, $"{c.Id} {what}: expected {expected:R}, got {actual:R}");
    }

    private static double[] Widen(float[] values) => [.. values.Select(v => (double)v)];
}
