using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SymGrad.Generator.Diagnostics;
using SymGrad.Generator.Model;
using SymGrad.Generator.Symbolic;

namespace SymGrad.Generator.Lowering;

/// <summary>
/// Lowers a method body to one IR expression by symbolic execution: locals become the expressions
/// assigned to them, if/else merges variables with selects, and early returns are tracked as a
/// "has returned" condition, so the whole body becomes a single expression of the parameters.
/// Every construct it does not understand is reported at its exact syntax node.
/// </summary>
internal sealed partial class BodyLowering
{
    private static readonly ExprBuilder Raw = new(simplify: false);

    private readonly IMethodSymbol method;
    private readonly ITypeSymbol numericType;
    private readonly HashSet<int> differentiable;
    private readonly List<DiagnosticInfo> diagnostics;
    private readonly CancellationToken cancellationToken;
    private readonly List<string> callees = new();
    private int loopDepth;
    private int nextId;

    public BodyLowering(
        IMethodSymbol method,
        IReadOnlyList<int> differentiable,
        List<DiagnosticInfo> diagnostics,
        CancellationToken cancellationToken)
    {
        this.method = method;
        numericType = KnownSymbols.NumericType(method);
        this.differentiable = new HashSet<int>(differentiable);
        this.diagnostics = diagnostics;
        this.cancellationToken = cancellationToken;
    }

    /// <summary>The ids of the [Differentiable] methods the body calls.</summary>
    public IReadOnlyList<string> Callees => callees;

    public Expr? Lower(IOperation body)
    {
        var variables = new Dictionary<ISymbol, Expr>(SymbolEqualityComparer.Default);
        var output = KnownSymbols.Output(method);
        foreach (var parameter in method.Parameters)
        {
            var name = Names.Escape(parameter.Name);
            variables[parameter] = SymbolEqualityComparer.Default.Equals(parameter, output)
                ? ExprBuilder.Tabulate(ExprBuilder.Loop("k", nextId++), ExprBuilder.Length(ExprBuilder.Array(name, parameter.Ordinal)), ExprBuilder.Zero, name)
                : KnownSymbols.IsInt(parameter.Type) ? ExprBuilder.IntParam(name, parameter.Ordinal)
                : KnownSymbols.IsIntArray(parameter.Type) ? ExprBuilder.IntArray(name, parameter.Ordinal)
                : KnownSymbols.ElementType(parameter.Type) is not null ? ExprBuilder.Array(name, parameter.Ordinal)
                : ExprBuilder.Param(name, parameter.Ordinal);
        }

        var state = new LoweringState(variables, ExprBuilder.False, null, terminated: false);
        var errors = diagnostics.Count;

        // Reported where declared, wherever that is in the block; calls to them then stay quiet.
        foreach (var localFunction in body.Descendants().OfType<ILocalFunctionOperation>())
        {
            Unsupported(localFunction, "A local function");
        }

        Execute(body, state);
        if (output is not null)
        {
            state.Value = state.Variables[output];
            if (state.Value.Kind != ExprKind.Tabulate || state.Value.Args[2].IsConstValue(0))
            {
                Unsupported(body, $"A vector-valued method that does not write '{output.Name}[i]' for every i in one loop");
            }
        }

        return diagnostics.Count == errors ? state.Value : null;
    }

    private void Execute(IOperation operation, LoweringState state)
    {
        cancellationToken.ThrowIfCancellationRequested();
        switch (operation)
        {
            case IMethodBodyOperation body:
                Execute((IOperation?)body.BlockBody ?? body.ExpressionBody!, state);
                break;
            case IBlockOperation block:
                foreach (var statement in block.Operations)
                {
                    if (state.Terminated)
                    {
                        break;
                    }

                    Execute(statement, state);
                }

                break;
            case IVariableDeclarationGroupOperation group:
                foreach (var declaration in group.Declarations)
                {
                    foreach (var declarator in declaration.Declarators)
                    {
                        Declare(declarator, declaration, state);
                    }
                }

                break;
            case IExpressionStatementOperation statement:
                Assign(statement.Operation, state);
                break;
            case IReturnOperation when loopDepth > 0:
                Unsupported(operation, "A return inside a loop");
                break;
            case IForLoopOperation loop:
                Loop(loop, state);
                break;
            case IReturnOperation { ReturnedValue: { } returned }:
                {
                    var value = LowerExpression(returned, state);
                    if (value is not null)
                    {
                        state.Value = state.Returned.Kind == ExprKind.Bool && state.Returned.Value == 0
                            ? value
                            : Raw.Select(state.Returned, state.Value!, value);
                    }

                    state.Returned = ExprBuilder.True;
                    state.Terminated = true;
                    break;
                }

            case IConditionalOperation conditional:
                Branch(conditional, state);
                break;
            case IEmptyOperation or ILocalFunctionOperation:
                break;
            default:
                Unsupported(operation, Describe(operation));
                break;
        }
    }

    private void Declare(IVariableDeclaratorOperation declarator, IVariableDeclarationOperation declaration, LoweringState state)
    {
        var local = declarator.Symbol;
        var isArray = IsNumeric(KnownSymbols.ElementType(local.Type));
        if (!IsNumeric(local.Type) && !isArray && !KnownSymbols.IsInt(local.Type) && local.Type.SpecialType != SpecialType.System_Boolean)
        {
            Unsupported(declarator, $"A local of type '{local.Type.ToDisplayString()}'");
            return;
        }

        var initializer = declarator.Initializer ?? declaration.Initializer;
        if (initializer is null)
        {
            return;
        }

        var value = isArray ? NewArray(initializer.Value, state) : LowerExpression(initializer.Value, state);
        if (value is not null)
        {
            state.Variables[local] = value;
        }
    }

    private void Assign(IOperation operation, LoweringState state)
    {
        switch (operation)
        {
            case ISimpleAssignmentOperation assignment when Variable(assignment.Target) is { } target:
                {
                    var value = LowerExpression(assignment.Value, state);
                    if (value is not null)
                    {
                        state.Variables[target] = value;
                    }

                    break;
                }

            case ICompoundAssignmentOperation compound when Variable(compound.Target) is { } target && state.Variables.TryGetValue(target, out var current):
                {
                    var value = LowerExpression(compound.Value, state);
                    var combined = value is null ? null : Arithmetic(compound.OperatorKind, current, value, compound);
                    if (combined is not null)
                    {
                        state.Variables[target] = combined;
                    }

                    break;
                }

            case ISimpleAssignmentOperation assignment when ElementTarget(assignment.Target, state) is { } element:
                {
                    var value = LowerExpression(assignment.Value, state);
                    if (value is not null)
                    {
                        state.Elements[element] = value;
                    }

                    break;
                }

            case ICompoundAssignmentOperation compound when ElementTarget(compound.Target, state) is { } element:
                {
                    var current = ReadElement(element, compound.Target, state);
                    var value = LowerExpression(compound.Value, state);
                    var combined = value is null || current is null ? null : Arithmetic(compound.OperatorKind, current, value, compound);
                    if (combined is not null)
                    {
                        state.Elements[element] = combined;
                    }

                    break;
                }

            case IIncrementOrDecrementOperation step when Variable(step.Target) is { } target && state.Variables.TryGetValue(target, out var current):
                state.Variables[target] = step.Kind == OperationKind.Increment
                    ? Raw.Add(current, ExprBuilder.One)
                    : Raw.Sub(current, ExprBuilder.One);
                break;
            default:
                Unsupported(operation, Describe(operation));
                break;
        }
    }

    private void Branch(IConditionalOperation conditional, LoweringState state)
    {
        var condition = LowerExpression(conditional.Condition, state);
        var whenTrue = state.Clone();
        Execute(conditional.WhenTrue, whenTrue);
        var whenFalse = state.Clone();
        if (conditional.WhenFalse is not null)
        {
            Execute(conditional.WhenFalse, whenFalse);
        }

        if (condition is null)
        {
            return;
        }

        foreach (var variable in whenTrue.Variables.Keys.Union(whenFalse.Variables.Keys, SymbolEqualityComparer.Default))
        {
            whenTrue.Variables.TryGetValue(variable, out var a);
            whenFalse.Variables.TryGetValue(variable, out var b);
            var merged = whenTrue.Terminated || a is null ? b
                : whenFalse.Terminated || b is null ? a
                : a.Equals(b) ? a
                : Raw.Select(condition, a, b);
            if (merged is not null)
            {
                state.Variables[variable] = merged;
            }
        }

        state.Value = IsFalse(whenTrue.Returned) ? whenFalse.Value
            : IsFalse(whenFalse.Returned) ? whenTrue.Value
            : Raw.Select(condition, whenTrue.Value!, whenFalse.Value!);
        state.Returned = whenTrue.Returned.Equals(whenFalse.Returned)
            ? whenTrue.Returned
            : Raw.Select(condition, whenTrue.Returned, whenFalse.Returned);
        state.Terminated = whenTrue.Terminated && whenFalse.Terminated;
    }

    private Expr? LowerExpression(IOperation operation, LoweringState state)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (operation.ConstantValue.HasValue)
        {
            switch (operation.ConstantValue.Value)
            {
                case bool flag:
                    return ExprBuilder.Bool(flag);
                case double or float or int or long or short or byte or sbyte or uint or ulong or ushort or decimal:
                    return ExprBuilder.Const(Convert.ToDouble(operation.ConstantValue.Value, System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        switch (operation)
        {
            case IParameterReferenceOperation parameter:
                return Read(parameter.Parameter, operation, state);
            case ILocalReferenceOperation local:
                return Read(local.Local, operation, state);
            case IConversionOperation conversion:
                if (SymbolEqualityComparer.Default.Equals(conversion.Operand.Type, conversion.Type)
                    || (KnownSymbols.IsInt(conversion.Operand.Type) && IsNumeric(conversion.Type)))
                {
                    return LowerExpression(conversion.Operand, state);
                }

                return Unsupported(operation, $"A conversion from '{conversion.Operand.Type?.ToDisplayString()}' to '{conversion.Type?.ToDisplayString()}'");
            case IUnaryOperation unary:
                {
                    var operand = LowerExpression(unary.Operand, state);
                    return operand is null ? null : unary.OperatorKind switch
                    {
                        UnaryOperatorKind.Minus => Raw.Neg(operand),
                        UnaryOperatorKind.Plus => operand,
                        UnaryOperatorKind.Not => Raw.Not(operand),
                        _ => Unsupported(operation, $"The operator '{unary.OperatorKind}'"),
                    };
                }

            case IBinaryOperation binary when KnownSymbols.IsInt(binary.Type) && binary.OperatorKind is BinaryOperatorKind.Divide or BinaryOperatorKind.Remainder:
                {
                    var left = LowerExpression(binary.LeftOperand, state);
                    var right = LowerExpression(binary.RightOperand, state);
                    return left is null || right is null ? null
                        : Raw.Fn(binary.OperatorKind == BinaryOperatorKind.Divide ? Function.Quotient : Function.Remainder, left, right);
                }

            case IBinaryOperation binary when KnownSymbols.IsInt(binary.Type)
                && binary.OperatorKind is not (BinaryOperatorKind.Add or BinaryOperatorKind.Subtract or BinaryOperatorKind.Multiply):
                return Unsupported(operation, $"The integer operator '{binary.OperatorKind}'");
            case IBinaryOperation binary:
                {
                    var left = LowerExpression(binary.LeftOperand, state);
                    var right = LowerExpression(binary.RightOperand, state);
                    return left is null || right is null ? null : Arithmetic(binary.OperatorKind, left, right, operation);
                }

            case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                {
                    var condition = LowerExpression(conditional.Condition, state);
                    var a = LowerExpression(conditional.WhenTrue, state);
                    var b = LowerExpression(whenFalse, state);
                    return condition is null || a is null || b is null ? null : Raw.Select(condition, a, b);
                }

            case IInvocationOperation invocation:
                return new CallLowering(method, numericType, differentiable, diagnostics, callees)
                    .Lower(invocation, invocation.Arguments.OrderBy(a => a.Parameter?.Ordinal ?? 0).Select(a => LowerExpression(a.Value, state)).ToList());
            case IArrayElementReferenceOperation or IPropertyReferenceOperation { Property.IsIndexer: true }:
                {
                    var element = ElementTarget(operation, state);
                    return element is null ? null : ReadElement(element.Value, operation, state);
                }

            case IPropertyReferenceOperation { Property.Name: "Length", Instance: { } instance } when IsNumeric(KnownSymbols.ElementType(instance.Type)) || KnownSymbols.IsIntArray(instance.Type):
                {
                    var array = LowerExpression(instance, state);
                    return array is null ? null : ExprBuilder.Length(array);
                }

            case IFieldReferenceOperation field:
                return Unsupported(operation, $"The non-constant field '{field.Field.Name}'");
            default:
                return Unsupported(operation, Describe(operation));
        }
    }

    private Expr? Arithmetic(BinaryOperatorKind kind, Expr left, Expr right, IOperation operation) => kind switch
    {
        BinaryOperatorKind.Add => Raw.Add(left, right),
        BinaryOperatorKind.Subtract => Raw.Sub(left, right),
        BinaryOperatorKind.Multiply => Raw.Mul(left, right),
        BinaryOperatorKind.Divide => Raw.Div(left, right),
        BinaryOperatorKind.LessThan => Raw.Compare(Comparison.Less, left, right),
        BinaryOperatorKind.LessThanOrEqual => Raw.Compare(Comparison.LessOrEqual, left, right),
        BinaryOperatorKind.GreaterThan => Raw.Compare(Comparison.Greater, left, right),
        BinaryOperatorKind.GreaterThanOrEqual => Raw.Compare(Comparison.GreaterOrEqual, left, right),
        BinaryOperatorKind.Equals => Raw.Compare(Comparison.Equal, left, right),
        BinaryOperatorKind.NotEquals => Raw.Compare(Comparison.NotEqual, left, right),
        BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.And when left.IsCondition => Raw.And(left, right),
        BinaryOperatorKind.ConditionalOr or BinaryOperatorKind.Or when left.IsCondition => Raw.Or(left, right),
        _ => Unsupported(operation, $"The operator '{kind}'"),
    };

    private Expr? Read(ISymbol variable, IOperation operation, LoweringState state) =>
        state.Variables.TryGetValue(variable, out var value)
            ? value
            : Unsupported(operation, $"Reading '{variable.Name}' before it is assigned");

    private static ISymbol? Variable(IOperation target) => target switch
    {
        ILocalReferenceOperation local => local.Local,
        IParameterReferenceOperation parameter => parameter.Parameter,
        _ => null,
    };

    private bool IsNumeric(ITypeSymbol? type) => SymbolEqualityComparer.Default.Equals(type, numericType);

    private static bool IsFalse(Expr condition) => condition.Kind == ExprKind.Bool && condition.Value == 0;

    private Expr? Unsupported(IOperation operation, string construct)
    {
        diagnostics.Add(DiagnosticInfo.Create(
            DiagnosticDescriptors.UnsupportedConstruct,
            operation.Syntax.GetLocation(),
            construct,
            Names.Abbreviate(operation.Syntax.ToString())));
        return null;
    }

    private static string Describe(IOperation operation) => operation switch
    {
        IWhileLoopOperation => "A while loop",
        IForLoopOperation => "A for loop",
        IForEachLoopOperation => "A foreach loop",
        ILoopOperation => "A loop",
        ISwitchOperation or ISwitchExpressionOperation => "A switch",
        ILocalFunctionOperation => "A local function",
        IAnonymousFunctionOperation => "A lambda",
        IThrowOperation => "A throw",
        ITryOperation => "A try statement",
        IReturnOperation => "A return without a value",
        IObjectCreationOperation => "Creating an object",
        IArrayElementReferenceOperation => "An array element",
        IPropertyReferenceOperation property => $"The property '{property.Property.Name}'",
        _ => $"The {Names.Words(operation.Kind.ToString())}",
    };
}
