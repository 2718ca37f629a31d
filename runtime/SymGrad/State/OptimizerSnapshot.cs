namespace SymGrad;

/// <summary>An optimizer's options and per-parameter state, independent of its element type (PyTorch's <c>state_dict()</c>).</summary>
/// <param name="Optimizer">The optimizer's name, <see cref="SymGrad.Optimizer.Name"/>.</param>
/// <param name="ElementSize">4 for float, 8 for double.</param>
/// <param name="Groups">One entry per parameter group.</param>
internal sealed record OptimizerSnapshot(string Optimizer, int ElementSize, GroupSnapshot[] Groups);

/// <summary>A group's options as numbers and the state of each of its parameters.</summary>
internal sealed record GroupSnapshot(double[] Options, ParameterSnapshot[] Parameters);

/// <summary>One parameter's length, step count and buffers (each null when not yet created), widened to double.</summary>
internal sealed record ParameterSnapshot(int Length, long Step, double[]?[] Buffers);
