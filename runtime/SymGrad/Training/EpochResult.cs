namespace SymGrad;

/// <summary>The metrics of one epoch of <see cref="MinibatchTrainer"/>.</summary>
/// <param name="Epoch">The epoch, from 1.</param>
/// <param name="Lr">The learning rate of the first parameter group during the epoch.</param>
/// <param name="TrainLoss">The mean loss over the training examples, each at the parameters of its batch (before the batch's step).</param>
/// <param name="TrainAccuracy">The fraction of training examples predicted correctly, counted like the loss; null without a predicate.</param>
/// <param name="ValidationLoss">The mean loss over the validation examples at the end of the epoch; null without validation examples.</param>
/// <param name="ValidationAccuracy">The fraction of validation examples predicted correctly; null without a predicate or validation examples.</param>
public sealed record EpochResult(int Epoch, double Lr, double TrainLoss, double? TrainAccuracy, double? ValidationLoss, double? ValidationAccuracy);
