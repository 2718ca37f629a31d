using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.Intrinsics;
using SymGrad.Generator.Emit;
using SymGrad.Generator.Model;
using Xunit;

namespace SymGrad.Generator.Tests;

/// <summary>
/// The loop vectorizer on its own: which loop bodies it rewrites and which it leaves scalar, and the shape of what it
/// writes. Whether the vector loops compute the right numbers is the span property tests' job (every length 0–37, so
/// every vector loop, overlapping last vector and scalar loop runs).
/// </summary>
public sealed class LoopVectorizerTests
{
    private static readonly Dictionary<string, ValueKind> Kinds = new()
    {
        ["x"] = ValueKind.Input,
        ["w"] = ValueKind.Input,
        ["dX"] = ValueKind.Span,
        ["exps"] = ValueKind.Span,
        ["max"] = ValueKind.Number,
        ["scale"] = ValueKind.Number,
        ["n"] = ValueKind.Integer,
        ["j"] = ValueKind.Integer,
        ["targets"] = ValueKind.Input,
        ["c"] = ValueKind.Condition,
    };

    [Fact]
    public void ARowOfALayerIsLoadedAtTheCounterPlusAnOffset()
    {
        var code = Vectorize("var u = n * j + i;", "var u1 = x[u];", "dX[u] += scale * Math.Exp(u1 - max);");
        Assert.NotNull(code);
        Assert.Contains("var u1 = Vector512.LoadUnsafe(ref x0, (nuint)u);", code);
        Assert.Contains("ref var x0 = ref MemoryMarshal.GetReference((ReadOnlySpan<double>)x);", code);
        Assert.Contains("ref var dX0 = ref MemoryMarshal.GetReference(dX);", code);
        Assert.Contains("var scales = Vector512.Create(scale);", code);
        Assert.Contains("VectorMath.Exp(u1 - maxs)", code);

        // The last, overlapping vector adds only to its new lanes; the scalar loop is left for short rows.
        Assert.Contains("Vector256.ConditionalSelect(fresh", code);
        Assert.Contains("for (; i < n; i++)", code);
    }

    [Fact]
    public void SumsAndExtremaKeepOneVectorOfPartialResults()
    {
        var sum = Vectorize("sum += x[i] * w[i];")!;
        Assert.Contains("var sums = Vector512<double>.Zero;", sum);
        Assert.Contains("sums += Vector512.LoadUnsafe(ref x0, (nuint)i) * Vector512.LoadUnsafe(ref w0, (nuint)i);", sum);
        Assert.Contains("sum += Vector512.Sum(sums);", sum);
        Assert.Contains("sums1 += Vector256.BitwiseAnd(", sum);

        var max = Vectorize("best = Math.Max(best, x[i]);")!;
        Assert.Contains("var bests = Vector512.Create(double.NegativeInfinity);", max);
        Assert.Contains("best = Math.Max(best, VectorMath.MaxAcross(bests));", max);
    }

    [Fact]
    public void Log1PComesFromVectorMathInBothForms()
    {
        // The scalar code already calls VectorMath.Log1P (Math has no accurate log1p); the vector code calls its overload.
        var code = Vectorize("sum += VectorMath.Log1P(Math.Exp(-Math.Abs(x[i])));")!;
        Assert.Contains("sums += VectorMath.Log1P(VectorMath.Exp(-Vector512.Abs(Vector512.LoadUnsafe(ref x0, (nuint)i))));", code);
    }

    [Fact]
    public void AnInvariantConditionStaysAScalarChoiceBetweenVectors()
    {
        var code = Vectorize("var u = x[i];", "exps[i] = c ? u * scale : -u;")!;
        Assert.Contains("(c ? u * scales : -u).StoreUnsafe(ref exps0, (nuint)i);", code);
    }

    [Theory]
    [InlineData("exps[i] = x[targets[i]];")]                    // a gather
    [InlineData("exps[i] = w[i * n + j];")]                     // a stride
    [InlineData("exps[i] = x[i] * i;")]                         // the counter as a number
    [InlineData("exps[i] = x[i] > 0 ? w[i] : 0;")]              // a read inside a branch
    [InlineData("best = Math.Max(best, Math.Tanh(x[i]));")]     // an extremum its ties are compared with elsewhere
    [InlineData("best = Math.Max(best, VectorMath.Log1P(x[i]));")] // the same with log1p
    [InlineData("sum += Math.Exp(x[i]) == max ? 1 : 0;")]       // such a comparison itself
    [InlineData("exps[i] = exps[i - 1] * x[i];")]               // a recurrence through a stored array
    [InlineData("sum += x[i];\nsum += w[i];")]                  // a statement that is not one line
    [InlineData("if (x[i] > 0)\n{\n    dX[i] += w[i];\n}")]     // a read inside a guarded write
    [InlineData("exps[i] = Math.Sin(x[i]);")]                   // no vector counterpart
    [InlineData("exps[i] = unknown * x[i];")]                   // a name the emitter did not declare
    public void WhatTheVectorCodeCannotDoLeavesTheLoopScalar(string statement) =>
        Assert.Null(Vectorize(statement));

    [Fact]
    public void AGuardedAddKeepsTheOldValueWhereTheGuardFails()
    {
        // relu's bias gradient: each lane adds only where its own element of x is positive.
        var code = Vectorize("var u = w[i];", "if (x[i] > 0)\n{\n    dX[i] += u;\n}")!;
        Assert.Contains("Vector512.ConditionalSelect(Vector512.GreaterThan(Vector512.LoadUnsafe(ref x0, (nuint)i), ", code);
        Assert.Contains("dXOld + u, dXOld).StoreUnsafe(ref dX0, (nuint)i);", code);
        Assert.Contains("Vector256.ConditionalSelect(Vector256.BitwiseAnd(", code);
    }

    [Fact]
    public void AnInvariantGuardWrapsTheVectorLoop()
    {
        var code = Vectorize("var u = x[i];", "if (c)\n{\n    dX[i] += u * scale;\n}")!;
        Assert.StartsWith("if (c)\n{", code);
        Assert.Contains("Vector512.LoadUnsafe(ref dX0, (nuint)i) + u * scales", code);
    }

    [Fact]
    public void ALoopThatOnlyComputesLocalsIsNotWorthVectorizing() =>
        Assert.Null(Vectorize("var u = x[i] * 2;"));

    [Fact]
    public void ExtremaAcrossLanesFoldLikeMathMax()
    {
        Assert.Equal(3f, VectorMath.MaxAcross(Vector256.Create(1f, -2, 3, 0, -0f, 2, 1, 1)));
        Assert.Equal(-2f, VectorMath.MinAcross(Vector512.Create(1f, -2, 3, 0, -0f, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1)));
        Assert.True(double.IsNaN(VectorMath.MaxAcross(Vector256.Create(1, double.NaN, 3, 0))));
        Assert.True(double.IsNaN(VectorMath.MinAcross(Vector512.Create(1, 2, 3, 0, 0, 0, double.NaN, 0))));

        // +0 is above −0, as for Math.Max and Math.Min.
        Assert.True(double.IsPositive(VectorMath.MaxAcross(Vector256.Create(-0.0, 0.0, -0.0, -0.0))));
        Assert.True(float.IsNegative(VectorMath.MinAcross(Vector256.Create(0f, 0, 0, -0f, 0, 0, 0, 0))));
        Assert.Equal(-1.0, VectorMath.MaxAcross(Vector512.Create(-1.0)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(6)]
    [InlineData(13)]
    public void ExtremaAcrossLanesSeeEveryLane(int lane)
    {
        float[] ones = [.. Enumerable.Repeat(1f, 16)];
        Vector512<float> With(float value) => Vector512.Create([.. ones.Select((v, k) => k == lane ? value : v)]);
        Vector512<double> WithDouble(double value) => Vector512.Create([.. ones.Take(8).Select((v, k) => k == lane % 8 ? value : v)]);

        Assert.True(float.IsNaN(VectorMath.MaxAcross(With(float.NaN))));
        Assert.True(float.IsNaN(VectorMath.MinAcross(With(float.NaN))));
        Assert.True(double.IsNaN(VectorMath.MaxAcross(WithDouble(double.NaN))));
        Assert.True(double.IsNaN(VectorMath.MinAcross(WithDouble(double.NaN))));
        Assert.Equal(5f, VectorMath.MaxAcross(With(5)));
        Assert.Equal(-5f, VectorMath.MinAcross(With(-5)));
        Assert.Equal(5.0, VectorMath.MaxAcross(WithDouble(5)));
        Assert.Equal(-5.0, VectorMath.MinAcross(WithDouble(-5)));
        Assert.True(float.IsPositive(VectorMath.MaxAcross(Vector512.Create([.. ones.Select((_, k) => k == lane ? 0f : -0f)]))));
        Assert.True(float.IsNegative(VectorMath.MinAcross(Vector512.Create([.. ones.Select((_, k) => k == lane ? -0f : 0f)]))));
        Assert.True(float.IsPositive(VectorMath.MaxAcross(Vector256.Create([.. ones.Take(8).Select((_, k) => k == lane % 8 ? 0f : -0f)]))));
        Assert.True(float.IsNegative(VectorMath.MinAcross(Vector256.Create([.. ones.Take(8).Select((_, k) => k == lane % 8 ? -0f : 0f)]))));
        Assert.True(double.IsPositive(VectorMath.MaxAcross(Vector512.Create([.. ones.Take(8).Select((_, k) => k == lane % 8 ? 0.0 : -0.0)]))));
        Assert.True(double.IsNegative(VectorMath.MinAcross(Vector256.Create([.. ones.Take(4).Select((_, k) => k == lane % 4 ? -0.0 : 0.0)]))));
        Assert.True(float.IsNaN(VectorMath.MaxAcross(Vector256.Create([.. ones.Take(8).Select((_, k) => k == lane % 8 ? float.NaN : 1f)]))));
        Assert.True(double.IsNaN(VectorMath.MinAcross(Vector256.Create([.. ones.Take(4).Select((_, k) => k == lane % 4 ? double.NaN : 1.0)]))));
    }

    private static string? Vectorize(params string[] statements) => LoopVectorizer.Vectorize(
        "i",
        "0",
        "n",
        statements,
        NumericType.Double,
        name => Kinds.TryGetValue(name, out var kind) ? kind : name is "sum" or "best" ? ValueKind.Number : ValueKind.Unknown,
        new HashSet<string>(Kinds.Keys.Concat(["i", "sum", "best"]), StringComparer.Ordinal),
        out _);
}
