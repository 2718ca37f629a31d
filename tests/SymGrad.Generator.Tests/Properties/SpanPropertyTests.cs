using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using Xunit;
using Xunit.Abstractions;

namespace SymGrad.Generator.Tests.Properties;

/// <summary>
/// The span counterpart of <see cref="DerivativePropertyTests"/>: hundreds of seeded random methods over
/// spans, arrays, scalars and ints (sums of random elementwise expressions of one or two spans, dot
/// products, means and variances, running maxima and minima, log-sum-exp with a max shift, running
/// products, tanh recurrences, local arrays filled in one loop and reduced in another, lagged products,
/// dense layers and two-layer networks with tanh / sigmoid / softplus and squared-error or cross-entropy
/// losses) are compiled through the generator, with simplification on and off, and every element of
/// every span gradient and every scalar partial is compared with central differences, for lengths drawn
/// from 0–37 per case (empty spans, single elements, vector tails) and network sizes 1–9.
/// </summary>
/// <remarks>
/// Reproduce or explore with other seeds: SYMGRAD_PROPERTY_SEED=123 SYMGRAD_PROPERTY_COUNT=1000 dotnet test
/// --filter FullyQualifiedName~SpanProperty (SYMGRAD_PROPERTY_REPORT=/tmp/prop writes every failure in detail
/// to /tmp/prop-span-double-simplify-True.txt and so on). A failure message shows the method, the case
/// (dimensions and every argument), the partial, both values and the generated code. A crash of the test
/// host (a stack overflow inside a generated <c>F…Gradient</c>, e.g. from a <c>stackalloc</c> of negative size)
/// is a generator bug too: no test can catch it, but the crash's stack trace names the method, and
/// <c>Corpus(seed, count)</c> regenerates it.
/// </remarks>
public sealed class SpanPropertyTests
{
    private const int DefaultSeed = 20_260_612;
    private const int DoublePrograms = 200;
    private const int ChunkSize = 200;

    private readonly ITestOutputHelper _output;

    public SpanPropertyTests(ITestOutputHelper output)
    {
        _output = output;
    }

    internal static int Seed => int.TryParse(Environment.GetEnvironmentVariable("SYMGRAD_PROPERTY_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int s) ? s : DefaultSeed;

    internal static int Count(int defaultCount) =>
        int.TryParse(Environment.GetEnvironmentVariable("SYMGRAD_PROPERTY_COUNT"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) ? n : defaultCount;

    internal static List<SpanProgram> Corpus(int seed, int count)
    {
        var generator = new RandomSpanProgramGenerator(seed);
        return Enumerable.Range(0, count).Select(generator.Next).ToList();
    }

    [Fact]
    public void RandomSpanCorpusCoversEveryConstruct()
    {
        // The double corpus (seed) and the float corpus (seed + 1) together: every construct is checked.
        var generator = new RandomSpanProgramGenerator(DefaultSeed);
        List<SpanProgram> corpus = Enumerable.Range(0, DoublePrograms).Select(generator.Next).ToList();
        var floatGenerator = new RandomSpanProgramGenerator(DefaultSeed + 1);
        for (int i = 0; i < FloatSpanPropertyTests.FloatPrograms; i++)
        {
            floatGenerator.Next(i);
        }

        var coverage = new Dictionary<string, int>(generator.Coverage, StringComparer.Ordinal);
        foreach (KeyValuePair<string, int> kv in floatGenerator.Coverage)
        {
            coverage.TryGetValue(kv.Key, out int n);
            coverage[kv.Key] = n + kv.Value;
        }

        // The cases the double test draws: every length 0–37 occurs, empty spans often.
        var lengths = new SortedDictionary<int, int>();
        foreach (SpanProgram p in corpus)
        {
            var rng = new Random(unchecked((DefaultSeed * 7919) + p.Index));
            for (int c = 0; c < SpanGradientChecker.CasesPerProgram; c++)
            {
                int n = SpanGradientChecker.Sample(p, rng, isFloat: false).Dims["n"];
                lengths.TryGetValue(n, out int seen);
                lengths[n] = seen + 1;
            }
        }

        List<string> missing = RandomSpanProgramGenerator.RequiredTags
            .Where(t => !coverage.TryGetValue(t, out int n) || n < 4)
            .ToList();
        _output.WriteLine(string.Join("\n", coverage.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}: {kv.Value}")));
        Assert.True(missing.Count == 0, "constructs (nearly) absent from the random span corpus: " + string.Join(", ", missing));

        List<int> absent = Enumerable.Range(0, RandomSpanProgramGenerator.MaxLength + 1).Where(n => !lengths.ContainsKey(n)).ToList();
        Assert.True(absent.Count == 0, "lengths never drawn: " + string.Join(", ", absent));
        Assert.True(lengths[0] >= 30, $"only {lengths[0]} cases with empty spans");

        foreach (SpanProgram p in corpus.Take(6))
        {
            _output.WriteLine(p.RenderMethod(Dialect.Double, "F" + p.Index));
        }

        _output.WriteLine("lengths: " + string.Join(", ", lengths.Select(kv => $"{kv.Key}:{kv.Value}")));
    }

    [Fact]
    public void RandomSpanCorpusIsDeterministic()
    {
        static string Render(List<SpanProgram> ps) => string.Join("\n", ps.Select(p => p.Render(Dialect.Double, "F" + p.Index) + p.Render(Dialect.Single, "G" + p.Index)));
        Assert.Equal(Render(Corpus(DefaultSeed, 40)), Render(Corpus(DefaultSeed, 40)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void DoubleSpanGradientsMatchFiniteDifferences(bool simplify)
    {
        int seed = Seed;
        Run(new SpanGradientChecker(simplify, isFloat: false), Corpus(seed, Count(DoublePrograms)), seed);
    }

    private void Run(SpanGradientChecker checker, List<SpanProgram> corpus, int seed) => RunCorpus(checker, corpus, seed, _output);

    /// <summary>Checks <paramref name="corpus"/> in chunks of <see cref="ChunkSize"/> methods per compilation and asserts that nothing failed or was skipped.</summary>
    internal static void RunCorpus(SpanGradientChecker checker, List<SpanProgram> corpus, int seed, ITestOutputHelper output)
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
            System.IO.File.WriteAllText($"{fullReport}-span-{(checker.IsFloat ? "float" : "double")}-simplify-{checker.Simplify}.txt", checker.Report(corpus.Count, int.MaxValue));
        }

        output.WriteLine($"seed {seed}: {checker.ProgramsTested} programs in {checker.Compilations} compilations, {checker.Cases} cases, {checker.Checks} checks ({checker.RefinedDifferences} needed a finer difference) in {clock.Elapsed.TotalSeconds:F1} s");
        output.WriteLine("worst |error| / tolerance of the passing checks: " + string.Join(", ", checker.WorstRatio.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key} {kv.Value:F3}")));
        output.WriteLine("lengths n: " + string.Join(", ", checker.Lengths.Select(kv => $"{kv.Key}:{kv.Value}")));
        output.WriteLine(report);

        Assert.True(checker.Failures.Count == 0, report);
        Assert.True(checker.Skipped == 0, $"{checker.Skipped} programs were skipped\n" + report);
        Assert.Equal(corpus.Count, checker.ProgramsTested);
        Assert.Equal(corpus.Count * SpanGradientChecker.CasesPerProgram, checker.Cases);
    }
}

/// <summary>
/// Float methods (<c>MathF</c>, float spans and arrays) from random span programs (seed + 1), each compiled
/// with its double twin: the float gradient must match central differences of the twin, and the twin's own
/// gradient the double rule. A separate class so that xunit runs it in parallel with the double corpus.
/// </summary>
public sealed class FloatSpanPropertyTests
{
    internal const int FloatPrograms = 200;

    private readonly ITestOutputHelper _output;

    public FloatSpanPropertyTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void FloatSpanGradientsMatchDoubleFiniteDifferences(bool simplify)
    {
        int seed = SpanPropertyTests.Seed + 1;
        SpanPropertyTests.RunCorpus(new SpanGradientChecker(simplify, isFloat: true), SpanPropertyTests.Corpus(seed, SpanPropertyTests.Count(FloatPrograms)), seed, _output);
    }
}
