using System;
using System.Collections.Generic;

namespace SymGrad.Generator.Symbolic;

/// <summary>
/// An immutable node of the symbolic IR with structural equality and a cached, process-independent
/// hash. Nodes are built through <see cref="ExprBuilder"/>, which puts them in canonical form.
/// </summary>
internal sealed class Expr : IEquatable<Expr>
{
    private static readonly Expr[] NoArgs = [];

    private readonly int hash;

    internal Expr(
        ExprKind kind,
        Expr[]? args = null,
        double value = 0,
        string? name = null,
        int index = 0,
        Function function = Function.None,
        Comparison comparison = Comparison.None,
        CallTarget? target = null)
    {
        Kind = kind;
        Args = args ?? NoArgs;
        Value = value;
        Name = name;
        Index = index;
        Function = function;
        Comparison = comparison;
        Target = target;
        hash = ComputeHash();
    }

    public ExprKind Kind { get; }

    public IReadOnlyList<Expr> Args { get; }

    public double Value { get; }

    public string? Name { get; }

    public int Index { get; }

    public Function Function { get; }

    public Comparison Comparison { get; }

    public CallTarget? Target { get; }

    public bool IsConst => Kind == ExprKind.Const;

    public bool IsCondition => Kind is ExprKind.Compare or ExprKind.And or ExprKind.Or or ExprKind.Not or ExprKind.Bool
        || (Kind == ExprKind.Select && Args[1].IsCondition);

    public bool IsConstValue(double value) => Kind == ExprKind.Const && Value == value;

    public bool Equals(Expr? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || other.hash != hash || other.Kind != Kind || other.Args.Count != Args.Count)
        {
            return false;
        }

        if (BitConverter.DoubleToInt64Bits(Value) != BitConverter.DoubleToInt64Bits(other.Value)
            || Name != other.Name
            || Index != other.Index
            || Function != other.Function
            || Comparison != other.Comparison
            || !Equals(Target, other.Target))
        {
            return false;
        }

        for (var i = 0; i < Args.Count; i++)
        {
            if (!Args[i].Equals(other.Args[i]))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => obj is Expr other && Equals(other);

    public override int GetHashCode() => hash;

    public override string ToString() => MathPrinter.Print(this);

    private int ComputeHash()
    {
        unchecked
        {
            var h = (int)Kind * 397;
            h = (h * 31) + BitConverter.DoubleToInt64Bits(Value).GetHashCode();
            h = (h * 31) + StableHash(Name);
            h = (h * 31) + Index;
            h = (h * 31) + (int)Function;
            h = (h * 31) + (int)Comparison;
            h = (h * 31) + (Target is null ? 0 : StableHash(Target.Id));
            foreach (var arg in Args)
            {
                h = (h * 31) + arg.hash;
            }

            return h;
        }
    }

    // string.GetHashCode is randomized per process; canonical ordering and caching need a stable hash.
    private static int StableHash(string? text)
    {
        if (text is null)
        {
            return 0;
        }

        unchecked
        {
            var h = (int)2166136261;
            foreach (var c in text)
            {
                h = (h ^ c) * 16777619;
            }

            return h;
        }
    }
}
