using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace SymGrad.Generator.Tests.Properties;

/// <summary>How an expression tree is spelled: in <c>double</c> with <c>Math</c>, or in <c>float</c> with <c>MathF</c>.</summary>
internal sealed class Dialect
{
    public static readonly Dialect Double = new(isFloat: false);
    public static readonly Dialect Single = new(isFloat: true);

    private Dialect(bool isFloat)
    {
        IsFloat = isFloat;
    }

    public bool IsFloat { get; }

    public string Type => IsFloat ? "float" : "double";

    /// <summary>Suffix of the float flavour of a helper method (<c>Sq</c> / <c>SqF</c>).</summary>
    public string HelperSuffix => IsFloat ? "F" : string.Empty;

    /// <summary><c>MathF</c> has no Clamp; float code calls the <c>Math.Clamp(float, float, float)</c> overload.</summary>
    /// <param name="function">The Math function.</param>
    /// <param name="preferMath">
    /// Float code may call the float overloads of Math.Abs/Max/Min (and always Math.Clamp) instead of MathF.
    /// </param>
    public string MathClass(string function, bool preferMath = false) =>
        IsFloat && function != "Clamp" && !(preferMath && function is "Abs" or "Max" or "Min") ? "MathF" : "Math";

    /// <param name="value">The value.</param>
    /// <param name="integerStyle">Written as an int literal (<c>2</c>).</param>
    /// <param name="style">0: <c>0.5</c>; 1: exponent <c>5E-1</c>; 2: suffix <c>0.5d</c> / <c>0.5F</c>; 3: leading dot <c>.5</c>.</param>
    public string Literal(double value, bool integerStyle, int style = 0)
    {
        if (integerStyle)
        {
            return ((long)value).ToString(CultureInfo.InvariantCulture);
        }

        string suffix = IsFloat ? (style == 2 ? "F" : "f") : (style == 2 ? "d" : string.Empty);
        string text = style switch
        {
            1 => value.ToString("0.###E+0", CultureInfo.InvariantCulture).Replace("E+", "e", StringComparison.Ordinal),
            3 when Math.Abs(value) < 1 => value.ToString("#.0###", CultureInfo.InvariantCulture),
            _ => value.ToString("0.0###", CultureInfo.InvariantCulture),
        };
        return text + suffix;
    }
}

internal abstract class Expr
{
    /// <summary>Number of nodes; used to keep duplicated subexpressions (u in <c>u * u</c>) small.</summary>
    public abstract int Size { get; }

    public abstract void Render(StringBuilder sb, Dialect dialect);

    /// <summary>True when the rendering needs no parentheses as an operand of a unary minus.</summary>
    public virtual bool IsAtomic => true;

    public string ToString(Dialect dialect)
    {
        var sb = new StringBuilder();
        Render(sb, dialect);
        return sb.ToString();
    }

    public override string ToString() => ToString(Dialect.Double);
}

internal sealed class Num : Expr
{
    public Num(double value, bool integerStyle = false, int style = 0)
    {
        Value = value;
        IntegerStyle = integerStyle && value == Math.Floor(value);
        Style = style;
    }

    /// <summary>Literal spelling, see <see cref="Dialect.Literal"/>.</summary>
    public int Style { get; }

    public double Value { get; }

    public bool IntegerStyle { get; }

    public override int Size => 1;

    public override bool IsAtomic => Value >= 0;

    public override void Render(StringBuilder sb, Dialect dialect) => sb.Append(dialect.Literal(Value, IntegerStyle, Style));
}

internal sealed class Var : Expr
{
    public Var(string name)
    {
        Name = name;
    }

    public string Name { get; }

    public override int Size => 1;

    public override void Render(StringBuilder sb, Dialect dialect) => sb.Append(Name);
}

/// <summary><c>Math.PI</c> / <c>MathF.PI</c> and friends.</summary>
internal sealed class MathConst : Expr
{
    public MathConst(string name)
    {
        Name = name;
    }

    public string Name { get; }

    public override int Size => 1;

    public override void Render(StringBuilder sb, Dialect dialect) => sb.Append(dialect.MathClass(Name)).Append('.').Append(Name);
}

internal sealed class Neg : Expr
{
    public Neg(Expr operand)
    {
        Operand = operand;
    }

    public Expr Operand { get; }

    public override int Size => 1 + Operand.Size;

    public override bool IsAtomic => false;

    public override void Render(StringBuilder sb, Dialect dialect)
    {
        sb.Append('-');
        bool paren = !Operand.IsAtomic;
        if (paren)
        {
            sb.Append('(');
        }

        Operand.Render(sb, dialect);
        if (paren)
        {
            sb.Append(')');
        }
    }
}

/// <summary>A binary operator; always rendered in parentheses so precedence never matters.</summary>
internal sealed class Bin : Expr
{
    public Bin(char op, Expr left, Expr right)
    {
        Op = op;
        Left = left;
        Right = right;
    }

    public char Op { get; }

    public Expr Left { get; }

    public Expr Right { get; }

    public override int Size => 1 + Left.Size + Right.Size;

    public override void Render(StringBuilder sb, Dialect dialect)
    {
        sb.Append('(');
        Left.Render(sb, dialect);
        sb.Append(' ').Append(Op).Append(' ');
        Right.Render(sb, dialect);
        sb.Append(')');
    }
}

internal sealed class MathCall : Expr
{
    public MathCall(string function, params Expr[] args)
    {
        Function = function;
        Args = args;
    }

    /// <summary>In float code, call the float overload on <c>Math</c> (Abs/Max/Min) instead of <c>MathF</c>.</summary>
    public bool PreferMath { get; init; }

    public string Function { get; }

    public Expr[] Args { get; }

    public override int Size => 1 + Args.Sum(a => a.Size);

    public override void Render(StringBuilder sb, Dialect dialect)
    {
        sb.Append(dialect.MathClass(Function, PreferMath)).Append('.').Append(Function).Append('(');
        RenderArgs(sb, dialect, Args);
        sb.Append(')');
    }

    internal static void RenderArgs(StringBuilder sb, Dialect dialect, Expr[] args)
    {
        for (int i = 0; i < args.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }

            args[i].Render(sb, dialect);
        }
    }
}

/// <summary>A call to one of the fixed [Differentiable] helper methods (<see cref="Helpers"/>).</summary>
internal sealed class HelperCall : Expr
{
    public HelperCall(string qualifiedName, params Expr[] args)
    {
        QualifiedName = qualifiedName;
        Args = args;
    }

    public string QualifiedName { get; }

    public Expr[] Args { get; }

    public override int Size => 1 + Args.Sum(a => a.Size);

    public override void Render(StringBuilder sb, Dialect dialect)
    {
        sb.Append(QualifiedName).Append(dialect.HelperSuffix).Append('(');
        MathCall.RenderArgs(sb, dialect, Args);
        sb.Append(')');
    }
}

internal sealed class Ternary : Expr
{
    public Ternary(BoolExpr condition, Expr whenTrue, Expr whenFalse)
    {
        Condition = condition;
        WhenTrue = whenTrue;
        WhenFalse = whenFalse;
    }

    public BoolExpr Condition { get; }

    public Expr WhenTrue { get; }

    public Expr WhenFalse { get; }

    public override int Size => 1 + WhenTrue.Size + WhenFalse.Size;

    public override void Render(StringBuilder sb, Dialect dialect)
    {
        sb.Append('(');
        Condition.Render(sb, dialect);
        sb.Append(" ? ");
        WhenTrue.Render(sb, dialect);
        sb.Append(" : ");
        WhenFalse.Render(sb, dialect);
        sb.Append(')');
    }
}

internal abstract class BoolExpr
{
    public abstract void Render(StringBuilder sb, Dialect dialect);
}

/// <summary>A parameter compared with a constant (the constant is a recorded threshold of that parameter).</summary>
internal sealed class Cmp : BoolExpr
{
    public Cmp(string parameter, string op, double constant, bool reversed)
    {
        Parameter = parameter;
        Op = op;
        Constant = constant;
        Reversed = reversed;
    }

    public string Parameter { get; }

    public string Op { get; }

    public double Constant { get; }

    public bool Reversed { get; }

    public override void Render(StringBuilder sb, Dialect dialect)
    {
        string c = dialect.Literal(Constant, integerStyle: false);
        if (Reversed)
        {
            sb.Append(c).Append(' ').Append(Mirror(Op)).Append(' ').Append(Parameter);
        }
        else
        {
            sb.Append(Parameter).Append(' ').Append(Op).Append(' ').Append(c);
        }
    }

    private static string Mirror(string op) => op switch
    {
        "<" => ">",
        "<=" => ">=",
        ">" => "<",
        ">=" => "<=",
        _ => op,
    };
}

internal sealed class Logic : BoolExpr
{
    public Logic(string op, BoolExpr left, BoolExpr right)
    {
        Op = op;
        Left = left;
        Right = right;
    }

    public string Op { get; }

    public BoolExpr Left { get; }

    public BoolExpr Right { get; }

    public override void Render(StringBuilder sb, Dialect dialect)
    {
        sb.Append('(');
        Left.Render(sb, dialect);
        sb.Append(' ').Append(Op).Append(' ');
        Right.Render(sb, dialect);
        sb.Append(')');
    }
}

internal sealed class Not : BoolExpr
{
    public Not(BoolExpr operand)
    {
        Operand = operand;
    }

    public BoolExpr Operand { get; }

    public override void Render(StringBuilder sb, Dialect dialect)
    {
        sb.Append("!(");
        Operand.Render(sb, dialect);
        sb.Append(')');
    }
}

internal abstract class Stmt
{
    /// <summary>True when control never falls through this statement.</summary>
    public abstract bool AlwaysReturns { get; }

    public abstract void Render(StringBuilder sb, Dialect dialect, int indent);

    protected static StringBuilder Indent(StringBuilder sb, int indent) => sb.Append(' ', indent * 4);
}

internal sealed class Decl : Stmt
{
    public Decl(string name, Expr? value, bool useVar = false)
    {
        Name = name;
        Value = value;
        UseVar = useVar && value != null;
    }

    public string Name { get; }

    /// <summary>Null for a declaration without initializer (assigned later on every path).</summary>
    public Expr? Value { get; }

    public bool UseVar { get; }

    public override bool AlwaysReturns => false;

    public override void Render(StringBuilder sb, Dialect dialect, int indent)
    {
        Indent(sb, indent).Append(UseVar ? "var" : dialect.Type).Append(' ').Append(Name);
        if (Value != null)
        {
            sb.Append(" = ");
            Value.Render(sb, dialect);
        }

        sb.Append(";\n");
    }
}

internal sealed class Assign : Stmt
{
    public Assign(string name, string op, Expr value)
    {
        Name = name;
        Op = op;
        Value = value;
    }

    public string Name { get; }

    /// <summary><c>=</c>, <c>+=</c>, <c>-=</c>, <c>*=</c> or <c>/=</c>.</summary>
    public string Op { get; }

    public Expr Value { get; }

    public override bool AlwaysReturns => false;

    public override void Render(StringBuilder sb, Dialect dialect, int indent)
    {
        Indent(sb, indent).Append(Name).Append(' ').Append(Op).Append(' ');
        Value.Render(sb, dialect);
        sb.Append(";\n");
    }
}

internal sealed class Return : Stmt
{
    public Return(Expr value)
    {
        Value = value;
    }

    public Expr Value { get; }

    public override bool AlwaysReturns => true;

    public override void Render(StringBuilder sb, Dialect dialect, int indent)
    {
        Indent(sb, indent).Append("return ");
        Value.Render(sb, dialect);
        sb.Append(";\n");
    }
}

internal sealed class If : Stmt
{
    public If(BoolExpr condition, List<Stmt> then, List<Stmt>? @else)
    {
        Condition = condition;
        Then = then;
        Else = @else;
    }

    public BoolExpr Condition { get; }

    public List<Stmt> Then { get; }

    public List<Stmt>? Else { get; }

    public override bool AlwaysReturns => Returns(Then) && Else != null && Returns(Else);

    public static bool Returns(List<Stmt> block) => block.Count > 0 && block[block.Count - 1].AlwaysReturns;

    public override void Render(StringBuilder sb, Dialect dialect, int indent)
    {
        Indent(sb, indent);
        RenderChain(sb, dialect, indent);
    }

    private void RenderChain(StringBuilder sb, Dialect dialect, int indent)
    {
        sb.Append("if (");
        Condition.Render(sb, dialect);
        sb.Append(")\n");
        RenderBlock(sb, dialect, indent, Then);
        if (Else == null)
        {
            return;
        }

        Indent(sb, indent).Append("else");
        if (Else.Count == 1 && Else[0] is If elseIf)
        {
            sb.Append(' ');
            elseIf.RenderChain(sb, dialect, indent);
        }
        else
        {
            sb.Append('\n');
            RenderBlock(sb, dialect, indent, Else);
        }
    }

    internal static void RenderBlock(StringBuilder sb, Dialect dialect, int indent, List<Stmt> block)
    {
        Indent(sb, indent).Append("{\n");
        foreach (Stmt s in block)
        {
            s.Render(sb, dialect, indent + 1);
        }

        Indent(sb, indent).Append("}\n");
    }
}

/// <summary>One random [Differentiable] function: its parameters, body and the branch/kink thresholds of each parameter.</summary>
internal sealed class RandomFunction
{
    public RandomFunction(int index, string[] parameters, Expr? expressionBody, List<Stmt>? blockBody, List<double>[] thresholds)
    {
        Index = index;
        Parameters = parameters;
        ExpressionBody = expressionBody;
        BlockBody = blockBody;
        Thresholds = thresholds;
    }

    public int Index { get; }

    public string[] Parameters { get; }

    public int Arity => Parameters.Length;

    public Expr? ExpressionBody { get; }

    public List<Stmt>? BlockBody { get; }

    /// <summary>
    /// For each parameter, every constant it is compared with or at which a kink
    /// (Abs/Max/Min/Clamp) of it sits. Sample points keep a distance from all of them.
    /// </summary>
    public List<double>[] Thresholds { get; }

    /// <summary>The method declaration, with the <c>[Differentiable]</c> attribute, indented for a class body.</summary>
    public string Render(Dialect dialect, string name)
    {
        var sb = new StringBuilder();
        sb.Append("    [Differentiable]\n    public static ").Append(dialect.Type).Append(' ').Append(name).Append('(');
        for (int i = 0; i < Parameters.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }

            sb.Append(dialect.Type).Append(' ').Append(Parameters[i]);
        }

        sb.Append(')');
        if (ExpressionBody != null)
        {
            sb.Append(" =>\n        ");
            ExpressionBody.Render(sb, dialect);
            sb.Append(";\n");
        }
        else
        {
            sb.Append('\n');
            If.RenderBlock(sb, dialect, 1, BlockBody!);
        }

        return sb.ToString();
    }
}
