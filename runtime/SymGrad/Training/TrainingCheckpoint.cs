using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;

namespace SymGrad;

/// <summary>
/// A <see cref="MinibatchTrainer"/> checkpoint, format version 1 (docs/runtime-api.md, "Training"): the magic
/// "SGTRAIN\0", a version, the payload's length, the payload, and its SHA-256. The payload holds the trainer's state and
/// the optimizer's state file (docs/state-format.md) as a nested blob. Reading checks all of it before anything is restored.
/// </summary>
internal sealed record TrainingCheckpoint(
    int Seed,
    int BatchSize,
    int ChunkSize,
    double[] Parameters,
    double[]? Best,
    double BestLoss,
    int BestEpoch,
    int BadEpochs,
    bool StoppedEarly,
    EpochResult[] History,
    byte[] OptimizerState)
{
    public const ushort Version = 1;

    private const int HeaderLength = 8 + 2 + 8;

    private const int HashLength = 32;

    private static ReadOnlySpan<byte> Magic => "SGTRAIN\0"u8;

    public static void Write(Stream stream, TrainingCheckpoint checkpoint)
    {
        var payload = new MemoryStream();
        using (var w = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(checkpoint.Seed);
            w.Write(checkpoint.BatchSize);
            w.Write(checkpoint.ChunkSize);
            WriteVector(w, checkpoint.Parameters);
            w.Write(checkpoint.Best is not null);
            if (checkpoint.Best is not null)
            {
                WriteVector(w, checkpoint.Best);
            }

            w.Write(checkpoint.BestLoss);
            w.Write(checkpoint.BestEpoch);
            w.Write(checkpoint.BadEpochs);
            w.Write(checkpoint.StoppedEarly);
            w.Write(checkpoint.History.Length);
            foreach (var e in checkpoint.History)
            {
                w.Write(e.Epoch);
                w.Write(e.Lr);
                w.Write(e.TrainLoss);
                WriteOptional(w, e.TrainAccuracy);
                WriteOptional(w, e.ValidationLoss);
                WriteOptional(w, e.ValidationAccuracy);
            }

            w.Write(checkpoint.OptimizerState.Length);
            w.Write(checkpoint.OptimizerState);
        }

        var bytes = payload.GetBuffer().AsSpan(0, (int)payload.Length);
        Span<byte> header = stackalloc byte[HeaderLength];
        Magic.CopyTo(header);
        BitConverter.TryWriteBytes(header[8..], Version);
        BitConverter.TryWriteBytes(header[10..], (long)bytes.Length);
        stream.Write(header);
        stream.Write(bytes);
        stream.Write(SHA256.HashData(bytes));
    }

    /// <exception cref="InvalidDataException">The data is not a complete, intact version-1 checkpoint.</exception>
    public static TrainingCheckpoint Read(ReadOnlySpan<byte> data)
    {
        if (data.Length < HeaderLength || !data[..8].SequenceEqual(Magic))
        {
            throw new InvalidDataException("Not a SymGrad training checkpoint (the magic bytes \"SGTRAIN\\0\" are missing).");
        }

        var version = BitConverter.ToUInt16(data[8..]);
        if (version != Version)
        {
            throw new InvalidDataException($"The checkpoint has format version {version}; this SymGrad reads version {Version}.");
        }

        var length = BitConverter.ToInt64(data[10..]);
        if (length < 0 || length != data.Length - HeaderLength - HashLength)
        {
            throw new InvalidDataException($"The checkpoint is truncated or has trailing data: its header announces {length} bytes of payload, the file holds {data.Length - HeaderLength - HashLength}.");
        }

        var payload = data.Slice(HeaderLength, (int)length);
        if (!SHA256.HashData(payload).AsSpan().SequenceEqual(data[(HeaderLength + (int)length)..]))
        {
            throw new InvalidDataException("The checkpoint is corrupt: its SHA-256 does not match its content.");
        }

        try
        {
            using var r = new BinaryReader(new MemoryStream(payload.ToArray()), Encoding.UTF8);
            var seed = r.ReadInt32();
            var batchSize = r.ReadInt32();
            var chunkSize = r.ReadInt32();
            var parameters = ReadVector(r);
            var best = r.ReadBoolean() ? ReadVector(r) : null;
            var bestLoss = r.ReadDouble();
            var bestEpoch = r.ReadInt32();
            var badEpochs = r.ReadInt32();
            var stopped = r.ReadBoolean();
            var history = new EpochResult[Count(r, 4 + (8 * 2) + 3)];
            for (var i = 0; i < history.Length; i++)
            {
                history[i] = new EpochResult(r.ReadInt32(), r.ReadDouble(), r.ReadDouble(), ReadOptional(r), ReadOptional(r), ReadOptional(r));
                if (history[i].Epoch != i + 1)
                {
                    throw new InvalidDataException($"The checkpoint's history lists epoch {history[i].Epoch} in place {i + 1}.");
                }
            }

            var optimizerState = r.ReadBytes(Count(r, 1));
            if (r.BaseStream.Position != r.BaseStream.Length)
            {
                throw new InvalidDataException("The checkpoint's payload has trailing bytes.");
            }

            return new TrainingCheckpoint(seed, batchSize, chunkSize, parameters, best, bestLoss, bestEpoch, badEpochs, stopped, history, optimizerState);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("The checkpoint's payload ends early.", e);
        }
    }

    private static void WriteVector(BinaryWriter w, double[] values)
    {
        w.Write(values.Length);
        foreach (var v in values)
        {
            w.Write(v);
        }
    }

    private static double[] ReadVector(BinaryReader r)
    {
        var values = new double[Count(r, 8)];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = r.ReadDouble();
        }

        return values;
    }

    private static void WriteOptional(BinaryWriter w, double? value)
    {
        w.Write(value.HasValue);
        w.Write(value ?? 0);
    }

    private static double? ReadOptional(BinaryReader r)
    {
        var has = r.ReadBoolean();
        var value = r.ReadDouble();
        return has ? value : null;
    }

    /// <summary>A count of items of at least <paramref name="itemBytes"/> bytes each, checked against the bytes left.</summary>
    private static int Count(BinaryReader r, int itemBytes)
    {
        var count = r.ReadInt32();
        if (count < 0 || (long)count * itemBytes > r.BaseStream.Length - r.BaseStream.Position)
        {
            throw new InvalidDataException($"The checkpoint's payload announces {count} items where fewer bytes remain.");
        }

        return count;
    }
}
