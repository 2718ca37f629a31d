using Microsoft.CodeAnalysis.Diagnostics;

namespace SymGrad.Generator.Model;

/// <summary>Options read from MSBuild: <c>SymGradSimplify=false</c> turns simplification off.</summary>
internal sealed record GeneratorOptions(bool Simplify)
{
    public static GeneratorOptions From(AnalyzerConfigOptions options) =>
        new(!(options.TryGetValue("build_property.SymGradSimplify", out var value)
            && string.Equals(value?.Trim(), "false", System.StringComparison.OrdinalIgnoreCase)));
}
