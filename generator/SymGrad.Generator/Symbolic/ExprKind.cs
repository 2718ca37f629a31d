namespace SymGrad.Generator.Symbolic;

/// <summary>The node kinds of the symbolic IR.</summary>
internal enum ExprKind
{
    /// <summary>A numeric constant (<see cref="Expr.Value"/>).</summary>
    Const,

    /// <summary>A method parameter (<see cref="Expr.Name"/>, <see cref="Expr.Index"/>).</summary>
    Param,

    /// <summary>An n-ary sum.</summary>
    Add,

    /// <summary>An n-ary product.</summary>
    Mul,

    /// <summary>Base raised to exponent; division is a product with exponent −1.</summary>
    Pow,

    /// <summary>An intrinsic function (<see cref="Expr.Function"/>).</summary>
    Fn,

    /// <summary><c>cond ? then : else</c>.</summary>
    Select,

    /// <summary>A comparison (<see cref="Expr.Comparison"/>) of two numbers; a condition.</summary>
    Compare,

    /// <summary>Logical and of conditions.</summary>
    And,

    /// <summary>Logical or of conditions.</summary>
    Or,

    /// <summary>Logical negation of a condition.</summary>
    Not,

    /// <summary>A boolean constant (<see cref="Expr.Value"/> is 1 or 0).</summary>
    Bool,

    /// <summary>A call to another method (<see cref="Expr.Target"/>).</summary>
    Call,

    /// <summary>The partial derivative of a differentiable call with respect to argument <see cref="Expr.Index"/>.</summary>
    CallPartial,
}
