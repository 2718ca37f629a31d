using SymGrad.Generator.Diagnostics;
using SymGrad.Generator.Emit;

namespace SymGrad.Generator.Model;

/// <summary>The output of the generation step for one method: a file, or the diagnostics of its failure.</summary>
internal sealed record GenerationResult(GeneratedSource? Source, EquatableArray<DiagnosticInfo> Diagnostics);
