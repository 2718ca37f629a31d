using System;
using System.Numerics;

namespace SymGrad;

/// <summary>
/// The update of Adam and AdamW, PyTorch's <c>_single_tensor_adam</c> / <c>_single_tensor_adamw</c> with the same
/// operations in the same order. Buffers: 0 = exp_avg, 1 = exp_avg_sq, 2 = max_exp_avg_sq (AMSGrad).
/// </summary>
internal static class AdamStep
{
    public const int Buffers = 3;

    /// <param name="parameter">The parameter.</param>
    /// <param name="state">Its state; the step already counts this step.</param>
    /// <param name="lr">The learning rate.</param>
    /// <param name="beta1">β₁.</param>
    /// <param name="beta2">β₂.</param>
    /// <param name="eps">ε.</param>
    /// <param name="l2">Adam's weight decay, added to the gradient (0 for AdamW).</param>
    /// <param name="decoupled">AdamW's weight decay, param·(1 − lr·decay) before the update (null for Adam).</param>
    /// <param name="amsgrad">AMSGrad.</param>
    /// <param name="maximize">Maximize.</param>
    public static void Run<T>(Parameter<T> parameter, ParameterState<T> state, double lr, double beta1, double beta2, double eps, double l2, double? decoupled, bool amsgrad, bool maximize)
        where T : IFloatingPointIeee754<T>
    {
        var param = parameter.Value;
        var grad = parameter.Grad;
        var n = param.Length;
        var expAvg = state.Buffer(0, n, T.Zero);
        var expAvgSq = state.Buffer(1, n, T.Zero);
        var maxExpAvgSq = amsgrad ? state.Buffer(2, n, T.Zero) : [];

        // Python floats in torch: the bias corrections with float ** (C's pow), the step size, √(bias correction 2).
        double step = state.Step;
        var biasCorrection1 = 1 - Math.Pow(beta1, step);
        var biasCorrection2 = 1 - Math.Pow(beta2, step);
        var stepSize = lr / biasCorrection1;
        var biasCorrection2Sqrt = T.CreateChecked(Math.Sqrt(biasCorrection2));
        var negStepSize = T.CreateChecked(-stepSize);
        var b1 = T.CreateChecked(beta1);
        var a1 = T.CreateChecked(1 - beta1);
        var b2 = T.CreateChecked(beta2);
        var a2 = T.CreateChecked(1 - beta2);
        var epsilon = new Vector<T>(T.CreateChecked(eps));
        var weightDecay = T.CreateChecked(l2);
        var shrink = decoupled is { } wd ? T.CreateChecked(1 - (lr * wd)) : T.One;
        for (var i = 0; i < n; i += Vector<T>.Count)
        {
            var c = Math.Min(Vector<T>.Count, n - i);
            var p = Lanes.Load<T>(param, i, c);
            var g = Lanes.Load<T>(grad, i, c);
            if (maximize)
            {
                g = -g;
            }

            if (l2 != 0)
            {
                g += p * weightDecay;
            }

            if (decoupled is not null)
            {
                p *= shrink;
            }

            var m = (Lanes.Load<T>(expAvg, i, c) * b1) + (g * a1);
            var v = (Lanes.Load<T>(expAvgSq, i, c) * b2) + (g * a2 * g);
            Lanes.Store(m, expAvg, i, c);
            Lanes.Store(v, expAvgSq, i, c);
            if (amsgrad)
            {
                v = Vector.Max(Lanes.Load<T>(maxExpAvgSq, i, c), v);
                Lanes.Store(v, maxExpAvgSq, i, c);
            }

            var denom = (Vector.SquareRoot(v) / biasCorrection2Sqrt) + epsilon;
            Lanes.Store(p + (m * negStepSize / denom), param, i, c);
        }
    }
}
