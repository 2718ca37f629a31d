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

    /// <summary>A condition that holds where the method has returned already.</summary>
    public Expr Returned { get; set; }

    /// <summary>The returned value, meaningful where <see cref="Returned"/> holds.</summary>
    public Expr? Value { get; set; }

    /// <summary>True when every path has returned: statements after this point are unreachable.</summary>
    public bool Terminated { get; set; }

    public LoweringState Clone() =>
        new(new Dictionary<ISymbol, Expr>(Variables, SymbolEqualityComparer.Default), Returned, Value, Terminated);
}
