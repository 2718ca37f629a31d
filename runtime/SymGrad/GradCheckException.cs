using System;

namespace SymGrad;

/// <summary>Thrown by <see cref="GradCheck"/>'s <c>Assert</c> when a gradient disagrees with its central differences.</summary>
public sealed class GradCheckException : Exception
{
    /// <summary>Creates the exception for a failed check; the result's <see cref="GradCheckResult.ToString"/> is the message.</summary>
    internal GradCheckException(GradCheckResult result)
        : base(result.ToString())
    {
        Result = result;
    }

    /// <summary>The failed check: the worst component and both derivatives.</summary>
    public GradCheckResult Result { get; }
}
