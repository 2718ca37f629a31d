using System;

namespace SymGrad;

/// <summary>
/// Treats a parameter of a <see cref="DifferentiableAttribute"/> method as a constant: labels,
/// hyper-parameters, data. No partial derivative is generated for it, and no gradient flows
/// through the values passed to it (like PyTorch's <c>detach</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class NoDerivativeAttribute : Attribute
{
}
