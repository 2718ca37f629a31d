using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace SymGrad.Generator.Lowering;

/// <summary>Helpers for names and source text shown in generated code and diagnostics.</summary>
internal static class Names
{
    public static string Escape(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    public static string Abbreviate(string source)
    {
        var single = string.Join(" ", source.Split(['\r', '\n', '\t', ' '], System.StringSplitOptions.RemoveEmptyEntries));
        return single.Length <= 80 ? single : single.Substring(0, 77) + "...";
    }

    /// <summary>"LocalFunction" → "local function".</summary>
    public static string Words(string pascal)
    {
        var text = new StringBuilder();
        foreach (var c in pascal)
        {
            if (char.IsUpper(c) && text.Length > 0)
            {
                text.Append(' ');
            }

            text.Append(char.ToLowerInvariant(c));
        }

        return text.ToString();
    }
}
