namespace SymGrad.Generator.Model;

/// <summary>One level of the partial type nesting that generated members are emitted into.</summary>
/// <param name="Keyword">class, struct, record, record struct or interface.</param>
/// <param name="Name">The type name with its type parameter list.</param>
internal sealed record ContainingType(string Keyword, string Name);
