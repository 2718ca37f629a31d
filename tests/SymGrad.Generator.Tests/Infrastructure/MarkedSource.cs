using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace SymGrad.Generator.Tests.Infrastructure;

/// <summary>
/// Test source with the expected diagnostic locations written inline as <c>[|…|]</c>, Roslyn's
/// testing convention, so a test states where a diagnostic goes rather than counting columns.
/// </summary>
public sealed class MarkedSource
{
    private MarkedSource(string text, ImmutableArray<TextSpan> spans)
    {
        Text = text;
        Spans = spans;
    }

    /// <summary>The source with the markers removed.</summary>
    public string Text { get; }

    /// <summary>The marked spans, in source order, as offsets into <see cref="Text"/>.</summary>
    public ImmutableArray<TextSpan> Spans { get; }

    /// <summary>The only marked span.</summary>
    public TextSpan Span => Assert.Single(Spans);

    public static MarkedSource Parse(string marked)
    {
        var text = new StringBuilder(marked.Length);
        var spans = ImmutableArray.CreateBuilder<TextSpan>();
        int? start = null;
        for (var i = 0; i < marked.Length; i++)
        {
            if (string.CompareOrdinal(marked, i, "[|", 0, 2) == 0)
            {
                Assert.True(start is null, "Nested [| markers are not supported.");
                start = text.Length;
                i++;
            }
            else if (string.CompareOrdinal(marked, i, "|]", 0, 2) == 0)
            {
                Assert.True(start is not null, "|] without a matching [|.");
                spans.Add(TextSpan.FromBounds(start!.Value, text.Length));
                start = null;
                i++;
            }
            else
            {
                text.Append(marked[i]);
            }
        }

        Assert.True(start is null, "[| without a matching |].");
        return new MarkedSource(text.ToString(), spans.ToImmutable());
    }

    /// <summary>The zero-based line and column span of <paramref name="span"/>, as a diagnostic reports it.</summary>
    public LinePositionSpan LineSpan(TextSpan span) => SourceText.From(Text).Lines.GetLinePositionSpan(span);
}
