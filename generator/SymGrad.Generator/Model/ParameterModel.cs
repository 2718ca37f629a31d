namespace SymGrad.Generator.Model;

/// <summary>A parameter of a differentiable method.</summary>
/// <param name="Name">The name as written in C# (escaped with <c>@</c> where it is a keyword).</param>
/// <param name="Type">The parameter type as written in generated code.</param>
/// <param name="IsDifferentiable">Whether a partial derivative is generated for it.</param>
internal sealed record ParameterModel(string Name, string Type, bool IsDifferentiable);
