using System;

namespace SymGrad;

/// <summary>
/// The gradient of a scalar function of a vector, shaped like the generated <c>T MGradient(ReadOnlySpan&lt;T&gt; x, Span&lt;T&gt; dX)</c>:
/// returns the value and writes ∂M/∂xᵢ into <paramref name="gradient"/>.
/// </summary>
/// <typeparam name="T"><see cref="double"/> or <see cref="float"/>.</typeparam>
/// <param name="x">The point.</param>
/// <param name="gradient">Receives the gradient, as long as <paramref name="x"/>.</param>
/// <returns>The function's value at <paramref name="x"/>.</returns>
public delegate T SpanGradient<T>(ReadOnlySpan<T> x, Span<T> gradient);
