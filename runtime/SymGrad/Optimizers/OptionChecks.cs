using System;

namespace SymGrad;

/// <summary>The range checks of optimizer and scheduler options, PyTorch's, with the option's camelCase name.</summary>
internal static class OptionChecks
{
    /// <summary>Returns <paramref name="value"/> if it is at least 0 (so not NaN).</summary>
    public static double NonNegative(double value, string name) =>
        value >= 0 ? value : throw new ArgumentOutOfRangeException(name, value, "Must be at least 0.");

    /// <summary>Returns <paramref name="value"/> if it lies in [0, 1).</summary>
    public static double Beta(double value, string name) =>
        value is >= 0 and < 1 ? value : throw new ArgumentOutOfRangeException(name, value, "Must be in [0, 1).");

    /// <summary>Returns <paramref name="value"/> if it is at least 1.</summary>
    public static int Positive(int value, string name) =>
        value >= 1 ? value : throw new ArgumentOutOfRangeException(name, value, "Must be at least 1.");

    /// <summary>A stored flag: exactly 0 or 1.</summary>
    public static bool Flag(double value, string name) => value switch
    {
        0 => false,
        1 => true,
        _ => throw new ArgumentOutOfRangeException(name, value, "A flag must be 0 or 1."),
    };
}
