using System;
using BenchmarkDotNet.Running;

namespace SymGrad.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project tests/SymGrad.Benchmarks -- --filter '*W1*'</c> runs benchmarks
/// (any BenchmarkDotNet arguments); <c>-- --verify</c> checks every kernel against a double
/// reference instead and exits non-zero on a mismatch.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args is ["--verify"]) return Verification.Run(Console.Out) ? 0 : 1;
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
