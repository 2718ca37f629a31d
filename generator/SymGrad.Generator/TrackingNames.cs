namespace SymGrad.Generator;

/// <summary>Names of the tracked pipeline steps, asserted by the incremental-caching tests.</summary>
internal static class TrackingNames
{
    public const string Lowered = nameof(Lowered);
    public const string Options = nameof(Options);
    public const string CallGraph = nameof(CallGraph);
    public const string Generated = nameof(Generated);
}
