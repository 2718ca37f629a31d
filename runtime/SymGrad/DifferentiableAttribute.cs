using System;

namespace SymGrad;

/// <summary>
/// Marks a static method of a partial type whose derivative SymGrad generates at compile time.
/// </summary>
/// <remarks>
/// For a method <c>M</c> with scalar parameters the generator adds <c>MGradient</c>, which returns
/// <c>M</c> and writes every partial derivative to an <c>out</c> parameter named <c>d</c> + the
/// parameter in PascalCase, and, when exactly one parameter is differentiated, <c>MDerivative</c>.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class DifferentiableAttribute : Attribute
{
    /// <summary>Differentiates with respect to every floating-point parameter not marked <see cref="NoDerivativeAttribute"/>.</summary>
    public DifferentiableAttribute()
    {
        Wrt = Array.Empty<string>();
    }

    /// <summary>Differentiates with respect to the named parameters only; write them with <c>nameof</c>.</summary>
    /// <param name="wrt">The parameters to differentiate with respect to.</param>
    public DifferentiableAttribute(params string[] wrt)
    {
        Wrt = wrt ?? Array.Empty<string>();
    }

    /// <summary>The parameters to differentiate with respect to; empty means all of them.</summary>
    public string[] Wrt { get; }
}
