using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using Xunit;
using Xunit.Abstractions;

namespace SymGrad.Generator.Tests.Properties;

/// <summary>
/// The main correctness check of the derivative engine: hundreds of seeded random functions (every
/// operator, every Math function, the hand-written sigmoid/tanh/softplus spellings, ternaries, if/else
/// with early returns, locals with compound assignment, calls to other [Differentiable] methods) are
/// compiled through the generator, and every partial it produces is compared with finite differences
/// of the function itself at random points, with simplification on and off.
/// </summary>
/// <remarks>
/// Reproduce or explore with other seeds: SYMGRAD_PROPERTY_SEED=123 SYMGRAD_PROPERTY_COUNT=2000 dotnet test
/// --filter FullyQualifiedName~Properties (SYMGRAD_PROPERTY_REPORT=/tmp/prop writes every failure in detail
/// to /tmp/prop-double-simplify-True.txt and so on). A failure message shows the function, the point, the parameter,
/// both values and the generated code.
/// </remarks>
public sealed class DerivativePropertyTests
{
    private const int DefaultSeed = 20_260_611;
    private const int DoubleFunctions = 500;
    private const int FloatFunctions = 100;
    private const int ChunkSize = 125;

    private readonly ITestOutputHelper _output;

    public DerivativePropertyTests(ITestOutputHelper output)
    {
        _output = output;
    }

    private static int Seed => int.TryParse(Environment.GetEnvironmentVariable("SYMGRAD_PROPERTY_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int s) ? s : DefaultSeed;

    private static int Count(int defaultCount) =>
        int.TryParse(Environment.GetEnvironmentVariable("SYMGRAD_PROPERTY_COUNT"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) ? n : defaultCount;

    internal static List<RandomFunction> Corpus(int seed, int count)
    {
        var generator = new RandomFunctionGenerator(seed);
        return Enumerable.Range(0, count).Select(generator.Next).ToList();
    }

    [Fact]
    public void RandomCorpusCoversEveryConstruct()
    {
        var generator = new RandomFunctionGenerator(DefaultSeed);
        for (int i = 0; i < DoubleFunctions; i++)
        {
            generator.Next(i);
        }

        List<string> missing = RandomFunctionGenerator.RequiredTags
            .Where(t => !generator.Coverage.TryGetValue(t, out int n) || n < 3)
            .ToList();
        Assert.True(missing.Count == 0, "constructs (nearly) absent from the random corpus: " + string.Join(", ", missing));
        foreach (RandomFunction f in Corpus(DefaultSeed, 8))
        {
            _output.WriteLine(f.Render(Dialect.Double, "F" + f.Index));
        }

        _output.WriteLine(string.Join("\n", generator.Coverage.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}: {kv.Value}")));
    }

    [Fact]
    public void RandomCorpusIsDeterministic()
    {
        string Render(List<RandomFunction> fs) => string.Join("\n", fs.Select(f => f.Render(Dialect.Double, "F" + f.Index)));
        Assert.Equal(Render(Corpus(DefaultSeed, 50)), Render(Corpus(DefaultSeed, 50)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void DoubleGradientsMatchFiniteDifferences(bool simplify)
    {
        int seed = Seed;
        int count = Count(DoubleFunctions);
        Run(new DerivativeChecker(simplify, isFloat: false), Corpus(seed, count), seed, minimumChecks: count * 3 * 2);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void FloatGradientsMatchDoubleFiniteDifferences(bool simplify)
    {
        int seed = Seed + 1;
        int count = Math.Max(1, Count(FloatFunctions * 5) / 5);
        Run(new DerivativeChecker(simplify, isFloat: true), Corpus(seed, count), seed, minimumChecks: count * 3 * 2);
    }

    private void Run(DerivativeChecker checker, List<RandomFunction> corpus, int seed, int minimumChecks)
    {
        var clock = Stopwatch.StartNew();
        for (int start = 0; start < corpus.Count; start += ChunkSize)
        {
            checker.CheckChunk(corpus.Skip(start).Take(ChunkSize).ToList(), seed);
        }

        string report = checker.Report(corpus.Count);
        string? fullReport = Environment.GetEnvironmentVariable("SYMGRAD_PROPERTY_REPORT");
        if (!string.IsNullOrEmpty(fullReport))
        {
            // Every failure in detail, for exploring other seeds.
            System.IO.File.WriteAllText($"{fullReport}-{(checker.IsFloat ? "float" : "double")}-simplify-{checker.Simplify}.txt", checker.Report(corpus.Count, int.MaxValue));
        }

        _output.WriteLine($"seed {seed}: {checker.FunctionsTested} functions, {checker.Checks} checks in {clock.Elapsed.TotalSeconds:F1} s");
        _output.WriteLine(report);

        Assert.True(checker.Failures.Count == 0, report);
        Assert.True(checker.Skipped == 0, $"{checker.Skipped} cases were skipped\n" + report);
        Assert.Equal(corpus.Count, checker.FunctionsTested);

        // Each function is checked at 3 points for its value and at least one partial.
        Assert.True(checker.Checks >= minimumChecks, $"only {checker.Checks} checks ran");
    }
}
