using System.Collections.Generic;

namespace SymGrad;

/// <summary>The outcome of <see cref="MinibatchTrainer.Train"/>.</summary>
/// <param name="Epochs">Every epoch trained so far, a resumed run's earlier epochs included.</param>
/// <param name="StoppedEarly">Whether early stopping ended the run.</param>
/// <param name="BestEpoch">The epoch with the lowest validation loss; 0 without validation examples.</param>
public sealed record TrainingResult(IReadOnlyList<EpochResult> Epochs, bool StoppedEarly, int BestEpoch);
