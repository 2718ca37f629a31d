using System;

namespace SymGrad;

/// <summary>
/// Registers a hand-written derivative for a function the generator cannot see into, such as a
/// special function or a third-party method. The marked method takes the same parameters as the
/// function and returns its partial derivative with respect to <see cref="Wrt"/>.
/// </summary>
/// <remarks>
/// The generator looks for registrations in the type that declares the function and in the types
/// enclosing the <see cref="DifferentiableAttribute"/> method that calls it.
/// <code>
/// public static double Erf(double x) { ... }
///
/// [DerivativeOf(nameof(Erf))]
/// public static double ErfDerivative(double x) => 2 / Math.Sqrt(Math.PI) * Math.Exp(-x * x);
/// </code>
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class DerivativeOfAttribute : Attribute
{
    /// <summary>Registers the derivative of a method declared in the same type as the marked method.</summary>
    /// <param name="method">The name of the function, written with <c>nameof</c>.</param>
    public DerivativeOfAttribute(string method)
    {
        Method = method;
    }

    /// <summary>Registers the derivative of a method declared in <paramref name="type"/>.</summary>
    /// <param name="type">The type that declares the function.</param>
    /// <param name="method">The name of the function, written with <c>nameof</c>.</param>
    public DerivativeOfAttribute(Type type, string method)
    {
        Type = type;
        Method = method;
    }

    /// <summary>The type that declares the function, or <see langword="null"/> for the marked method's own type.</summary>
    public Type? Type { get; }

    /// <summary>The name of the function whose derivative the marked method computes.</summary>
    public string Method { get; }

    /// <summary>
    /// The parameter the derivative is taken with respect to; <see langword="null"/> for a function of one
    /// parameter. A function of several parameters registers one method per parameter.
    /// </summary>
    public string? Wrt { get; set; }
}
