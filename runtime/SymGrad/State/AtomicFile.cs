using System;
using System.IO;

namespace SymGrad;

/// <summary>Replaces a file only once its new content is complete: write a temporary file beside it, flush it to disk, rename it over the old one.</summary>
internal static class AtomicFile
{
    /// <summary>
    /// Writes <paramref name="path"/> through <paramref name="write"/>. If <paramref name="write"/> throws, or the process dies
    /// midway, the file at <paramref name="path"/> is the previous one (the rename is atomic on one volume); the temporary file
    /// is deleted when the failure is an exception.
    /// </summary>
    public static void Write(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full) ?? throw new ArgumentException("The path has no directory.", nameof(path));
        var temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}
