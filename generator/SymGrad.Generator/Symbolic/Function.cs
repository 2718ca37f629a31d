namespace SymGrad.Generator.Symbolic;

/// <summary>The intrinsic functions the IR knows derivatives of.</summary>
internal enum Function
{
    None,
    Exp,
    Log,
    Log2,
    Log10,

    /// <summary>ln(1 + x), accurate for tiny x; only <see cref="Optimization.StableForms"/> writes it (softplus).</summary>
    Log1P,
    Sqrt,
    Cbrt,
    Abs,
    Sin,
    Cos,
    Tan,
    Asin,
    Acos,
    Atan,
    Sinh,
    Cosh,
    Tanh,
    Asinh,
    Acosh,
    Atanh,
    Sigmoid,
    Softplus,
    Max,
    Min,
    Clamp,
    Atan2,

    /// <summary>The quotient of two indices, truncated like C#'s <c>int</c> division; never differentiated.</summary>
    Quotient,

    /// <summary>The remainder of two indices, like C#'s <c>int</c> <c>%</c>; never differentiated.</summary>
    Remainder,
}
