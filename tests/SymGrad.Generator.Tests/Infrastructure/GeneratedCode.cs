using System;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace SymGrad.Generator.Tests.Infrastructure;

/// <summary>Reads pieces of generated source, so closed-form checks look at one method rather than the whole file.</summary>
public static class GeneratedCode
{
    /// <summary>The body (block or expression) of the single method <paramref name="methodName"/> in <paramref name="source"/>, without its doc comment.</summary>
    public static string MethodBody(string source, string methodName)
    {
        var methods = CSharpSyntaxTree.ParseText(source, GeneratorHarness.ParseOptions).GetRoot()
            .DescendantNodes()
            .OfType<MethodDeclarationSyntax>()
            .Where(m => m.Identifier.ValueText == methodName)
            .ToList();
        if (methods.Count > 1)
        {
            // The elementwise span forms share the name of the scalar member; the scalar one is meant.
            methods = [.. methods.Where(m => !m.ParameterList.Parameters.Any(p => p.Type is GenericNameSyntax { Identifier.ValueText: "ReadOnlySpan" or "Span" }))];
        }

        Assert.True(methods.Count == 1, $"Expected one method '{methodName}' in the generated source, found {methods.Count}:\n{source}");
        return (methods[0].Body?.ToString() ?? methods[0].ExpressionBody?.ToString())!;
    }

    public static int Occurrences(string text, string fragment)
    {
        var count = 0;
        for (var i = text.IndexOf(fragment, StringComparison.Ordinal); i >= 0; i = text.IndexOf(fragment, i + fragment.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
