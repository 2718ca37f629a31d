using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Xunit;

namespace SymGrad.Generator.Tests.Infrastructure;

/// <summary>The outcome of one generator run: what it produced, what it reported, and the compilation it yields.</summary>
public sealed class GeneratorRun
{
    internal GeneratorRun(Compilation outputCompilation, ImmutableArray<Diagnostic> generatorDiagnostics, GeneratorDriverRunResult runResult)
    {
        var result = runResult.Results.Single();
        OutputCompilation = outputCompilation;
        GeneratorDiagnostics = generatorDiagnostics;
        RunResult = runResult;
        GeneratorException = result.Exception;
        GeneratedSources = [.. result.GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString()))];
        compilationErrors = new Lazy<ImmutableArray<Diagnostic>>(() => [.. outputCompilation.GetDiagnostics()
            .Where(d => d.Severity is DiagnosticSeverity.Error or DiagnosticSeverity.Warning)]);
    }

    // Binding the whole output compilation dominates a run; the fuzz tests never need it.
    private readonly Lazy<ImmutableArray<Diagnostic>> compilationErrors;

    /// <summary>The input compilation plus every generated tree.</summary>
    public Compilation OutputCompilation { get; }

    /// <summary>
    /// What the generator reported, plus the driver's own CS8784/CS8785 warnings if the generator failed.
    /// </summary>
    public ImmutableArray<Diagnostic> GeneratorDiagnostics { get; }

    public ImmutableArray<(string HintName, string Text)> GeneratedSources { get; }

    /// <summary>The exception the generator threw, which the driver otherwise turns into a warning.</summary>
    public Exception? GeneratorException { get; }

    /// <summary>Errors and warnings of <see cref="OutputCompilation"/>: the generated code must add none.</summary>
    public ImmutableArray<Diagnostic> CompilationErrors => compilationErrors.Value;

    public GeneratorDriverRunResult RunResult { get; }

    /// <summary>The single generated file for <paramref name="methodName"/>; fails the test if there is none.</summary>
    public string GeneratedFor(string methodName)
    {
        // Hint names hold the method name as a dotted segment ("Ns.Type.Sigmoid.g.cs"); matching the
        // segment keeps "Sigmoid" from also finding "SigmoidChain". Substrings are the fallback.
        var matches = GeneratedSources.Where(s => s.HintName.Split('.', '_', '-', '+', '/').Contains(methodName)).ToList();
        if (matches.Count == 0)
        {
            matches = [.. GeneratedSources.Where(s => s.HintName.Contains(methodName, StringComparison.Ordinal))];
        }

        if (matches.Count != 1)
        {
            Assert.Fail(
                $"Expected one generated file for '{methodName}', found {matches.Count}. Generated: [{string.Join(", ", GeneratedSources.Select(s => s.HintName))}]. " +
                $"Generator diagnostics: [{string.Join("; ", GeneratorDiagnostics)}]");
        }

        return matches[0].Text;
    }

    /// <summary>Compiles <see cref="OutputCompilation"/> and loads it into its own collectible context.</summary>
    public Assembly Load()
    {
        using var image = new MemoryStream();
        var emit = OutputCompilation.Emit(image);
        if (!emit.Success)
        {
            Assert.Fail("The output compilation does not compile:\n" + string.Join("\n", emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        }

        image.Position = 0;
        return new AssemblyLoadContext(OutputCompilation.AssemblyName, isCollectible: true).LoadFromStream(image);
    }
}
