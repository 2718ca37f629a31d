using System.Collections.Generic;
using System.Numerics;
using System.Runtime.InteropServices;

namespace SymGrad;

/// <summary>Stochastic gradient descent with momentum, PyTorch's <c>torch.optim.SGD</c>.</summary>
/// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
/// <remarks>
/// Each step, as PyTorch's single-tensor path: d = ±grad (+ weightDecay·param); with momentum, the buffer is a copy of
/// d on the first step and then buf·momentum + (1 − dampening)·d, and d becomes d + momentum·buf (Nesterov) or buf;
/// finally param += (−lr)·d. The state of a parameter is its momentum buffer.
/// </remarks>
public sealed class Sgd<T> : Optimizer<T, SgdOptions>
    where T : IFloatingPointIeee754<T>
{
    /// <summary>Creates the optimizer with one group holding <paramref name="parameters"/>.</summary>
    /// <param name="parameters">The parameters of the first group: at least one, none repeated.</param>
    /// <param name="options">The options of the first group and the defaults of groups added later.</param>
    /// <exception cref="System.ArgumentException"><paramref name="parameters"/> is empty or repeats a parameter.</exception>
    public Sgd(IEnumerable<Parameter<T>> parameters, SgdOptions options)
        : base(parameters, options)
    {
    }

    /// <inheritdoc/>
    internal override string Name => "Sgd";

    /// <inheritdoc/>
    private protected override int BufferCount => 1;

    /// <inheritdoc/>
    private protected override void Update(SgdOptions options, Parameter<T> parameter, ParameterState<T> state)
    {
        var param = parameter.Value;
        var grad = parameter.Grad;
        var n = param.Length;
        var weightDecay = Scalar(options.WeightDecay);
        var momentum = Scalar(options.Momentum);
        var keep = Scalar(1 - options.Dampening);
        var negLr = Scalar(-options.Lr);
        var useMomentum = options.Momentum != 0;
        var (maximize, decay, nesterov) = (options.Maximize, options.WeightDecay != 0, options.Nesterov);
        if (!useMomentum && !decay && !maximize)
        {
            // Plain SGD, param += (−lr)·grad: the operations of the general loop below, without its tests per vector.
            ref var p0 = ref MemoryMarshal.GetArrayDataReference(param);
            ref var g0 = ref MemoryMarshal.GetArrayDataReference(grad);
            var k = 0;
            for (; k <= n - Vector<T>.Count; k += Vector<T>.Count)
            {
                (Vector.LoadUnsafe(ref p0, (nuint)k) + (Vector.LoadUnsafe(ref g0, (nuint)k) * negLr)).StoreUnsafe(ref p0, (nuint)k);
            }

            if (k < n)
            {
                Lanes.Store(Lanes.Load<T>(param, k, n - k) + (Lanes.Load<T>(grad, k, n - k) * negLr), param, k, n - k);
            }

            return;
        }

        var first = useMomentum && state.Buffers[0] is null;
        var buffer = useMomentum ? state.Buffer(0, n, T.Zero) : [];
        for (var i = 0; i < n; i += Vector<T>.Count)
        {
            var c = System.Math.Min(Vector<T>.Count, n - i);
            var p = Lanes.Load<T>(param, i, c);
            var d = Lanes.Load<T>(grad, i, c);
            if (maximize)
            {
                d = -d;
            }

            if (decay)
            {
                d += p * weightDecay;
            }

            if (useMomentum)
            {
                var b = first ? d : (Lanes.Load<T>(buffer, i, c) * momentum) + (d * keep);
                Lanes.Store(b, buffer, i, c);
                d = nesterov ? d + (b * momentum) : b;
            }

            Lanes.Store(p + (d * negLr), param, i, c);
        }
    }

    /// <inheritdoc/>
    private protected override SgdOptions OptionsFromValues(System.ReadOnlySpan<double> values) => SgdOptions.FromValues(values);
}
