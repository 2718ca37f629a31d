using System;

namespace SymGrad;

/// <summary>What <see cref="Minimizer"/> reports to its callback at each point it evaluates.</summary>
/// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
/// <param name="Step">The optimizer steps taken before this point (0 at the start).</param>
/// <param name="Value">The function's value at the point.</param>
/// <param name="GradientNorm">The Euclidean norm of the gradient at the point, computed in double.</param>
/// <param name="Point">The point; the optimizer updates it in place after the callback returns.</param>
public readonly record struct MinimizeStep<T>(int Step, double Value, double GradientNorm, ReadOnlyMemory<T> Point);
