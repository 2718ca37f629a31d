using System.Numerics;

namespace SymGrad;

/// <summary>
/// An optimizer's state of one parameter (PyTorch's <c>optimizer.state[p]</c>): the number of steps taken and the
/// optimizer's buffers, each null until the optimizer first needs it (SGD's momentum buffer starts as a copy of the
/// first gradient, so "not yet created" is part of the state).
/// </summary>
internal sealed class ParameterState<T>(int buffers)
    where T : IFloatingPointIeee754<T>
{
    public long Step { get; set; }

    public T[]?[] Buffers { get; set; } = new T[]?[buffers];

    /// <summary>Buffer <paramref name="index"/>, created filled with <paramref name="initial"/> if it does not exist yet.</summary>
    public T[] Buffer(int index, int length, T initial)
    {
        if (Buffers[index] is not { } buffer)
        {
            buffer = new T[length];
            if (initial != T.Zero)
            {
                System.Array.Fill(buffer, initial);
            }

            Buffers[index] = buffer;
        }

        return buffer;
    }
}
