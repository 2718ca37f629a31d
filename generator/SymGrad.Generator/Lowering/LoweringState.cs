using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using SymGrad.Generator.Symbolic;

namespace SymGrad.Generator.Lowering;

/// <summary>
/// The state of symbolic execution at one point of a method body: the value of every variable,
/// and whether (and with which value) the method has already returned on some path.
/// </summary>
internal sealed class LoweringState
{
    public LoweringState(Dictionary<ISymbol, Expr> variables, Expr returned, Expr? value, bool terminated)
    {
        Variables = variables;
        Returned = returned;
        Value = value;
        Terminated = terminated;
    }

    public Dictionary<ISymbol, Expr> Variables { get; }

    /// <summary>
    /// Elements written in the loop iteration being lowered, by array and index, until the loop
    /// ends and turns them into a tabulated array (or a running sum).
    /// </summary>
    public Dictionary<(ISymbol Array, Expr Index), Expr> Elements { get; private set; } = new(ElementKeyComparer.Instance);

    /// <summary>A condition that holds where the method has returned already.</summary>
    public Expr Returned { get; set; }

    /// <summary>The returned value, meaningful where <see cref="Returned"/> holds.</summary>
    public Expr? Value { get; set; }

    /// <summary>True when every path has returned: statements after this point are unreachable.</summary>
    public bool Terminated { get; set; }

    public LoweringState Clone() =>
        new(new Dictionary<ISymbol, Expr>(Variables, SymbolEqualityComparer.Default), Returned, Value, Terminated)
        {
            Elements = new Dictionary<(ISymbol, Expr), Expr>(Elements, ElementKeyComparer.Instance),
        };

    private sealed class ElementKeyComparer : IEqualityComparer<(ISymbol Array, Expr Index)>
    {
        public static readonly ElementKeyComparer Instance = new();

        public bool Equals((ISymbol Array, Expr Index) x, (ISymbol Array, Expr Index) y) =>
            SymbolEqualityComparer.Default.Equals(x.Array, y.Array) && x.Index.Equals(y.Index);

        public int GetHashCode((ISymbol Array, Expr Index) key) =>
            (SymbolEqualityComparer.Default.GetHashCode(key.Array) * 31) + key.Index.GetHashCode();
    }
}
