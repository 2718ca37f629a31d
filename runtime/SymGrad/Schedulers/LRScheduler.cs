using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace SymGrad;

/// <summary>
/// A learning-rate scheduler: it sets the learning rate of each parameter group the optimizer had when the scheduler
/// was created (groups added later keep theirs, as PyTorch's <c>zip(param_groups, values)</c> leaves them).
/// </summary>
public abstract class LRScheduler
{
    private double[] lastLr;

    /// <summary>Attaches to <paramref name="optimizer"/> and records its learning rates as the base ones (PyTorch's <c>base_lrs</c>).</summary>
    /// <param name="optimizer">The optimizer whose groups' learning rates are scheduled.</param>
    private protected LRScheduler(Optimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        Optimizer = optimizer;
        BaseLrs = [.. optimizer.Groups.Select(g => g.Lr)];
        lastLr = [.. BaseLrs];
    }

    /// <summary>The optimizer whose learning rates this scheduler sets.</summary>
    public Optimizer Optimizer { get; }

    /// <summary>The learning rate of each scheduled group when the scheduler was created (PyTorch's <c>base_lrs</c>).</summary>
    public IReadOnlyList<double> BaseLrs { get; private set; }

    /// <summary>The number of steps taken (PyTorch's <c>last_epoch</c>; 0 right after construction).</summary>
    public int LastEpoch { get; private protected set; }

    /// <summary>The learning rates the last step left in the scheduled groups (PyTorch's <c>get_last_lr()</c>).</summary>
    public IReadOnlyList<double> LastLr => lastLr;

    /// <summary>The scheduler's name in a state file.</summary>
    internal abstract string Name { get; }

    /// <summary>Sets the scheduled groups' learning rates and records them as <see cref="LastLr"/>.</summary>
    private protected void Apply(Func<int, double, double> lr)
    {
        var values = new double[BaseLrs.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = lr(i, Optimizer.Groups[i].Lr);
        }

        for (var i = 0; i < values.Length; i++)
        {
            Optimizer.Groups[i].Lr = values[i];
        }

        lastLr = values;
    }

    /// <summary>Records the scheduled groups' current learning rates as <see cref="LastLr"/>.</summary>
    private protected void RecordLastLr() => lastLr = [.. Optimizer.Groups.Take(BaseLrs.Count).Select(g => g.Lr)];

    /// <summary>The scheduler's state (PyTorch's <c>state_dict()</c>, without the constructor's options).</summary>
    internal SchedulerSnapshot Capture() => new(Name, LastEpoch, [.. BaseLrs], [.. lastLr], CaptureExtra());

    /// <summary>Checks <paramref name="snapshot"/> (<see cref="Check"/>), then restores it.</summary>
    internal void Restore(SchedulerSnapshot snapshot)
    {
        Check(snapshot);
        LastEpoch = snapshot.LastEpoch;
        BaseLrs = [.. snapshot.BaseLrs];
        lastLr = [.. snapshot.LastLr];
        RestoreExtra(snapshot.Extra);
    }

    /// <summary>Throws unless <paramref name="snapshot"/> is of this kind of scheduler and as many groups.</summary>
    /// <exception cref="InvalidDataException">The snapshot does not fit.</exception>
    internal void Check(SchedulerSnapshot snapshot)
    {
        if (snapshot.Scheduler != Name)
        {
            throw new InvalidDataException($"The state is of a {snapshot.Scheduler} scheduler, not {Name}.");
        }

        if (snapshot.BaseLrs.Length != BaseLrs.Count || snapshot.LastLr.Length != BaseLrs.Count)
        {
            throw new InvalidDataException($"The scheduler's state covers {snapshot.BaseLrs.Length} groups, the scheduler {BaseLrs.Count}.");
        }

        if (snapshot.LastEpoch < 0 || snapshot.Extra.Length != CaptureExtra().Length || !ExtraIsValid(snapshot.Extra))
        {
            throw new InvalidDataException($"The {Name} state is malformed (last epoch {snapshot.LastEpoch}, {snapshot.Extra.Length} extra values).");
        }
    }

    /// <summary>State beyond the epoch and the learning rates (ReduceLROnPlateau's best value and counters).</summary>
    private protected virtual double[] CaptureExtra() => [];

    /// <summary>Whether <paramref name="extra"/> is a state <see cref="RestoreExtra"/> can take.</summary>
    private protected virtual bool ExtraIsValid(double[] extra) => true;

    /// <summary>Restores what <see cref="CaptureExtra"/> captured.</summary>
    private protected virtual void RestoreExtra(double[] extra)
    {
    }
}
