using System;
using System.Collections.Generic;
using System.Linq;

namespace SymGrad;

/// <summary>
/// Multiplies each learning rate by <see cref="Factor"/> once a metric has not improved for more than
/// <see cref="Patience"/> steps (PyTorch's <c>ReduceLROnPlateau</c>).
/// </summary>
public sealed class ReduceLROnPlateau : LRScheduler
{
    private readonly double[] minLrs;

    /// <summary>Attaches to <paramref name="optimizer"/>, with one smallest learning rate for every group.</summary>
    /// <param name="optimizer">The optimizer whose groups' learning rates are scheduled.</param>
    /// <param name="mode">Whether the metric should fall or rise.</param>
    /// <param name="factor">The factor, in [0, 1).</param>
    /// <param name="patience">The number of steps without improvement to tolerate, at least 0.</param>
    /// <param name="threshold">The least change that counts as an improvement, at least 0.</param>
    /// <param name="thresholdMode">Whether <paramref name="threshold"/> is relative or absolute.</param>
    /// <param name="cooldown">The number of steps after a reduction during which bad steps are not counted, at least 0.</param>
    /// <param name="minLr">The smallest learning rate, at least 0 (PyTorch's <c>min_lr</c>).</param>
    /// <param name="eps">A reduction smaller than this is skipped, at least 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (the exception names it).</exception>
    public ReduceLROnPlateau(Optimizer optimizer, PlateauMode mode = PlateauMode.Min, double factor = 0.1, int patience = 10, double threshold = 1e-4, ThresholdMode thresholdMode = ThresholdMode.Rel, int cooldown = 0, double minLr = 0, double eps = 1e-8)
        : this(optimizer, mode, factor, patience, threshold, thresholdMode, cooldown, Enumerable.Repeat(minLr, optimizer?.Groups.Count ?? 0), eps)
    {
    }

    /// <summary>Attaches to <paramref name="optimizer"/>, with a smallest learning rate per group.</summary>
    /// <param name="optimizer">The optimizer whose groups' learning rates are scheduled.</param>
    /// <param name="mode">Whether the metric should fall or rise.</param>
    /// <param name="factor">The factor, in [0, 1).</param>
    /// <param name="patience">The number of steps without improvement to tolerate, at least 0.</param>
    /// <param name="threshold">The least change that counts as an improvement, at least 0.</param>
    /// <param name="thresholdMode">Whether <paramref name="threshold"/> is relative or absolute.</param>
    /// <param name="cooldown">The number of steps after a reduction during which bad steps are not counted, at least 0.</param>
    /// <param name="minLrs">The smallest learning rate of each group, each at least 0 (PyTorch's <c>min_lr</c> as a list).</param>
    /// <param name="eps">A reduction smaller than this is skipped, at least 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (the exception names it).</exception>
    /// <exception cref="ArgumentException"><paramref name="minLrs"/> does not have one value per group.</exception>
    public ReduceLROnPlateau(Optimizer optimizer, PlateauMode mode, double factor, int patience, double threshold, ThresholdMode thresholdMode, int cooldown, IEnumerable<double> minLrs, double eps = 1e-8)
        : base(optimizer)
    {
        ArgumentNullException.ThrowIfNull(minLrs);
        Mode = Enum.IsDefined(mode) ? mode : throw new ArgumentOutOfRangeException(nameof(mode), mode, "Not a PlateauMode.");
        Factor = factor is >= 0 and < 1 ? factor : throw new ArgumentOutOfRangeException(nameof(factor), factor, "Must be in [0, 1).");
        Patience = patience >= 0 ? patience : throw new ArgumentOutOfRangeException(nameof(patience), patience, "Must be at least 0.");
        Threshold = OptionChecks.NonNegative(threshold, nameof(threshold));
        ThresholdMode = Enum.IsDefined(thresholdMode) ? thresholdMode : throw new ArgumentOutOfRangeException(nameof(thresholdMode), thresholdMode, "Not a ThresholdMode.");
        Cooldown = cooldown >= 0 ? cooldown : throw new ArgumentOutOfRangeException(nameof(cooldown), cooldown, "Must be at least 0.");
        this.minLrs = [.. minLrs.Select(m => OptionChecks.NonNegative(m, nameof(minLrs)))];
        if (this.minLrs.Length != BaseLrs.Count)
        {
            throw new ArgumentException($"Expected {BaseLrs.Count} smallest learning rates, got {this.minLrs.Length}.", nameof(minLrs));
        }

        Eps = OptionChecks.NonNegative(eps, nameof(eps));
        Best = WorstValue;
    }

    /// <summary>Whether the metric should fall or rise (PyTorch's <c>mode</c>).</summary>
    public PlateauMode Mode { get; }

    /// <summary>The factor (PyTorch's <c>factor</c>).</summary>
    public double Factor { get; }

    /// <summary>The number of bad steps tolerated (PyTorch's <c>patience</c>).</summary>
    public int Patience { get; }

    /// <summary>The least significant change (PyTorch's <c>threshold</c>).</summary>
    public double Threshold { get; }

    /// <summary>How the threshold is applied (PyTorch's <c>threshold_mode</c>).</summary>
    public ThresholdMode ThresholdMode { get; }

    /// <summary>The steps after a reduction that are not counted (PyTorch's <c>cooldown</c>).</summary>
    public int Cooldown { get; }

    /// <summary>The smallest learning rate of each group (PyTorch's <c>min_lrs</c>).</summary>
    public IReadOnlyList<double> MinLrs => minLrs;

    /// <summary>The least reduction that is applied (PyTorch's <c>eps</c>).</summary>
    public double Eps { get; }

    /// <summary>The best metric so far (±∞ before the first step).</summary>
    public double Best { get; private set; }

    /// <summary>The number of consecutive steps without improvement (PyTorch's <c>num_bad_epochs</c>).</summary>
    public int NumBadEpochs { get; private set; }

    /// <summary>The remaining steps of the cooldown (PyTorch's <c>cooldown_counter</c>).</summary>
    public int CooldownCounter { get; private set; }

    /// <inheritdoc/>
    internal override string Name => "ReduceLROnPlateau";

    private double WorstValue => Mode == PlateauMode.Min ? double.PositiveInfinity : double.NegativeInfinity;

    /// <summary>Records this epoch's metric and reduces the learning rates if it has stalled (PyTorch's <c>scheduler.step(metrics)</c>).</summary>
    /// <param name="metric">The metric, such as the validation loss.</param>
    public void Step(double metric)
    {
        LastEpoch++;
        if (IsBetter(metric))
        {
            Best = metric;
            NumBadEpochs = 0;
        }
        else
        {
            NumBadEpochs++;
        }

        if (CooldownCounter > 0)
        {
            CooldownCounter--;
            NumBadEpochs = 0;
        }

        if (NumBadEpochs > Patience)
        {
            for (var i = 0; i < BaseLrs.Count; i++)
            {
                var group = Optimizer.Groups[i];
                var old = group.Lr;
                var reduced = Math.Max(old * Factor, minLrs[i]);
                if (old - reduced > Eps)
                {
                    group.Lr = reduced;
                }
            }

            CooldownCounter = Cooldown;
            NumBadEpochs = 0;
        }

        RecordLastLr();
    }

    /// <inheritdoc/>
    private protected override double[] CaptureExtra() => [Best, NumBadEpochs, CooldownCounter];

    /// <inheritdoc/>
    private protected override bool ExtraIsValid(double[] extra) =>
        !double.IsNaN(extra[0]) && IsCount(extra[1]) && IsCount(extra[2]);

    /// <inheritdoc/>
    private protected override void RestoreExtra(double[] extra)
    {
        Best = extra[0];
        NumBadEpochs = (int)extra[1];
        CooldownCounter = (int)extra[2];
    }

    private static bool IsCount(double value) => value is >= 0 and <= int.MaxValue && double.IsInteger(value);

    private bool IsBetter(double a) => (Mode, ThresholdMode) switch
    {
        (PlateauMode.Min, ThresholdMode.Rel) => a < Best * (1 - Threshold),
        (PlateauMode.Min, ThresholdMode.Abs) => a < Best - Threshold,
        (PlateauMode.Max, ThresholdMode.Rel) => a > Best * (Threshold + 1),
        _ => a > Best + Threshold,
    };
}
