using System;

namespace SymGrad;

/// <summary>Whether the model with <paramref name="parameters"/> gets <paramref name="example"/> right, for the accuracies of <see cref="EpochResult"/>.</summary>
/// <param name="parameters">The model's parameters.</param>
/// <param name="example">The index of the example in the caller's dataset.</param>
/// <returns>True when the prediction is correct.</returns>
/// <remarks>Called from several threads at once; it must not write shared state.</remarks>
public delegate bool ExamplePredicate(ReadOnlySpan<double> parameters, int example);
