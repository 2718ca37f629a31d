using System;

namespace SymGrad;

/// <summary>The options of <see cref="MinibatchTrainer"/>.</summary>
public sealed record TrainingOptions
{
    /// <summary>Checks and sets the options.</summary>
    /// <param name="epochs">The number of epochs to train, at least 1.</param>
    /// <param name="batchSize">The examples per optimizer step, at least 1; the last batch of an epoch may be smaller.</param>
    /// <param name="seed">The seed of the shuffling; each epoch's order depends only on it and the epoch.</param>
    /// <param name="chunkSize">
    /// The examples whose gradients one worker sums into one buffer, at least 1. The batch is cut into chunks of this size
    /// whatever the number of threads, and the chunk sums are added in chunk order, so the result does not depend on
    /// <paramref name="maxDegreeOfParallelism"/>.
    /// </param>
    /// <param name="maxDegreeOfParallelism">The most threads that work on a batch, at least 1, or −1 for as many as there are cores.</param>
    /// <param name="patience">Stop after this many epochs (at least 1) without a lower validation loss; null never stops early.</param>
    /// <param name="restoreBest">When stopping early, put back the parameters of the epoch with the lowest validation loss.</param>
    /// <param name="checkpointPath">If set, the trainer saves a checkpoint there (atomically) after every epoch.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range (the exception names it).</exception>
    public TrainingOptions(int epochs, int batchSize, int seed, int chunkSize = 16, int maxDegreeOfParallelism = -1, int? patience = null, bool restoreBest = false, string? checkpointPath = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(epochs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        if (maxDegreeOfParallelism is 0 or < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxDegreeOfParallelism), maxDegreeOfParallelism, "Expected at least 1, or -1 for every core.");
        }

        if (patience is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(patience), patience, "The patience must be at least 1 epoch.");
        }

        if (checkpointPath is { Length: 0 })
        {
            throw new ArgumentException("The checkpoint path is empty.", nameof(checkpointPath));
        }

        Epochs = epochs;
        BatchSize = batchSize;
        Seed = seed;
        ChunkSize = chunkSize;
        MaxDegreeOfParallelism = maxDegreeOfParallelism;
        Patience = patience;
        RestoreBest = restoreBest;
        CheckpointPath = checkpointPath;
    }

    /// <summary>The number of epochs to train.</summary>
    public int Epochs { get; }

    /// <summary>The examples per optimizer step.</summary>
    public int BatchSize { get; }

    /// <summary>The seed of the shuffling.</summary>
    public int Seed { get; }

    /// <summary>The examples per gradient buffer.</summary>
    public int ChunkSize { get; }

    /// <summary>The most threads that work on a batch, or −1 for every core.</summary>
    public int MaxDegreeOfParallelism { get; }

    /// <summary>The epochs without improvement before stopping early, or null.</summary>
    public int? Patience { get; }

    /// <summary>Whether stopping early puts back the best parameters.</summary>
    public bool RestoreBest { get; }

    /// <summary>Where to save a checkpoint after every epoch, or null.</summary>
    public string? CheckpointPath { get; }
}
