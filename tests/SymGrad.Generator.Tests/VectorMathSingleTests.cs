using System;
using System.Linq;
using System.Runtime.Intrinsics;
using Xunit;

namespace SymGrad.Generator.Tests;

/// <summary>
/// The float kernels of <see cref="VectorMath"/> at the edges of their ranges, against the correctly rounded result
/// (the double function rounded to float): around the overflow threshold and through the subnormal results of exp,
/// subnormal inputs of log, and the seam of tanh between its polynomial and its exp form.
/// </summary>
public sealed class VectorMathSingleTests
{
    [Fact]
    public void ExpIsWithinOneUlpUpToOverflowAndThroughTheSubnormals()
    {
        var points = Range(80f, 89f, 20_000).Concat(Range(-104.5f, -80f, 40_000)).Concat(Range(-1f, 1f, 20_000)).ToArray();
        AssertWithin(points, x => VectorMath.Exp(Vector256.Create(x))[0], x => (float)Math.Exp(x), 1);
        AssertWithin(points, x => VectorMath.Exp(Vector512.Create(x))[0], x => (float)Math.Exp(x), 1);
        Assert.Equal(float.PositiveInfinity, VectorMath.Exp(Vector256.Create(88.8f))[0]);
        Assert.Equal(0f, VectorMath.Exp(Vector256.Create(-104f))[0]);
        Assert.Equal(float.Epsilon, VectorMath.Exp(Vector256.Create(-103.2f))[0]);
    }

    [Fact]
    public void LogIsWithinOneUlpForSubnormalAndNormalInputs()
    {
        var subnormals = Enumerable.Range(1, 20_000).Select(i => BitConverter.Int32BitsToSingle(i * 419)).ToArray();
        var normals = Range(1e-38f, 4f, 40_000).Concat(Range(0.5f, 2f, 40_000)).Append(float.MaxValue).ToArray();
        var points = subnormals.Concat(normals).ToArray();
        AssertWithin(points, x => VectorMath.Log(Vector256.Create(x))[0], x => (float)Math.Log(x), 1);
        AssertWithin(points, x => VectorMath.Log(Vector512.Create(x))[0], x => (float)Math.Log(x), 1);
    }

    [Fact]
    public void TanhIsWithinOneUlpOnBothSidesOfItsSeam()
    {
        var points = Range(-1.5f, 1.5f, 60_000).Concat(Range(1e-6f, 0.01f, 10_000)).Concat(Range(5f, 10f, 5_000)).ToArray();
        AssertWithin(points, x => VectorMath.Tanh(Vector256.Create(x))[0], x => (float)Math.Tanh(x), 1);
        AssertWithin(points, x => VectorMath.Tanh(Vector512.Create(x))[0], x => (float)Math.Tanh(x), 1);
        Assert.True(float.IsNegative(VectorMath.Tanh(Vector256.Create(-0f))[0]));
        Assert.Equal(-1f, VectorMath.Tanh(Vector256.Create(-9.5f))[0]);
    }

    private static float[] Range(float from, float to, int count) =>
        Enumerable.Range(0, count).Select(i => from + ((to - from) * i / (count - 1))).ToArray();

    private static void AssertWithin(float[] points, Func<float, float> actual, Func<float, float> exact, int ulps)
    {
        foreach (var x in points)
        {
            var (a, e) = (actual(x), exact(x));
            var distance = Math.Abs((long)BitConverter.SingleToInt32Bits(a) - BitConverter.SingleToInt32Bits(e));
            Assert.True(a.Equals(e) || distance <= ulps, $"f({x:R}) = {a:R}, correctly rounded {e:R}: {distance} ulp apart.");
        }
    }
}
