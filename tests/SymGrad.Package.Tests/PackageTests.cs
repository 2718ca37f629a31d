using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using Xunit;

namespace SymGrad.Package.Tests;

/// <summary>
/// The package as a user meets it: <c>dotnet pack</c>, then a fresh console project that references only that package
/// from a local folder feed, with a <c>[Differentiable]</c> method of its own, built and run.
/// </summary>
public sealed class PackageTests : IDisposable
{
    private readonly string work = Path.Combine(Path.GetTempPath(), "symgrad-package-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(work, recursive: true);

    [Fact]
    public void AFreshProjectGetsItsDerivativeFromThePackageAlone()
    {
        var root = RepositoryRoot();
        var feed = Path.Combine(work, "feed");
        Dotnet(root, "pack", Path.Combine(root, "runtime", "SymGrad", "SymGrad.csproj"), "-c", "Release", "--no-build", "-o", feed);
        var package = Directory.GetFiles(feed, "SymGrad.*.nupkg").Single();
        var version = Path.GetFileNameWithoutExtension(package)["SymGrad.".Length..];

        var app = Directory.CreateDirectory(Path.Combine(work, "app")).FullName;
        File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(app, "App.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <EmitCompilerGeneratedFiles>true</EmitCompilerGeneratedFiles>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="SymGrad" Version="{version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            using System;
            using System.Globalization;
            using SymGrad;

            Console.WriteLine(Functions.SigmoidDerivative(1.0).ToString("R", CultureInfo.InvariantCulture));
            Console.WriteLine(Functions.FGradient(1.5, 2.0, out var dX, out var dY).ToString("R", CultureInfo.InvariantCulture));
            Console.WriteLine(dX.ToString("R", CultureInfo.InvariantCulture));
            Console.WriteLine(dY.ToString("R", CultureInfo.InvariantCulture));

            public static partial class Functions
            {
                [Differentiable]
                public static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

                [Differentiable]
                public static double F(double x, double y) => x * x * y + Math.Sin(y);
            }
            """);

        var output = Dotnet(app, "run", "-c", "Release").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => double.Parse(line, CultureInfo.InvariantCulture)).ToArray();

        var s = 1 / (1 + Math.Exp(-1.0));
        Assert.Equal(4, output.Length);
        Assert.Equal(s * (1 - s), output[0], 1e-15);
        Assert.Equal(1.5 * 1.5 * 2 + Math.Sin(2), output[1], 1e-14);
        Assert.Equal(2 * 1.5 * 2, output[2], 1e-14);
        Assert.Equal(1.5 * 1.5 + Math.Cos(2), output[3], 1e-14);

        // The generated source is there for users who ask for it.
        var generated = Directory.GetFiles(Path.Combine(app, "obj"), "*.g.cs", SearchOption.AllDirectories);
        Assert.Contains(generated, f => Path.GetFileName(f).Contains("Sigmoid", StringComparison.Ordinal));
    }

    /// <summary>Runs <c>dotnet</c> with its own package cache, so a package of the same version packed earlier is never reused.</summary>
    private string Dotnet(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NUGET_PACKAGES"] = Path.Combine(work, "packages");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(5)), $"dotnet {string.Join(' ', arguments)} did not finish in 5 minutes");
        Assert.True(process.ExitCode == 0, $"dotnet {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{output}\n{error.Result}");
        return output;
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SymGrad.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("No SymGrad.sln above " + AppContext.BaseDirectory);
    }
}
