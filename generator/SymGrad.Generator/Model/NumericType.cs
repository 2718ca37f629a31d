namespace SymGrad.Generator.Model;

/// <summary>The floating-point type a differentiable method computes in.</summary>
internal enum NumericType
{
    Double,
    Float,
}
