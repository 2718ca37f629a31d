using System;

namespace SymGrad;

/// <summary>
/// The loss of one training example and its gradient with respect to the model's flat parameter vector: the model a
/// <see cref="MinibatchTrainer"/> trains. A generated <c>MGradient</c> of a <see cref="DifferentiableAttribute"/> loss
/// fits in a lambda that looks the example up.
/// </summary>
/// <param name="parameters">The model's parameters.</param>
/// <param name="example">The index of the example in the caller's dataset.</param>
/// <param name="gradient">Receives the gradient (overwritten, not accumulated), as long as <paramref name="parameters"/>.</param>
/// <returns>The example's loss.</returns>
/// <remarks>Called from several threads at once with different <paramref name="gradient"/> spans; it must not write shared state.</remarks>
public delegate double ExampleGradient(ReadOnlySpan<double> parameters, int example, Span<double> gradient);
