namespace SymGrad;

/// <summary>A scheduler's state (PyTorch's <c>state_dict()</c> without the constructor's options).</summary>
/// <param name="Scheduler">The scheduler's name.</param>
/// <param name="LastEpoch">The number of steps taken.</param>
/// <param name="BaseLrs">The base learning rate of each scheduled group.</param>
/// <param name="LastLr">The learning rates the last step set.</param>
/// <param name="Extra">ReduceLROnPlateau's best metric, bad-epoch count and cooldown counter; empty for the others.</param>
internal sealed record SchedulerSnapshot(string Scheduler, int LastEpoch, double[] BaseLrs, double[] LastLr, double[] Extra);
