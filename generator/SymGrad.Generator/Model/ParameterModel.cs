namespace SymGrad.Generator.Model;

/// <summary>A parameter of a differentiable method.</summary>
/// <param name="Name">The name as written in C# (escaped with <c>@</c> where it is a keyword).</param>
/// <param name="Type">The parameter type as written in generated code.</param>
/// <param name="IsDifferentiable">Whether a partial derivative is generated for it.</param>
/// <param name="Kind">A scalar, an <c>int</c>, or a span or array of scalars.</param>
/// <param name="Default">The default value as a C# expression (<c>0.01</c>, <c>1f</c>, <c>-100</c>), or <see langword="null"/> when there is none.</param>
internal sealed record ParameterModel(string Name, string Type, bool IsDifferentiable, ParameterKind Kind = ParameterKind.Scalar, string? Default = null)
{
    /// <summary>The parameter as declared in a generated signature, with its default when <paramref name="withDefault"/> holds.</summary>
    public string Declaration(bool withDefault) => withDefault && Default is not null ? $"{Type} {Name} = {Default}" : $"{Type} {Name}";
}

/// <summary>The shapes of parameter a differentiable method can take.</summary>
internal enum ParameterKind
{
    /// <summary>A <c>double</c> or <c>float</c>, the method's numeric type.</summary>
    Scalar,

    /// <summary>An <c>int</c>: a size or an offset, never differentiated.</summary>
    Int,

    /// <summary>A <c>ReadOnlySpan&lt;T&gt;</c>, <c>Span&lt;T&gt;</c> or <c>T[]</c> of the numeric type.</summary>
    Array,

    /// <summary>A <c>ReadOnlySpan&lt;int&gt;</c>, <c>Span&lt;int&gt;</c> or <c>int[]</c>: indices, never differentiated.</summary>
    IntArray,

    /// <summary>The <c>Span&lt;T&gt;</c> a vector-valued (<c>void</c>) method writes its result into.</summary>
    Output,
}
