namespace SymGrad;

/// <summary>What <see cref="MinibatchTrainer"/> reports after each batch.</summary>
/// <param name="Epoch">The epoch, from 1.</param>
/// <param name="Batch">The batch within the epoch, from 1.</param>
/// <param name="Batches">The number of batches in the epoch.</param>
/// <param name="Loss">The batch's mean loss, at the parameters before the batch's step.</param>
public readonly record struct TrainingProgress(int Epoch, int Batch, int Batches, double Loss);
