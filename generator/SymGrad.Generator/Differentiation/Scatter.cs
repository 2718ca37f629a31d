using System.Collections.Generic;
using SymGrad.Generator.Symbolic;

namespace SymGrad.Generator.Differentiation;

/// <summary>A loop of the reverse sweep: a counter and its range, <c>for (counter = From; counter &lt; To; counter++)</c>.</summary>
internal sealed record LoopRange(Expr Counter, Expr From, Expr To);

/// <summary>
/// One contribution to the adjoint of an array: inside <see cref="Loops"/> (outermost first),
/// <c>adjoint[Index] += Value</c>. The adjoint of an array is zero plus all its scatters.
/// </summary>
internal sealed record Scatter(IReadOnlyList<LoopRange> Loops, Expr Index, Expr Value);
