using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Xml.Linq;

namespace Tour;

/// <summary>
/// Every derivative printed here is generated at compile time from the methods in Functions.cs;
/// the "numeric" column is a central finite difference computed here for comparison.
/// </summary>
public static class TourSample
{
    /// <summary>Prints the tour to <paramref name="output"/>; returns 0 when every generated derivative matches its finite difference, 1 otherwise.</summary>
    public static int Run(TextWriter output)
    {
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        try
        {
            const double Step = 1e-5;
            const double Tolerance = 1e-7;
            double[] points = [-4.0, -1.0, -0.5, 0.0, 0.5, 1.0, 4.0];
            double worst = 0;

            PrintClosedForms(output);
            output.WriteLine("SymGrad tour: generated derivatives beside central finite differences");
            output.WriteLine();

            PrintScalar("Sigmoid(x) = 1 / (1 + exp(-x))", Functions.Sigmoid, Functions.SigmoidDerivative);
            PrintScalar("Tanh(x) = tanh(x)", Functions.Tanh, Functions.TanhDerivative);
            PrintScalar("Softplus(x) = log(1 + exp(x))", Functions.Softplus, Functions.SoftplusDerivative);

            output.WriteLine("F(x, y) = x * x * y + sin(y)");
            output.WriteLine($"{"x",6} {"y",6} {"F",13}   {"dF/dx",13} {"numeric",13}   {"dF/dy",13} {"numeric",13}");
            (double X, double Y)[] pairs = [(-2.0, 0.5), (-1.0, -1.0), (0.0, 0.0), (0.5, 2.0), (1.5, -0.25), (3.0, 1.0)];
            foreach (var (x, y) in pairs)
            {
                var value = Functions.FGradient(x, y, out var dX, out var dY);
                var numericX = CentralDifference(t => Functions.F(t, y), x);
                var numericY = CentralDifference(t => Functions.F(x, t), y);
                Track(dX, numericX);
                Track(dY, numericY);
                output.WriteLine($"{x,6:F2} {y,6:F2} {value,13:F8}   {dX,13:F8} {numericX,13:F8}   {dY,13:F8} {numericY,13:F8}");
            }

            output.WriteLine();
            double[] logits = [0.2001, 0.6048, 0.0787];
            var softmax = new double[3];
            var jacobian = new double[9];
            Functions.SoftmaxJacobian(logits, softmax, jacobian);
            output.WriteLine($"Softmax([{string.Join(", ", logits)}]) = [{string.Join(", ", softmax.Select(v => v.ToString("F4")))}]");
            output.WriteLine("Jacobian, generated (diag(y) − y yᵀ) beside finite differences:");
            for (var row = 0; row < 3; row++)
            {
                var numeric = Enumerable.Range(0, 3).Select(column => CentralDifference(t => SoftmaxAt(logits, column, t, row), logits[column])).ToArray();
                for (var column = 0; column < 3; column++)
                {
                    Track(jacobian[(row * 3) + column], numeric[column]);
                }

                output.WriteLine($"  [{string.Join(", ", Enumerable.Range(0, 3).Select(c => jacobian[(row * 3) + c].ToString("F4").PadLeft(7)))}]   numeric [{string.Join(", ", numeric.Select(v => v.ToString("F4").PadLeft(7)))}]");
            }

            output.WriteLine();
            double[] huge = [1000, -1000, 999, 0.5];
            var dLogits = new double[4];
            var loss = Functions.CrossEntropyGradient(huge, 2, dLogits);
            output.WriteLine($"CrossEntropy([{string.Join(", ", huge)}], target 2) = {loss:F8}");
            output.WriteLine($"  gradient, generated as softmax − onehot: [{string.Join(", ", dLogits.Select(v => v.ToString("F8")))}]");
            for (var i = 0; i < 4; i++)
            {
                var copy = (double[])huge.Clone();
                Track(dLogits[i], CentralDifference(t => { copy[i] = t; return Functions.CrossEntropy(copy, 2); }, huge[i]));
            }

            output.WriteLine();
            output.WriteLine($"largest difference from finite differences: {worst:0.00e+00}");
            return worst <= Tolerance ? 0 : 1;

            void PrintScalar(string title, Func<double, double> function, Func<double, double> derivative)
            {
                output.WriteLine(title);
                output.WriteLine($"{"x",6} {"value",13}   {"derivative",13} {"numeric",13} {"difference",11}");
                foreach (var x in points)
                {
                    var generated = derivative(x);
                    var numeric = CentralDifference(function, x);
                    Track(generated, numeric);
                    output.WriteLine($"{x,6:F2} {function(x),13:F8}   {generated,13:F8} {numeric,13:F8} {Math.Abs(generated - numeric),11:0.00e+00}");
                }

                output.WriteLine();
            }

            double SoftmaxAt(double[] x, int column, double value, int row)
            {
                var shifted = (double[])x.Clone();
                shifted[column] = value;
                var y = new double[shifted.Length];
                Functions.Softmax(shifted, y);
                return y[row];
            }

            double CentralDifference(Func<double, double> function, double x) =>
                (function(x + Step) - function(x - Step)) / (2 * Step);

            void Track(double generated, double numeric) =>
                worst = Math.Max(worst, Math.Abs(generated - numeric) / Math.Max(1, Math.Abs(numeric)));
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    /// <summary>
    /// Prints the closed forms the generator wrote into the doc comments of the members it added
    /// (the &lt;code&gt; of their remarks, read from Tour.xml beside Tour.dll).
    /// </summary>
    public static void PrintClosedForms(TextWriter output)
    {
        string[] members = ["SigmoidDerivative", "TanhDerivative", "SoftplusDerivative", "FGradient", "SoftmaxBackward", "CrossEntropyGradient"];
        var path = Path.ChangeExtension(typeof(Functions).Assembly.Location, ".xml");
        output.WriteLine("Closed forms the generator produced (from the doc comments of the generated members)");
        if (!File.Exists(path))
        {
            output.WriteLine($"  {path} is missing: build with GenerateDocumentationFile to see them.");
            output.WriteLine();
            return;
        }

        var documented = XDocument.Load(path).Descendants("member").ToLookup(member => MethodName((string?)member.Attribute("name")));
        foreach (var name in members)
        {
            var code = documented[name].Select(member => member.Element("remarks")?.Element("code")?.Value).FirstOrDefault(text => text is not null);
            output.WriteLine($"  {name}:");
            foreach (var line in (code ?? "(no closed form documented)").Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0))
            {
                output.WriteLine($"    {line}");
            }
        }

        output.WriteLine();
    }

    // "M:Tour.Functions.SigmoidDerivative(System.Double)" → "SigmoidDerivative"; the scalar overload comes first in the file.
    private static string MethodName(string? id)
    {
        const string Prefix = "M:Tour.Functions.";
        if (id is null || !id.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return "";
        }

        var end = id.IndexOf('(', StringComparison.Ordinal);
        return end < 0 ? id[Prefix.Length..] : id[Prefix.Length..end];
    }
}
