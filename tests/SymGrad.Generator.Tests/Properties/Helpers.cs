namespace SymGrad.Generator.Tests.Properties;

/// <summary>
/// The fixed [Differentiable] helper methods the random functions call. They live in the same
/// partial class as the random functions (<c>Sq</c>, <c>Hyp</c>, <c>Blend</c>, <c>Smooth</c>) and in a second
/// class (<c>Ext.Wave</c>, which itself calls <c>Funcs.Sq</c>). Float flavours carry an <c>F</c> suffix.
/// </summary>
internal static class Helpers
{
    public const string Namespace = "PropertyTests";

    public const string ClassName = "Funcs";

    public static string FullClassName => Namespace + "." + ClassName;

    /// <summary>Members placed inside <c>Funcs</c>.</summary>
    public const string FuncsMembers = """
            [Differentiable]
            public static double Sq(double u) => u * u;

            [Differentiable]
            public static double Hyp(double a, double b) => Math.Sqrt(a * a + b * b + 1);

            [Differentiable]
            public static double Blend(double a, double b)
            {
                double s = 1 / (1 + Math.Exp(-a));
                return s * b + (1 - s) * a * a;
            }

            // Softplus written two ways; both branches are the same smooth function.
            [Differentiable]
            public static double Smooth(double u)
            {
                if (u > 0)
                {
                    return u + Math.Log(1 + Math.Exp(-u));
                }

                return Math.Log(1 + Math.Exp(u));
            }

            [Differentiable]
            public static float SqF(float u) => u * u;

            [Differentiable]
            public static float HypF(float a, float b) => MathF.Sqrt(a * a + b * b + 1);

            [Differentiable]
            public static float BlendF(float a, float b)
            {
                float s = 1 / (1 + MathF.Exp(-a));
                return s * b + (1 - s) * a * a;
            }

            [Differentiable]
            public static float SmoothF(float u)
            {
                if (u > 0)
                {
                    return u + MathF.Log(1 + MathF.Exp(-u));
                }

                return MathF.Log(1 + MathF.Exp(u));
            }

        """;

    /// <summary>A second partial class whose helper calls back into <c>Funcs</c>.</summary>
    public const string ExtClass = """
        public static partial class Ext
        {
            [Differentiable]
            public static double Wave(double u, double w) => Math.Sin(u) * Funcs.Sq(w) + u;

            [Differentiable]
            public static float WaveF(float u, float w) => MathF.Sin(u) * Funcs.SqF(w) + u;
        }
        """;

    /// <summary>A whole compilation unit: helpers plus the given <c>Funcs</c> members.</summary>
    public static string CompilationUnit(string funcsMembers) =>
        "using System;\nusing SymGrad;\n\nnamespace " + Namespace + ";\n\npublic static partial class " + ClassName
        + "\n{\n" + FuncsMembers + "\n" + funcsMembers + "}\n\n" + ExtClass + "\n";
}
