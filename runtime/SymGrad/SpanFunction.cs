using System;

namespace SymGrad;

/// <summary>A scalar function of a vector, such as a <see cref="DifferentiableAttribute"/> method <c>T M(ReadOnlySpan&lt;T&gt; x)</c>.</summary>
/// <typeparam name="T"><see cref="double"/> or <see cref="float"/>.</typeparam>
/// <param name="x">The point.</param>
/// <returns>The function's value at <paramref name="x"/>.</returns>
public delegate T SpanFunction<T>(ReadOnlySpan<T> x);
