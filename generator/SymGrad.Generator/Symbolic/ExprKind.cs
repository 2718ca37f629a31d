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

    /// <summary>An <c>int</c> parameter (<see cref="Expr.Name"/>, <see cref="Expr.Index"/>): sizes and offsets, never differentiated.</summary>
    IntParam,

    /// <summary>A span or array parameter (<see cref="Expr.Name"/>, <see cref="Expr.Index"/>).</summary>
    Array,

    /// <summary>A span or array of <c>int</c> parameter (class indices, say): read as indices, never differentiated.</summary>
    IntArray,

    /// <summary>The counter of a <c>for</c> loop (<see cref="Expr.Name"/>; <see cref="Expr.Index"/> tells loops apart).</summary>
    Loop,

    /// <summary>The length of an array-valued operand.</summary>
    Length,

    /// <summary>An element of an array-valued operand: Args are the array and the index.</summary>
    Elem,

    /// <summary>Σ over a loop counter: Args are the counter, the first index, the end (exclusive) and the summand.</summary>
    Sum,

    /// <summary>The largest (<see cref="Expr.Function"/> Max) or smallest (Min) value over a loop counter; Args as for <see cref="Sum"/>.</summary>
    Reduce,

    /// <summary>An array defined elementwise, <c>a[k] = body(k)</c>: Args are the counter k, the length and the body.</summary>
    Tabulate,

    /// <summary>The adjoint of an array-valued node (<see cref="Tabulate"/> or <see cref="Array"/>): an array of the same length.</summary>
    Adjoint,

    /// <summary>The value a variable has on entry to a loop iteration, while the loop body is lowered.</summary>
    Placeholder,

    /// <summary>
    /// The values of a loop-carried recurrence, an array of length max(to − from, 0) + 1: element 0 is
    /// the initial value, element k + 1 the body at counter from + k with the placeholder standing for
    /// element k. Args: counter, from, to, initial value, body, placeholder.
    /// </summary>
    Scan,

    /// <summary>
    /// The adjoint of every element of a <see cref="Scan"/>, found backwards: Args are the scan, the
    /// direct adjoint of its elements and ∂body/∂placeholder at each step (in the scan's counter).
    /// </summary>
    ScanAdjoint,

    /// <summary>The value of its operand, through which no derivative flows.</summary>
    Detach,
}
