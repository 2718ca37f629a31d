using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Emit;

/// <summary>
/// Rewrites the scalar C# that <see cref="CSharpExpressions"/> writes for an elementwise function into
/// the same computation on <c>Vector256&lt;T&gt;</c> or <c>Vector512&lt;T&gt;</c>: arithmetic keeps its
/// operators, literals become broadcast constants, <c>c ? a : b</c> becomes <c>ConditionalSelect</c>,
/// comparisons become lane masks, <c>&amp;&amp;</c>/<c>||</c>/<c>!</c> become <c>&amp;</c>/<c>|</c>/<c>~</c>,
/// and <c>Math</c> calls become their vector counterparts (exp, log and tanh from <c>SymGrad.VectorMath</c>, like the
/// log1p the scalar code already takes from there).
/// </summary>
/// <remarks>
/// Working from the scalar text rather than from the IR keeps every operation, its operands and their
/// order exactly as the scalar member computes them, so every lane rounds like the scalar code does;
/// only exp, log and tanh can differ, by the ulp or so between two accurate implementations (and float log1p outside
/// [−0.5, 1], where its scalar form computes in double). Anything
/// without an exact vector counterpart (other <c>Math</c> functions, calls to other methods, loops, int
/// parameters, a <c>Math.Clamp</c> whose bounds are not constants) makes the kernel not vectorizable,
/// and <see cref="Obstacle"/> says why.
/// </remarks>
internal sealed class VectorExpressions
{
    private static readonly Dictionary<double, string> ConstantNames = new()
    {
        [0] = "zero",
        [1] = "one",
        [2] = "two",
        [3] = "three",
        [4] = "four",
        [5] = "five",
        [6] = "six",
        [7] = "seven",
        [8] = "eight",
        [9] = "nine",
        [10] = "ten",
        [0.5] = "half",
    };

    private readonly string width;
    private readonly NumericType type;
    private readonly HashSet<string> known;
    private readonly HashSet<string> taken;
    private readonly List<(string Name, string Value)> constants = new();
    private readonly Dictionary<double, string> declaredConstants = new();
    private readonly Func<ExpressionSyntax, VectorExpressions, string?>? special;

    private VectorExpressions(
        string width,
        NumericType type,
        IEnumerable<string> vectorParameters,
        HashSet<string> taken,
        Func<ExpressionSyntax, VectorExpressions, string?>? special = null)
    {
        this.width = width;
        this.type = type;
        known = new HashSet<string>(vectorParameters, StringComparer.Ordinal);
        this.taken = taken;
        this.special = special;
    }

    /// <summary>The declarations of the broadcast constants the translated code uses.</summary>
    public IEnumerable<string> ConstantDeclarations => constants.Select(c => $"var {c.Name} = {c.Value};");

    /// <summary>The body lines of the kernel: constants, then the locals of the scalar code.</summary>
    public List<string> Lines { get; } = new();

    /// <summary>The vector expressions of the results, in the order of the scalar ones.</summary>
    public List<string> Results { get; } = new();

    /// <summary>Whether the kernel calls <c>SymGrad.VectorMath</c>.</summary>
    public bool UsesVectorMath { get; private set; }

    /// <summary>Why the scalar code has no vector form, for the generated docs; null when it has one.</summary>
    public string? Obstacle { get; private set; }

    private string Element => type == NumericType.Float ? "float" : "double";

    private string VectorType => $"{width}<{Element}>";

    /// <summary>
    /// Translates the scalar <paramref name="statements"/> and <paramref name="results"/> for <paramref name="width"/>
    /// (<c>Vector256</c> or <c>Vector512</c>). <paramref name="vectorParameters"/> are the parameters the kernel
    /// takes as vectors; <paramref name="identifiers"/> are every name in scope, which constants must not shadow.
    /// </summary>
    public static VectorExpressions Translate(
        string width,
        NumericType type,
        IReadOnlyList<string> statements,
        IReadOnlyList<string> results,
        IEnumerable<string> vectorParameters,
        IEnumerable<string> identifiers)
    {
        var translation = new VectorExpressions(width, type, vectorParameters, new HashSet<string>(identifiers, StringComparer.Ordinal));
        try
        {
            var body = new List<string>();
            foreach (var statement in statements)
            {
                body.Add(translation.Statement(statement));
            }

            translation.Results.AddRange(results.Select(result => translation.Expression(Parse(result)).Text));
            translation.Lines.AddRange(translation.constants.Select(c => $"var {c.Name} = {c.Value};"));
            translation.Lines.AddRange(body);
        }
        catch (NotVectorizableException exception)
        {
            translation.Obstacle = exception.Message;
        }
        catch (Exception exception) when (exception is InvalidCastException or FormatException or OverflowException or InvalidOperationException)
        {
            // Syntax this translator was not written for: the plain scalar loop is still right.
            translation.Obstacle = "its scalar code has a form the vectorizer does not know";
        }

        return translation;
    }

    /// <summary>
    /// A translator for the body of a loop (<see cref="LoopVectorizer"/>): <paramref name="special"/> writes what only
    /// the loop knows how to write (element reads, values the loop does not change) and returns null for anything else.
    /// Constant names are taken from <paramref name="taken"/>.
    /// </summary>
    public static VectorExpressions ForLoop(string width, NumericType type, HashSet<string> taken, Func<ExpressionSyntax, VectorExpressions, string?> special) =>
        new(width, type, [], taken, special);

    /// <summary>The vector form of a scalar expression; throws <see cref="NotVectorizableException"/> when it has none.</summary>
    public string Vector(ExpressionSyntax e) => Expression(e).Text;

    /// <summary>Makes <paramref name="name"/> a vector local of the translated code.</summary>
    public void DeclareVector(string name) => known.Add(name);

    /// <summary>Every identifier in scalar code, so that names chosen for vector code can avoid them.</summary>
    public static IEnumerable<string> Identifiers(IEnumerable<string> code) =>
        code.SelectMany(text => SyntaxFactory.ParseTokens(text))
            .Where(token => token.IsKind(SyntaxKind.IdentifierToken))
            .Select(token => token.ValueText);

    private static ExpressionSyntax Parse(string text)
    {
        var expression = SyntaxFactory.ParseExpression(text);
        if (expression.ContainsDiagnostics || expression.FullSpan.Length != text.Length)
        {
            throw new NotVectorizableException("its scalar code is not a single expression");
        }

        return expression;
    }

    private string Statement(string text)
    {
        if (text.IndexOf('\n') >= 0)
        {
            throw new NotVectorizableException("it contains a loop");
        }

        var statement = SyntaxFactory.ParseStatement(text);
        switch (statement)
        {
            case LocalDeclarationStatementSyntax { Declaration: { Variables: [{ Initializer: { } initializer } variable] } declaration }
                when !statement.ContainsDiagnostics && declaration.Type.ToString() is "var" or "double" or "float":
                {
                    var value = Expression(initializer.Value).Text;
                    known.Add(variable.Identifier.ValueText);
                    return $"var {variable.Identifier.ValueText} = {value};";
                }

            case LocalDeclarationStatementSyntax declaration:
                throw new NotVectorizableException($"it computes {declaration.Declaration.Type} values");
            case ExpressionStatementSyntax { Expression: InvocationExpressionSyntax invocation }:
                throw new NotVectorizableException($"it calls {invocation.Expression}");
            default:
                throw new NotVectorizableException($"it contains the statement {statement.Kind()}");
        }
    }

    private (string Text, bool Primary) Expression(ExpressionSyntax e)
    {
        if (special?.Invoke(e, this) is { } written)
        {
            return (written, true);
        }

        switch (e)
        {
            case ParenthesizedExpressionSyntax parenthesized:
                {
                    var inner = Expression(parenthesized.Expression);
                    return inner.Primary ? inner : ("(" + inner.Text + ")", true);
                }

            case BinaryExpressionSyntax binary:
                return Binary(binary);

            case PrefixUnaryExpressionSyntax unary when unary.IsKind(SyntaxKind.UnaryMinusExpression):
                return (Prefix("-", Expression(unary.Operand).Text), false);

            case PrefixUnaryExpressionSyntax unary when unary.IsKind(SyntaxKind.UnaryPlusExpression):
                return Expression(unary.Operand);

            case PrefixUnaryExpressionSyntax unary when unary.IsKind(SyntaxKind.LogicalNotExpression):
                return (Prefix("~", Expression(unary.Operand).Text), false);

            case ConditionalExpressionSyntax conditional:
                return (Call("ConditionalSelect", conditional.Condition, conditional.WhenTrue, conditional.WhenFalse), true);

            case CastExpressionSyntax cast when cast.Type.ToString() is "double" or "float":
                // Values are already vectors of T: the cast only kept C# from dividing ints.
                return Expression(cast.Expression);

            case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.TrueLiteralExpression):
                return ($"{VectorType}.AllBitsSet", true);

            case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.FalseLiteralExpression):
                return ($"{VectorType}.Zero", true);

            case LiteralExpressionSyntax or MemberAccessExpressionSyntax when ConstantValue(e) is { } value:
                return (Constant(value), true);

            case IdentifierNameSyntax identifier when known.Contains(identifier.Identifier.ValueText):
                return (identifier.Identifier.ValueText, true);

            case IdentifierNameSyntax identifier:
                throw new NotVectorizableException($"it uses {identifier.Identifier.ValueText}, which is not a {Element}");

            case InvocationExpressionSyntax invocation:
                return (Invocation(invocation), true);

            default:
                throw new NotVectorizableException($"it contains {e.Kind()}");
        }
    }

    private (string Text, bool Primary) Binary(BinaryExpressionSyntax binary)
    {
        var kind = binary.Kind();
        var op = kind switch
        {
            SyntaxKind.AddExpression => "+",
            SyntaxKind.SubtractExpression => "-",
            SyntaxKind.MultiplyExpression => "*",
            SyntaxKind.DivideExpression => "/",
            SyntaxKind.LogicalAndExpression => "&",
            SyntaxKind.LogicalOrExpression => "|",
            _ => null,
        };
        if (op is not null)
        {
            // & and | rank like && and ||, and comparisons become calls, so the scalar nesting carries over.
            return (Expression(binary.Left).Text + " " + op + " " + Expression(binary.Right).Text, false);
        }

        var comparison = kind switch
        {
            SyntaxKind.LessThanExpression => "LessThan",
            SyntaxKind.LessThanOrEqualExpression => "LessThanOrEqual",
            SyntaxKind.GreaterThanExpression => "GreaterThan",
            SyntaxKind.GreaterThanOrEqualExpression => "GreaterThanOrEqual",
            SyntaxKind.EqualsExpression or SyntaxKind.NotEqualsExpression => "Equals",
            _ => throw new NotVectorizableException($"it contains the operator {binary.OperatorToken.Text}"),
        };
        var call = Call(comparison, binary.Left, binary.Right);
        return kind == SyntaxKind.NotEqualsExpression ? ("~" + call, false) : (call, true);
    }

    private string Invocation(InvocationExpressionSyntax invocation)
    {
        var callee = invocation.Expression.ToString();
        if (invocation.Expression is not MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "Math" or "MathF" or "VectorMath" } receiver } member
            || invocation.ArgumentList.Arguments.Any(a => !a.RefKindKeyword.IsKind(SyntaxKind.None) || a.NameColon is not null))
        {
            throw new NotVectorizableException($"it calls {callee}");
        }

        var args = invocation.ArgumentList.Arguments.Select(a => a.Expression).ToArray();
        var function = member.Name.Identifier.ValueText;
        if (receiver.Identifier.ValueText == "VectorMath")
        {
            if (function != "Log1P" || args.Length != 1)
            {
                throw new NotVectorizableException($"{callee} has no vector counterpart");
            }

            // A function the scalar code already takes from VectorMath, which has vector overloads of it.
            UsesVectorMath = true;
            return $"VectorMath.Log1P({Expression(args[0]).Text})";
        }

        switch (function, args.Length)
        {
            case ("Exp" or "Log" or "Tanh", 1):
                UsesVectorMath = true;
                return $"VectorMath.{function}({Expression(args[0]).Text})";
            case ("Sqrt" or "Abs", 1):
            case ("Max" or "Min", 2):
                return Call(function, args);
            case ("Clamp", 3) when ConstantValue(args[1]) is { } low && ConstantValue(args[2]) is { } high && low <= high:
                // Math.Clamp's own semantics (NaN and −0 pass through); it can only throw for bounds the wrong way round.
                UsesVectorMath = true;
                return $"VectorMath.Clamp({string.Join(", ", args.Select(a => Expression(a).Text))})";
            case ("Clamp", 3):
                throw new NotVectorizableException($"the bounds of {callee} are not constants");
            default:
                throw new NotVectorizableException($"{callee} has no vector counterpart");
        }
    }

    private string Call(string method, params ExpressionSyntax[] args) =>
        $"{width}.{method}({string.Join(", ", args.Select(a => Expression(a).Text))})";

    private static string Prefix(string op, string operand) =>
        operand.StartsWith("-", StringComparison.Ordinal) || operand.StartsWith("~", StringComparison.Ordinal)
            ? op + "(" + operand + ")"
            : op + operand;

    /// <summary>A constant broadcast to every lane: a named local for the common ones, otherwise <c>Create</c> inline.</summary>
    private string Constant(double value)
    {
        if (declaredConstants.TryGetValue(value, out var declared))
        {
            return declared;
        }

        var initializer = value switch
        {
            0 => $"{VectorType}.Zero",
            1 => $"{VectorType}.One",
            _ => $"{width}.Create({Literal(value)})",
        };
        if (!ConstantNames.TryGetValue(value, out var name) || !taken.Add(name))
        {
            return initializer;
        }

        declaredConstants[value] = name;
        constants.Add((name, initializer));
        return name;
    }

    private string Literal(double value)
    {
        if (double.IsNaN(value))
        {
            return Element + ".NaN";
        }

        if (double.IsInfinity(value))
        {
            return Element + (value > 0 ? ".PositiveInfinity" : ".NegativeInfinity");
        }

        if (type == NumericType.Float)
        {
            return ((float)value).ToString("R", CultureInfo.InvariantCulture) + "f";
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.IndexOfAny(['.', 'E']) < 0 ? text + ".0" : text;
    }

    /// <summary>The value of a literal, <c>double.NaN</c> and the like, or a negated one; null for anything else.</summary>
    private static double? ConstantValue(ExpressionSyntax e)
    {
        switch (e)
        {
            case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.NumericLiteralExpression):
                return Convert.ToDouble(literal.Token.Value, CultureInfo.InvariantCulture);
            case PrefixUnaryExpressionSyntax unary when unary.IsKind(SyntaxKind.UnaryMinusExpression) && ConstantValue(unary.Operand) is { } operand:
                return -operand;
            case ParenthesizedExpressionSyntax parenthesized:
                return ConstantValue(parenthesized.Expression);
            case MemberAccessExpressionSyntax { Expression: PredefinedTypeSyntax predefined } member
                when predefined.Keyword.Kind() is SyntaxKind.DoubleKeyword or SyntaxKind.FloatKeyword:
                return member.Name.Identifier.ValueText switch
                {
                    "NaN" => double.NaN,
                    "PositiveInfinity" => double.PositiveInfinity,
                    "NegativeInfinity" => double.NegativeInfinity,
                    _ => null,
                };
            default:
                return null;
        }
    }

    /// <summary>Thrown where scalar code has no vector form; the message says why.</summary>
    internal sealed class NotVectorizableException(string reason) : Exception(reason);
}
