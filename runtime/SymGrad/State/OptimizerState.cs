using System;
using System.IO;

namespace SymGrad;

/// <summary>
/// Saves and restores an optimizer's state, and its scheduler's, in the versioned binary format of
/// docs/state-format.md (PyTorch's <c>state_dict()</c> / <c>load_state_dict()</c>). Training resumed after
/// <see cref="Load(Stream, Optimizer, LRScheduler?)"/> continues bit for bit as if it had never stopped.
/// </summary>
/// <remarks>
/// The state holds every group's options (learning rate included) and every parameter's step count and buffers, and the
/// scheduler's epoch, learning rates and counters; not the parameter values themselves, which the caller saves, nor a
/// scheduler's constructor options (the caller constructs the same scheduler again). Loading checks the whole file
/// (magic, version, length, SHA-256, the optimizer's kind, element type and parameter layout, the scheduler's kind)
/// before it changes anything, and throws <see cref="InvalidDataException"/> saying what does not match.
/// </remarks>
public static class OptimizerState
{
    /// <summary>The format version this library writes and reads.</summary>
    public static int FormatVersion => StateFormat.Version;

    /// <summary>Writes the state of <paramref name="optimizer"/> and, if given, <paramref name="scheduler"/> to <paramref name="stream"/>.</summary>
    /// <param name="stream">A writable stream.</param>
    /// <param name="optimizer">The optimizer.</param>
    /// <param name="scheduler">Its scheduler, or null.</param>
    /// <exception cref="ArgumentException"><paramref name="scheduler"/> schedules another optimizer.</exception>
    public static void Save(Stream stream, Optimizer optimizer, LRScheduler? scheduler = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Check(optimizer, scheduler);
        StateFormat.Write(stream, optimizer.Capture(), scheduler?.Capture());
    }

    /// <summary>
    /// Writes the state to the file <paramref name="path"/>, atomically: a temporary file is written beside it and renamed
    /// over it only when complete, so a save that fails or is interrupted leaves the previous file intact.
    /// </summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="optimizer">The optimizer.</param>
    /// <param name="scheduler">Its scheduler, or null.</param>
    /// <exception cref="ArgumentException"><paramref name="scheduler"/> schedules another optimizer, or <paramref name="path"/> is empty.</exception>
    public static void Save(string path, Optimizer optimizer, LRScheduler? scheduler = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Check(optimizer, scheduler);
        AtomicFile.Write(path, stream => Save(stream, optimizer, scheduler));
    }

    /// <summary>Restores the state of <paramref name="optimizer"/> and, if given, <paramref name="scheduler"/> from <paramref name="stream"/>.</summary>
    /// <param name="stream">A readable stream holding exactly one state, from its current position to its end.</param>
    /// <param name="optimizer">The optimizer: the same kind, element type, groups and parameter lengths as the saved one.</param>
    /// <param name="scheduler">The scheduler, if one was saved: the same kind over the same number of groups.</param>
    /// <exception cref="InvalidDataException">
    /// The data is not an intact state of this format version, or does not fit <paramref name="optimizer"/> or
    /// <paramref name="scheduler"/>. Nothing has been changed.
    /// </exception>
    public static void Load(Stream stream, Optimizer optimizer, LRScheduler? scheduler = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Check(optimizer, scheduler);
        var data = new MemoryStream();
        stream.CopyTo(data);
        var (saved, savedScheduler) = StateFormat.Read(data.GetBuffer().AsSpan(0, (int)data.Length));
        switch (savedScheduler, scheduler)
        {
            case (null, not null):
                throw new InvalidDataException("The state holds no scheduler, but one was given to restore.");
            case (not null, null):
                throw new InvalidDataException($"The state holds a {savedScheduler.Scheduler} scheduler; pass it to restore it.");
            case (not null, not null):
                scheduler.Check(savedScheduler);
                break;
        }

        optimizer.Restore(saved);
        if (savedScheduler is not null)
        {
            scheduler!.Restore(savedScheduler);
        }
    }

    /// <summary>Restores the state from the file <paramref name="path"/>; see <see cref="Load(Stream, Optimizer, LRScheduler?)"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="optimizer">The optimizer: the same kind, element type, groups and parameter lengths as the saved one.</param>
    /// <param name="scheduler">The scheduler, if one was saved.</param>
    /// <exception cref="InvalidDataException">The file is not an intact state, or does not fit. Nothing has been changed.</exception>
    public static void Load(string path, Optimizer optimizer, LRScheduler? scheduler = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = File.OpenRead(path);
        Load(stream, optimizer, scheduler);
    }

    private static void Check(Optimizer optimizer, LRScheduler? scheduler)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        if (scheduler is not null && scheduler.Optimizer != optimizer)
        {
            throw new ArgumentException("The scheduler schedules another optimizer.", nameof(scheduler));
        }
    }
}
