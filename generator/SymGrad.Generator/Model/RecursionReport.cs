using SymGrad.Generator.Diagnostics;

namespace SymGrad.Generator.Model;

/// <summary>The methods that take part in recursion, and the SGRAD006 diagnostics for them.</summary>
internal sealed record RecursionReport(EquatableArray<string> RecursiveIds, EquatableArray<DiagnosticInfo> Diagnostics);
