using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SymGrad.Generator;
using Xunit;

namespace SymGrad.Generator.Tests.Infrastructure;

/// <summary>Runs <see cref="DifferentiableGenerator"/> over in-memory sources the way the compiler would.</summary>
public static class GeneratorHarness
{
    /// <summary>The parse options of every test source and every generated tree.</summary>
    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest);

    // Reading the whole shared framework costs hundreds of milliseconds; the fuzz tests run the
    // generator hundreds of times, so the references are loaded once per test process.
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(LoadReferences);

    private static readonly CSharpCompilationOptions CompilationOptions = new(
        OutputKind.DynamicallyLinkedLibrary,
        nullableContextOptions: NullableContextOptions.Enable,
        optimizationLevel: OptimizationLevel.Release,
        allowUnsafe: true);

    public static GeneratorRun Run(string source, bool simplify = true) => Run([source], simplify);

    public static GeneratorRun Run(IEnumerable<string> sources, bool simplify = true)
    {
        var compilation = CreateCompilation(sources);
        var driver = CreateDriver(simplify).RunGeneratorsAndUpdateCompilation(
            compilation, out var outputCompilation, out var diagnostics);
        return new GeneratorRun(outputCompilation, diagnostics, driver.GetRunResult());
    }

    /// <summary>A compilation of <paramref name="sources"/> (named Source0.cs, Source1.cs, …) against the framework and the SymGrad runtime.</summary>
    public static CSharpCompilation CreateCompilation(IEnumerable<string> sources) =>
        CSharpCompilation.Create(
            "SymGrad.Generated.Tests",
            sources.Select((text, i) => CSharpSyntaxTree.ParseText(text, ParseOptions, path: $"Source{i}.cs")),
            References.Value,
            CompilationOptions);

    /// <summary>A driver with step tracking on, for tests that inspect incremental run reasons.</summary>
    public static GeneratorDriver CreateDriver(bool simplify = true) =>
        CSharpGeneratorDriver.Create(
            [new DifferentiableGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            optionsProvider: new GlobalOptionsProvider(simplify
                ? ImmutableDictionary<string, string>.Empty
                : ImmutableDictionary<string, string>.Empty.Add("build_property.SymGradSimplify", "false")),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>
    /// The scalar overload of <paramref name="methodName"/> (e.g. <c>Sigmoid</c> or <c>SigmoidDerivative</c>)
    /// as a function of its arguments; float methods are called with narrowed arguments.
    /// </summary>
    public static Func<double[], double> Function(Assembly assembly, string typeName, string methodName)
    {
        var method = FindScalarMethod(assembly, typeName, methodName, byRefOutputs: false);
        var parameters = method.GetParameters();
        return args => ToDouble(method.Invoke(null, ToArguments(parameters, args)));
    }

    /// <summary>
    /// A generated <c>MGradient</c> method as a function returning the value and every <c>out</c> partial, in order.
    /// </summary>
    public static Func<double[], (double Value, double[] Partials)> Gradient(Assembly assembly, string typeName, string methodName)
    {
        var method = FindScalarMethod(assembly, typeName, methodName, byRefOutputs: true);
        var parameters = method.GetParameters();
        return args =>
        {
            var arguments = ToArguments(parameters, args);
            var value = ToDouble(method.Invoke(null, arguments));
            var partials = parameters.Where(p => p.IsOut).Select(p => ToDouble(arguments[p.Position])).ToArray();
            return (value, partials);
        };
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return
        [
            .. platform.Select(path => MetadataReference.CreateFromFile(path)),
            MetadataReference.CreateFromFile(typeof(DifferentiableAttribute).Assembly.Location),
        ];
    }

    private static MethodInfo FindScalarMethod(Assembly assembly, string typeName, string methodName, bool byRefOutputs)
    {
        var type = assembly.GetType(typeName)
            ?? assembly.GetTypes().SingleOrDefault(t => t.Name == typeName)
            ?? throw new InvalidOperationException($"Type '{typeName}' not found in {assembly.GetName().Name}.");

        // The span overloads generated for elementwise functions share the name; pick the scalar one.
        var candidates = type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Where(m => m.Name == methodName
                && IsScalar(m.ReturnType)
                && m.GetParameters().All(p => IsScalar(p.ParameterType) || (p.IsOut && IsScalar(p.ParameterType.GetElementType()!)))
                && m.GetParameters().Any(p => p.IsOut) == byRefOutputs)
            .ToList();
        Assert.True(candidates.Count == 1, $"Expected one scalar method '{typeName}.{methodName}', found {candidates.Count}.");
        return candidates[0];
    }

    private static bool IsScalar(Type type) => type == typeof(double) || type == typeof(float);

    private static object?[] ToArguments(ParameterInfo[] parameters, double[] args)
    {
        var inputs = parameters.Where(p => !p.IsOut).ToList();
        Assert.True(inputs.Count == args.Length, $"Expected {inputs.Count} arguments, got {args.Length}.");
        var arguments = new object?[parameters.Length];
        for (var i = 0; i < inputs.Count; i++)
        {
            arguments[inputs[i].Position] = inputs[i].ParameterType == typeof(float) ? (object)(float)args[i] : args[i];
        }

        return arguments;
    }

    private static double ToDouble(object? value) => value switch
    {
        double d => d,
        float f => f,
        _ => throw new InvalidOperationException($"Expected a double or float, got '{value}'."),
    };
}
