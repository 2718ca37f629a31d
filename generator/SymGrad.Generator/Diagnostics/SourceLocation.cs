using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace SymGrad.Generator.Diagnostics;

/// <summary>A source location as plain data, so that models holding it stay cacheable.</summary>
internal sealed record SourceLocation(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public static SourceLocation From(Location location) =>
        new(location.GetLineSpan().Path, location.SourceSpan, location.GetLineSpan().Span);

    /// <summary>The Roslyn location; <see cref="Location.None"/> for a diagnostic that has no place in source.</summary>
    public Location ToLocation() => string.IsNullOrEmpty(FilePath) ? Location.None : Location.Create(FilePath, Span, LineSpan);
}
