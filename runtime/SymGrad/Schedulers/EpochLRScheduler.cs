namespace SymGrad;

/// <summary>
/// A scheduler stepped once per epoch with no argument (PyTorch's <c>_LRScheduler</c>): StepLR, MultiStepLR,
/// ExponentialLR and CosineAnnealingLR. Each step computes the new rate from the group's current one (PyTorch's
/// chainable form), so the sequence rounds exactly as PyTorch's does.
/// </summary>
public abstract class EpochLRScheduler : LRScheduler
{
    /// <summary>Attaches to <paramref name="optimizer"/> at epoch 0 (PyTorch's <c>last_epoch=-1</c> and its initial step, which leaves every rate as it is).</summary>
    /// <param name="optimizer">The optimizer whose groups' learning rates are scheduled.</param>
    private protected EpochLRScheduler(Optimizer optimizer)
        : base(optimizer)
    {
    }

    /// <summary>Advances one epoch and sets the groups' learning rates (PyTorch's <c>scheduler.step()</c>, after <c>optimizer.step()</c>).</summary>
    public void Step()
    {
        LastEpoch++;
        Apply((i, lr) => NextLr(lr, BaseLrs[i]));
    }

    /// <summary>The learning rate at <see cref="LRScheduler.LastEpoch"/>, given the group's current one (PyTorch's <c>get_lr()</c>).</summary>
    private protected abstract double NextLr(double lr, double baseLr);
}
