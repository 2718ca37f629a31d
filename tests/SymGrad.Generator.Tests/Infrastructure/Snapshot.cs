using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text;
using Xunit;

namespace SymGrad.Generator.Tests.Infrastructure;

/// <summary>
/// Verify's approval convention, by hand: <c>Snapshots/&lt;TestClass&gt;.&lt;Test&gt;.verified.cs</c> beside the
/// test file is the approved text; a mismatch writes <c>.received.cs</c> next to it and fails with a diff.
/// Set <c>SYMGRAD_ACCEPT_SNAPSHOTS=1</c> to approve what the generator produces now.
/// </summary>
public static class Snapshot
{
    private const string AcceptVariable = "SYMGRAD_ACCEPT_SNAPSHOTS";

    public static void Match(string actual, [CallerFilePath] string file = "", [CallerMemberName] string name = "")
    {
        var directory = Path.Combine(Path.GetDirectoryName(file)!, "Snapshots");
        var stem = Path.Combine(directory, $"{Path.GetFileNameWithoutExtension(file)}.{name}");
        var verifiedPath = stem + ".verified.cs";
        var receivedPath = stem + ".received.cs";
        var received = Normalize(actual);

        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(verifiedPath, received);
            File.Delete(receivedPath);
            return;
        }

        var verified = File.Exists(verifiedPath) ? Normalize(File.ReadAllText(verifiedPath)) : null;
        if (verified == received)
        {
            File.Delete(receivedPath);
            return;
        }

        Directory.CreateDirectory(directory);
        File.WriteAllText(receivedPath, received);
        Assert.Fail(verified is null
            ? $"No snapshot {verifiedPath}. Wrote {receivedPath}; review it, then rerun with {AcceptVariable}=1 to accept."
            : $"Snapshot {verifiedPath} differs (- verified, + received). Wrote {receivedPath}; rerun with {AcceptVariable}=1 to accept.\n"
                + LineDiff(verified, received));
    }

    // Git may check snapshots out with CRLF; only the content matters.
    private static string Normalize(string text) => text.ReplaceLineEndings("\n").TrimEnd('\n') + "\n";

    /// <summary>A line diff from the longest common subsequence, showing two lines of context around each change.</summary>
    private static string LineDiff(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        var common = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                common[i, j] = a[i] == b[j] ? common[i + 1, j + 1] + 1 : Math.Max(common[i + 1, j], common[i, j + 1]);
            }
        }

        var lines = new List<(char Mark, string Text)>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                lines.Add((' ', a[x++]));
                y++;
            }
            else if (x < a.Length && (y == b.Length || common[x + 1, y] >= common[x, y + 1]))
            {
                lines.Add(('-', a[x++]));
            }
            else
            {
                lines.Add(('+', b[y++]));
            }
        }

        const int context = 2;
        var diff = new StringBuilder();
        var lastShown = -1;
        for (var k = 0; k < lines.Count; k++)
        {
            var nearChange = false;
            for (var c = Math.Max(0, k - context); c <= Math.Min(lines.Count - 1, k + context) && !nearChange; c++)
            {
                nearChange = lines[c].Mark != ' ';
            }

            if (!nearChange)
            {
                continue;
            }

            if (lastShown >= 0 && k > lastShown + 1)
            {
                diff.AppendLine("  ...");
            }

            diff.Append(lines[k].Mark).Append(' ').AppendLine(lines[k].Text);
            lastShown = k;
        }

        return diff.ToString();
    }
}
