using System;
using System.Collections.Generic;

namespace SymGrad.Generator.Symbolic;

/// <summary>
/// A total, deterministic order of expressions used to sort the operands of sums and products,
/// so that equal mathematics becomes equal IR. Constants come first, then parameters by
/// position, then compound nodes.
/// </summary>
internal sealed class ExprOrder : IComparer<Expr>
{
    public static readonly ExprOrder Instance = new();

    public int Compare(Expr? x, Expr? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        var byRank = Rank(x.Kind).CompareTo(Rank(y.Kind));
        if (byRank != 0)
        {
            return byRank;
        }

        var c = x.Kind switch
        {
            ExprKind.Const or ExprKind.Bool => x.Value.CompareTo(y.Value),
            ExprKind.Param => x.Index.CompareTo(y.Index),
            _ => 0,
        };
        if (c != 0)
        {
            return c;
        }

        c = x.Function.CompareTo(y.Function);
        if (c == 0)
        {
            c = x.Comparison.CompareTo(y.Comparison);
        }

        if (c == 0)
        {
            c = string.CompareOrdinal(x.Name, y.Name);
        }

        if (c == 0)
        {
            c = string.CompareOrdinal(x.Target?.Id, y.Target?.Id);
        }

        if (c == 0)
        {
            c = x.Index.CompareTo(y.Index);
        }

        if (c == 0)
        {
            c = x.Args.Count.CompareTo(y.Args.Count);
        }

        for (var i = 0; c == 0 && i < x.Args.Count; i++)
        {
            c = Compare(x.Args[i], y.Args[i]);
        }

        if (c == 0)
        {
            c = BitConverter.DoubleToInt64Bits(x.Value).CompareTo(BitConverter.DoubleToInt64Bits(y.Value));
        }

        return c;
    }

    private static int Rank(ExprKind kind) => kind switch
    {
        ExprKind.Const => 0,
        ExprKind.Param => 1,
        ExprKind.Pow => 2,
        ExprKind.Mul => 3,
        ExprKind.Fn => 4,
        ExprKind.Call => 5,
        ExprKind.CallPartial => 6,
        ExprKind.Add => 7,
        ExprKind.Select => 8,
        _ => 9 + (int)kind,
    };
}
