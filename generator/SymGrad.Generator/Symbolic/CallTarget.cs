using SymGrad.Generator.Model;

namespace SymGrad.Generator.Symbolic;

/// <summary>
/// A method called from differentiable code. A <see cref="IsDifferentiable"/> target is another
/// [Differentiable] method whose generated <c>Gradient</c> member supplies the partials of
/// <see cref="DifferentiableParameters"/>; otherwise <see cref="PartialMethods"/> names, per
/// parameter, the registered derivative method (empty where none is registered).
/// </summary>
/// <param name="Type">The declaring type, fully qualified with <c>global::</c>.</param>
/// <param name="Method">The method name.</param>
/// <param name="Id">A stable identity of the method (its signature), for the call graph.</param>
/// <param name="ParameterNames">The parameter names, for naming partials in code and docs.</param>
internal sealed record CallTarget(
    string Type,
    string Method,
    string Id,
    bool IsDifferentiable,
    EquatableArray<int> DifferentiableParameters,
    EquatableArray<string> PartialMethods,
    EquatableArray<string> ParameterNames);
