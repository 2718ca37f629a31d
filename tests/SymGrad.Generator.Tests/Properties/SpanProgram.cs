using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace SymGrad.Generator.Tests.Properties;

internal enum SpanParamKind
{
    Span,
    Scalar,
    Int,
}

/// <summary>How the test draws a parameter's values for one case.</summary>
internal enum SampleKind
{
    /// <summary>Grid midpoints (k + ½)·0.05 ± 0.005 in [−1.475, 1.475], drawn with replacement.</summary>
    Grid,

    /// <summary>Like <see cref="Grid"/> but pairwise distinct (at least 0.04 apart): spans whose elements compete in a running max/min.</summary>
    Distinct,

    /// <summary>Uniform in ±1.5/√fan-in: weights of a dense layer.</summary>
    Weight,

    /// <summary>Uniform in [0, 1]: targets of cross-entropy losses.</summary>
    Unit,

    /// <summary>An <c>int</c> in [0, dim): a class label.</summary>
    IntBelowDim,

    /// <summary>An <c>int</c> in [0, <see cref="SpanParam.IntMax"/>]: an offset.</summary>
    IntRange,

    /// <summary>An <c>int</c> equal to a dimension: a size.</summary>
    IntDim,

    /// <summary>An <c>int</c> in [0, dim]: a prefix length.</summary>
    IntUpToDim,
}

/// <summary>One parameter of a random span program.</summary>
internal sealed class SpanParam
{
    public SpanParam(string name, SpanParamKind kind)
    {
        Name = name;
        Kind = kind;
    }

    public string Name { get; }

    public SpanParamKind Kind { get; }

    public bool NoDerivative { get; set; }

    /// <summary><c>double[]</c> rather than <c>ReadOnlySpan&lt;double&gt;</c>.</summary>
    public bool IsArray { get; set; }

    /// <summary>The span's length is the product of these dimensions (one dimension for ints that are sized by one).</summary>
    public string[] Dims { get; set; } = Array.Empty<string>();

    public SampleKind Sample { get; set; } = SampleKind.Grid;

    /// <summary>The dimension whose square root scales <see cref="SampleKind.Weight"/> values.</summary>
    public string? FanIn { get; set; }

    public int IntMax { get; set; }

    public bool Differentiable => Kind != SpanParamKind.Int && !NoDerivative;

    public string Declaration(Dialect d)
    {
        string attribute = NoDerivative && Kind != SpanParamKind.Int ? "[NoDerivative] " : string.Empty;
        string type = Kind switch
        {
            SpanParamKind.Span => IsArray ? d.Type + "[]" : "ReadOnlySpan<" + d.Type + ">",
            SpanParamKind.Scalar => d.Type,
            _ => "int",
        };
        return attribute + type + " " + Name;
    }
}

/// <summary>One line of a method body; rendered per dialect.</summary>
/// <remarks>
/// Template tokens: <c>{T}</c> the element type, <c>{M}</c> <c>Math</c>/<c>MathF</c>, <c>{L:0.5}</c> a literal
/// (<c>0.5</c> / <c>0.5f</c>), <c>{0}</c>…<c>{9}</c> the rendered expression arguments.
/// </remarks>
internal sealed class CodeLine
{
    private static readonly Regex LiteralToken = new(@"\{L:(-?[0-9.]+)\}", RegexOptions.CultureInvariant);

    public CodeLine(int indent, string template, Expr[] args, string? replaceFrom = null, string? replaceTo = null)
    {
        Indent = indent;
        Template = template;
        Args = args;
        ReplaceFrom = replaceFrom;
        ReplaceTo = replaceTo;
    }

    public int Indent { get; }

    public string Template { get; }

    public Expr[] Args { get; }

    /// <summary>Applied to every rendered argument (to read element 0 instead of element i).</summary>
    public string? ReplaceFrom { get; }

    public string? ReplaceTo { get; }

    public string Render(Dialect d)
    {
        string text = Template
            .Replace("{T}", d.Type, StringComparison.Ordinal)
            .Replace("{M}", d.IsFloat ? "MathF" : "Math", StringComparison.Ordinal);
        text = LiteralToken.Replace(text, m => d.Literal(double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), integerStyle: false));
        for (int i = Args.Length - 1; i >= 0; i--)
        {
            string arg = Args[i].ToString(d);
            if (ReplaceFrom != null)
            {
                arg = arg.Replace(ReplaceFrom, ReplaceTo, StringComparison.Ordinal);
            }

            text = text.Replace("{" + i.ToString(CultureInfo.InvariantCulture) + "}", arg, StringComparison.Ordinal);
        }

        return new string(' ', 4 * Indent) + text;
    }
}

/// <summary>
/// One random <c>[Differentiable]</c> method of spans, arrays, scalars and ints, made of loops; plus
/// the two plain wrappers the test calls it through (span-typed methods cannot be invoked by reflection).
/// </summary>
internal sealed class SpanProgram
{
    public SpanProgram(int index, List<SpanParam> parameters, List<CodeLine> body, IReadOnlyCollection<string> tags)
    {
        Index = index;
        Parameters = parameters;
        Body = body;
        Tags = tags;
    }

    public int Index { get; }

    public List<SpanParam> Parameters { get; }

    public List<CodeLine> Body { get; }

    public IReadOnlyCollection<string> Tags { get; }

    public IEnumerable<SpanParam> Spans => Parameters.Where(p => p.Kind == SpanParamKind.Span);

    public IEnumerable<SpanParam> Scalars => Parameters.Where(p => p.Kind == SpanParamKind.Scalar);

    public IEnumerable<SpanParam> Ints => Parameters.Where(p => p.Kind == SpanParamKind.Int);

    /// <summary>The <c>[Differentiable]</c> method alone, indented for a class body.</summary>
    public string RenderMethod(Dialect d, string name)
    {
        var sb = new StringBuilder();
        sb.Append("    [Differentiable]\n    public static ").Append(d.Type).Append(' ').Append(name).Append('(')
          .Append(string.Join(", ", Parameters.Select(p => p.Declaration(d)))).Append(")\n    {\n");
        foreach (CodeLine line in Body)
        {
            sb.Append("    ").Append(line.Render(d)).Append('\n');
        }

        sb.Append("    }\n");
        return sb.ToString();
    }

    /// <summary>
    /// The method plus <c>{name}Value(T[][] s, T[] a, int[] k)</c> and
    /// <c>{name}Grad(T[][] s, T[] a, int[] k, T[][] ds, T[] da)</c>, which pass the arrays on in the
    /// method's parameter order (spans from <c>s</c>, scalars from <c>a</c>, ints from <c>k</c>) and the
    /// gradient outputs in the order of the differentiable parameters (spans into <c>ds</c>, scalars out into <c>da</c>).
    /// </summary>
    public string Render(Dialect d, string name)
    {
        var inputs = new List<string>();
        var outputs = new List<string>();
        int span = 0, scalar = 0, integer = 0, dSpan = 0, dScalar = 0;
        foreach (SpanParam p in Parameters)
        {
            switch (p.Kind)
            {
                case SpanParamKind.Span:
                    inputs.Add($"s[{span++}]");
                    if (p.Differentiable)
                    {
                        outputs.Add($"ds[{dSpan++}]");
                    }

                    break;
                case SpanParamKind.Scalar:
                    inputs.Add($"a[{scalar++}]");
                    if (p.Differentiable)
                    {
                        outputs.Add($"out da[{dScalar++}]");
                    }

                    break;
                default:
                    inputs.Add($"k[{integer++}]");
                    break;
            }
        }

        string t = d.Type;
        return RenderMethod(d, name)
            + $"\n    public static {t} {name}Value({t}[][] s, {t}[] a, int[] k) =>\n        {name}({string.Join(", ", inputs)});\n"
            + $"\n    public static {t} {name}Grad({t}[][] s, {t}[] a, int[] k, {t}[][] ds, {t}[] da) =>\n        {name}Gradient({string.Join(", ", inputs.Concat(outputs))});\n";
    }
}
