using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace SymGrad;

/// <summary>
/// Minibatch training over a dataset (SPEC §5, training loop b): epochs of seeded shuffles, batches whose mean gradient
/// is spread over the cores, train and validation loss and accuracy per epoch, early stopping, learning-rate
/// scheduling, checkpoints and resuming, and progress reports.
/// </summary>
/// <remarks>
/// <para>
/// The model is an <see cref="ExampleGradient"/> over one flat parameter vector, the <see cref="Parameter{T}"/> the
/// optimizer updates; examples are ints the caller maps to its data. Each step sets the parameter's gradient to the mean
/// of the batch's example gradients and calls <see cref="Optimizer.Step"/>.
/// </para>
/// <para>
/// The batch is cut into chunks of <see cref="TrainingOptions.ChunkSize"/> examples; each chunk's gradients are summed
/// into its own buffer by whichever thread takes it, and the buffers are then added in chunk order. The partition and
/// the order of every addition are independent of the thread count, so 1 and 8 threads give the same bits.
/// </para>
/// <para>
/// Epoch e's order is a Fisher–Yates shuffle of the training examples with <see cref="Random"/> seeded from
/// (seed, e) alone, so a resumed run needs only the epoch number to continue the same sequence. An
/// <see cref="EpochLRScheduler"/> steps after every epoch; <see cref="ReduceLROnPlateau"/> steps with the validation
/// loss (the training loss without validation examples).
/// </para>
/// </remarks>
public sealed class MinibatchTrainer
{
    private readonly Parameter<double> parameters;
    private readonly Optimizer optimizer;
    private readonly ExampleGradient loss;
    private readonly ExamplePredicate? correct;
    private readonly LRScheduler? scheduler;
    private readonly List<EpochResult> history = [];
    private double[][] chunkGradients = [];
    private double[]? best;
    private double bestLoss = double.PositiveInfinity;
    private int bestEpoch;
    private int badEpochs;

    /// <summary>Creates a trainer; <see cref="Train"/> runs it.</summary>
    /// <param name="parameters">The model's parameters; the optimizer must update them.</param>
    /// <param name="optimizer">The optimizer over <paramref name="parameters"/>.</param>
    /// <param name="loss">The loss of one example and its gradient.</param>
    /// <param name="options">Epochs, batch size, seed, threads, early stopping, checkpoints.</param>
    /// <param name="correct">Whether an example is predicted correctly, for the accuracies; null leaves them out.</param>
    /// <param name="scheduler">A learning-rate scheduler of <paramref name="optimizer"/>, or null.</param>
    /// <exception cref="ArgumentException">An argument is null, or <paramref name="scheduler"/> schedules another optimizer.</exception>
    public MinibatchTrainer(Parameter<double> parameters, Optimizer optimizer, ExampleGradient loss, TrainingOptions options, ExamplePredicate? correct = null, LRScheduler? scheduler = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(options);
        if (scheduler is not null && scheduler.Optimizer != optimizer)
        {
            throw new ArgumentException("The scheduler schedules another optimizer.", nameof(scheduler));
        }

        this.parameters = parameters;
        this.optimizer = optimizer;
        this.loss = loss;
        this.correct = correct;
        this.scheduler = scheduler;
        Options = options;
    }

    /// <summary>The options.</summary>
    public TrainingOptions Options { get; }

    /// <summary>The epochs trained so far (restored by <see cref="LoadCheckpoint(string)"/>).</summary>
    public int Epoch => history.Count;

    /// <summary>The metrics of every epoch trained so far.</summary>
    public IReadOnlyList<EpochResult> History => history;

    /// <summary>Whether early stopping has ended training.</summary>
    public bool StoppedEarly { get; private set; }

    /// <summary>
    /// Trains from <see cref="Epoch"/> up to <see cref="TrainingOptions.Epochs"/>, or until early stopping; after
    /// <see cref="LoadCheckpoint(string)"/> this continues the saved run exactly.
    /// </summary>
    /// <param name="train">The training examples (indices passed to the loss), at least one.</param>
    /// <param name="validation">The validation examples, possibly none (then there is no early stopping).</param>
    /// <param name="progress">Receives a report after every batch, on the training thread; null for none.</param>
    /// <param name="cancellationToken">Checked before every batch.</param>
    /// <returns>Every epoch's metrics, whether training stopped early, and the best epoch.</returns>
    /// <exception cref="ArgumentException"><paramref name="train"/> is empty, or early stopping is on without validation examples.</exception>
    public TrainingResult Train(IReadOnlyList<int> train, IReadOnlyList<int> validation, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(validation);
        if (train.Count == 0)
        {
            throw new ArgumentException("There are no training examples.", nameof(train));
        }

        if (Options.Patience is not null && validation.Count == 0)
        {
            throw new ArgumentException("Early stopping needs validation examples.", nameof(validation));
        }

        var batches = (train.Count + Options.BatchSize - 1) / Options.BatchSize;
        while (history.Count < Options.Epochs && !StoppedEarly)
        {
            var epoch = history.Count + 1;
            var order = Shuffle(train, epoch);
            var lr = optimizer.Groups[0].Lr;
            var trainLoss = 0.0;
            var trainCorrect = 0;
            for (var b = 0; b < batches; b++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var batch = order.AsMemory(b * Options.BatchSize, Math.Min(Options.BatchSize, order.Length - (b * Options.BatchSize)));
                var (sum, right) = Evaluate(batch, parameters.Grad);
                trainLoss += sum;
                trainCorrect += right;
                optimizer.Step();
                progress?.Report(new TrainingProgress(epoch, b + 1, batches, sum / batch.Length));
            }

            double? validationLoss = null;
            double? validationAccuracy = null;
            if (validation.Count > 0)
            {
                var (sum, right) = Evaluate(ToArray(validation), null);
                validationLoss = sum / validation.Count;
                validationAccuracy = correct is null ? null : (double)right / validation.Count;
            }

            var result = new EpochResult(epoch, lr, trainLoss / train.Count, correct is null ? null : (double)trainCorrect / train.Count, validationLoss, validationAccuracy);
            history.Add(result);
            StepScheduler(validationLoss ?? result.TrainLoss);
            if (validationLoss is { } v)
            {
                Watch(epoch, v);
            }

            if (Options.CheckpointPath is { } path)
            {
                SaveCheckpoint(path);
            }
        }

        return new TrainingResult(history, StoppedEarly, bestEpoch);
    }

    /// <summary>Writes the trainer's state, the parameter values and the optimizer's and scheduler's state to <paramref name="stream"/> (docs/runtime-api.md, "Training").</summary>
    /// <param name="stream">A writable stream.</param>
    public void SaveCheckpoint(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var optimizerState = new MemoryStream();
        OptimizerState.Save(optimizerState, optimizer, scheduler);
        TrainingCheckpoint.Write(stream, new TrainingCheckpoint(
            Options.Seed, Options.BatchSize, Options.ChunkSize, [.. parameters.Value], best, bestLoss, bestEpoch, badEpochs, StoppedEarly, [.. history], optimizerState.ToArray()));
    }

    /// <summary>Saves a checkpoint to the file <paramref name="path"/> atomically: a failed or interrupted save leaves the previous file intact.</summary>
    /// <param name="path">The file to create or replace.</param>
    public void SaveCheckpoint(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        AtomicFile.Write(path, SaveCheckpoint);
    }

    /// <summary>Restores a checkpoint, so that <see cref="Train"/> continues the saved run bit for bit.</summary>
    /// <param name="stream">A readable stream holding exactly one checkpoint.</param>
    /// <exception cref="InvalidDataException">
    /// The data is not an intact checkpoint of this format version, or it was written with another seed, batch size,
    /// chunk size, parameter length, optimizer or scheduler. Nothing has been changed.
    /// </exception>
    public void LoadCheckpoint(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var data = new MemoryStream();
        stream.CopyTo(data);
        var saved = TrainingCheckpoint.Read(data.GetBuffer().AsSpan(0, (int)data.Length));
        if (saved.Seed != Options.Seed || saved.BatchSize != Options.BatchSize || saved.ChunkSize != Options.ChunkSize)
        {
            throw new InvalidDataException(
                $"The checkpoint was written with seed {saved.Seed}, batch size {saved.BatchSize} and chunk size {saved.ChunkSize}; this trainer has {Options.Seed}, {Options.BatchSize} and {Options.ChunkSize}.");
        }

        if (saved.Parameters.Length != parameters.Length || (saved.Best is not null && saved.Best.Length != parameters.Length))
        {
            throw new InvalidDataException($"The checkpoint holds {saved.Parameters.Length} parameters, the trainer {parameters.Length}.");
        }

        OptimizerState.Load(new MemoryStream(saved.OptimizerState), optimizer, scheduler);
        saved.Parameters.CopyTo(parameters.Value, 0);
        best = saved.Best;
        bestLoss = saved.BestLoss;
        bestEpoch = saved.BestEpoch;
        badEpochs = saved.BadEpochs;
        StoppedEarly = saved.StoppedEarly;
        history.Clear();
        history.AddRange(saved.History);
    }

    /// <summary>Restores a checkpoint from the file <paramref name="path"/>; see <see cref="LoadCheckpoint(Stream)"/>.</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="InvalidDataException">The file is not an intact checkpoint, or does not fit. Nothing has been changed.</exception>
    public void LoadCheckpoint(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = File.OpenRead(path);
        LoadCheckpoint(stream);
    }

    private static int[] ToArray(IReadOnlyList<int> examples)
    {
        var array = new int[examples.Count];
        for (var i = 0; i < array.Length; i++)
        {
            array[i] = examples[i];
        }

        return array;
    }

    /// <summary>A seed for epoch <paramref name="epoch"/>'s shuffle: SplitMix64's finalizer of (seed, epoch).</summary>
    private static int EpochSeed(int seed, int epoch)
    {
        var z = ((ulong)(uint)seed << 32) | (uint)epoch;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (int)((z ^ (z >> 31)) & int.MaxValue);
    }

    private int[] Shuffle(IReadOnlyList<int> train, int epoch)
    {
        var order = ToArray(train);
        var random = new Random(EpochSeed(Options.Seed, epoch));
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }

    /// <summary>
    /// The summed loss and the correct count over <paramref name="examples"/>, chunk by chunk; with
    /// <paramref name="meanGradient"/>, also the mean gradient there.
    /// </summary>
    private (double Loss, int Correct) Evaluate(ReadOnlyMemory<int> examples, double[]? meanGradient)
    {
        var chunkSize = Options.ChunkSize;
        var chunks = (examples.Length + chunkSize - 1) / chunkSize;
        if (meanGradient is not null && chunkGradients.Length < chunks)
        {
            Array.Resize(ref chunkGradients, chunks);
            for (var c = 0; c < chunks; c++)
            {
                chunkGradients[c] ??= new double[parameters.Length];
            }
        }

        var losses = new double[chunks];
        var rights = new int[chunks];
        var values = parameters.Value;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Options.MaxDegreeOfParallelism };
        Parallel.For(0, chunks, parallel, () => new double[values.Length], (c, _, scratch) =>
        {
            var sum = meanGradient is null ? null : chunkGradients[c];
            if (sum is not null)
            {
                Array.Clear(sum);
            }

            var chunk = examples.Span.Slice(c * chunkSize, Math.Min(chunkSize, examples.Length - (c * chunkSize)));
            foreach (var example in chunk)
            {
                losses[c] += loss(values, example, scratch);
                if (sum is not null)
                {
                    GradientBuffers.Add(sum, scratch);
                }

                if (correct?.Invoke(values, example) == true)
                {
                    rights[c]++;
                }
            }

            return scratch;
        }, _ => { });

        var total = 0.0;
        var right = 0;
        for (var c = 0; c < chunks; c++)
        {
            total += losses[c];
            right += rights[c];
        }

        if (meanGradient is not null)
        {
            chunkGradients[0].CopyTo(meanGradient, 0);
            for (var c = 1; c < chunks; c++)
            {
                GradientBuffers.Add(meanGradient, chunkGradients[c]);
            }

            for (var i = 0; i < meanGradient.Length; i++)
            {
                meanGradient[i] /= examples.Length;
            }
        }

        return (total, right);
    }

    private void StepScheduler(double metric)
    {
        switch (scheduler)
        {
            case EpochLRScheduler epochScheduler:
                epochScheduler.Step();
                break;
            case ReduceLROnPlateau plateau:
                plateau.Step(metric);
                break;
        }
    }

    private void Watch(int epoch, double validationLoss)
    {
        if (validationLoss < bestLoss)
        {
            bestLoss = validationLoss;
            bestEpoch = epoch;
            badEpochs = 0;
            if (Options.RestoreBest)
            {
                best = [.. parameters.Value];
            }

            return;
        }

        badEpochs++;
        if (Options.Patience is { } patience && badEpochs >= patience)
        {
            StoppedEarly = true;
            if (Options.RestoreBest && best is not null)
            {
                best.CopyTo(parameters.Value, 0);
            }
        }
    }
}
