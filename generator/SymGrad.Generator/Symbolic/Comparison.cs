namespace SymGrad.Generator.Symbolic;

/// <summary>The comparison operators allowed in conditions.</summary>
internal enum Comparison
{
    None,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Equal,
    NotEqual,
}
