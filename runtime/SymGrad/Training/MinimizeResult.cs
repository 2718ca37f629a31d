namespace SymGrad;

/// <summary>The outcome of <see cref="Minimizer"/>.</summary>
/// <param name="Steps">The optimizer steps taken.</param>
/// <param name="Value">The function's value at the final point.</param>
/// <param name="GradientNorm">The Euclidean norm of the gradient at the final point.</param>
/// <param name="Converged">Whether the gradient norm reached the tolerance.</param>
/// <param name="Stopped">Whether the callback stopped the run.</param>
public sealed record MinimizeResult(int Steps, double Value, double GradientNorm, bool Converged, bool Stopped);
