using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;

namespace SymGrad;

/// <summary>
/// Version 1 of the state file (docs/state-format.md): the magic "SGSTATE\0", a version, the payload's length, the
/// payload, and its SHA-256. The reader checks all of that before it parses the payload, and parses all of the
/// payload before anything is restored.
/// </summary>
internal static class StateFormat
{
    public const ushort Version = 1;

    private const int HeaderLength = 8 + 2 + 8;

    private const int HashLength = 32;

    private static ReadOnlySpan<byte> Magic => "SGSTATE\0"u8;

    public static void Write(Stream stream, OptimizerSnapshot optimizer, SchedulerSnapshot? scheduler)
    {
        var payload = new MemoryStream();
        using (var w = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true))
        {
            WriteOptimizer(w, optimizer);
            w.Write(scheduler is not null);
            if (scheduler is not null)
            {
                WriteScheduler(w, scheduler);
            }
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

    /// <exception cref="InvalidDataException">The data is not a complete, intact version-1 state.</exception>
    public static (OptimizerSnapshot Optimizer, SchedulerSnapshot? Scheduler) Read(ReadOnlySpan<byte> data)
    {
        if (data.Length < HeaderLength || !data[..8].SequenceEqual(Magic))
        {
            throw new InvalidDataException("Not a SymGrad state file (the magic bytes \"SGSTATE\\0\" are missing).");
        }

        var version = BitConverter.ToUInt16(data[8..]);
        if (version != Version)
        {
            throw new InvalidDataException($"The state file has format version {version}; this SymGrad reads version {Version}.");
        }

        var length = BitConverter.ToInt64(data[10..]);
        if (length < 0 || data.Length - HeaderLength - HashLength != length)
        {
            throw new InvalidDataException($"The state file is truncated or has trailing bytes: {data.Length} bytes, a {length}-byte payload needs {HeaderLength + length + HashLength}.");
        }

        var payload = data.Slice(HeaderLength, (int)length);
        if (!SHA256.HashData(payload).AsSpan().SequenceEqual(data[(HeaderLength + (int)length)..]))
        {
            throw new InvalidDataException("The state file is corrupt: its SHA-256 checksum does not match its content.");
        }

        using var r = new BinaryReader(new MemoryStream(payload.ToArray()), Encoding.UTF8);
        try
        {
            var optimizer = ReadOptimizer(r);
            var scheduler = r.ReadBoolean() ? ReadScheduler(r) : null;
            if (r.BaseStream.Position != r.BaseStream.Length)
            {
                throw new InvalidDataException("The state file's payload has bytes after its end.");
            }

            return (optimizer, scheduler);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("The state file's payload ends early.", e);
        }
    }

    private static void WriteOptimizer(BinaryWriter w, OptimizerSnapshot o)
    {
        w.Write(o.Optimizer);
        w.Write((byte)o.ElementSize);
        w.Write(o.Groups.Length);
        foreach (var g in o.Groups)
        {
            WriteDoubles(w, g.Options);
            w.Write(g.Parameters.Length);
            foreach (var p in g.Parameters)
            {
                w.Write(p.Length);
                w.Write(p.Step);
                w.Write(p.Buffers.Length);
                foreach (var b in p.Buffers)
                {
                    w.Write(b is not null);
                    foreach (var x in b ?? [])
                    {
                        if (o.ElementSize == 4)
                        {
                            w.Write((float)x);
                        }
                        else
                        {
                            w.Write(x);
                        }
                    }
                }
            }
        }
    }

    private static OptimizerSnapshot ReadOptimizer(BinaryReader r)
    {
        var name = r.ReadString();
        var elementSize = r.ReadByte();
        if (elementSize is not (4 or 8))
        {
            throw new InvalidDataException($"The state's element size is {elementSize}; only 4 (float) and 8 (double) exist.");
        }

        var groups = new GroupSnapshot[Count(r, 8)];
        for (var g = 0; g < groups.Length; g++)
        {
            var options = ReadDoubles(r);
            var parameters = new ParameterSnapshot[Count(r, 16)];
            for (var i = 0; i < parameters.Length; i++)
            {
                var length = Count(r, 0);
                var step = r.ReadInt64();
                var buffers = new double[]?[Count(r, 1)];
                for (var b = 0; b < buffers.Length; b++)
                {
                    if (r.ReadBoolean())
                    {
                        Ensure(r, (long)length * elementSize);
                        var values = new double[length];
                        for (var k = 0; k < length; k++)
                        {
                            values[k] = elementSize == 4 ? r.ReadSingle() : r.ReadDouble();
                        }

                        buffers[b] = values;
                    }
                }

                parameters[i] = new ParameterSnapshot(length, step, buffers);
            }

            groups[g] = new GroupSnapshot(options, parameters);
        }

        return new OptimizerSnapshot(name, elementSize, groups);
    }

    private static void WriteScheduler(BinaryWriter w, SchedulerSnapshot s)
    {
        w.Write(s.Scheduler);
        w.Write(s.LastEpoch);
        WriteDoubles(w, s.BaseLrs);
        WriteDoubles(w, s.LastLr);
        WriteDoubles(w, s.Extra);
    }

    private static SchedulerSnapshot ReadScheduler(BinaryReader r) =>
        new(r.ReadString(), r.ReadInt32(), ReadDoubles(r), ReadDoubles(r), ReadDoubles(r));

    private static void WriteDoubles(BinaryWriter w, double[] values)
    {
        w.Write(values.Length);
        foreach (var v in values)
        {
            w.Write(v);
        }
    }

    private static double[] ReadDoubles(BinaryReader r)
    {
        var values = new double[Count(r, 8)];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = r.ReadDouble();
        }

        return values;
    }

    /// <summary>A count, checked to be non-negative and, at <paramref name="bytesEach"/> bytes per item, to fit in what is left.</summary>
    private static int Count(BinaryReader r, int bytesEach)
    {
        var count = r.ReadInt32();
        if (count < 0)
        {
            throw new InvalidDataException($"The state file holds a negative count ({count}).");
        }

        Ensure(r, (long)count * bytesEach);
        return count;
    }

    private static void Ensure(BinaryReader r, long bytes)
    {
        if (bytes > r.BaseStream.Length - r.BaseStream.Position)
        {
            throw new InvalidDataException("The state file's payload ends early.");
        }
    }
}
