using System;
using System.Globalization;
using Tour;

// Every derivative below is generated at compile time from the methods in Functions.cs;
// the "numeric" column is a central finite difference computed here for comparison.

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

const double Step = 1e-5;
const double Tolerance = 1e-7;
double[] points = [-4.0, -1.0, -0.5, 0.0, 0.5, 1.0, 4.0];
double worst = 0;

Console.WriteLine("SymGrad tour: generated derivatives beside central finite differences");
Console.WriteLine();

PrintScalar("Sigmoid(x) = 1 / (1 + exp(-x))", Functions.Sigmoid, Functions.SigmoidDerivative);
PrintScalar("Tanh(x) = tanh(x)", Functions.Tanh, Functions.TanhDerivative);
PrintScalar("Softplus(x) = log(1 + exp(x))", Functions.Softplus, Functions.SoftplusDerivative);

Console.WriteLine("F(x, y) = x * x * y + sin(y)");
Console.WriteLine($"{"x",6} {"y",6} {"F",13}   {"dF/dx",13} {"numeric",13}   {"dF/dy",13} {"numeric",13}");
(double X, double Y)[] pairs = [(-2.0, 0.5), (-1.0, -1.0), (0.0, 0.0), (0.5, 2.0), (1.5, -0.25), (3.0, 1.0)];
foreach (var (x, y) in pairs)
{
    var value = Functions.FGradient(x, y, out var dX, out var dY);
    var numericX = CentralDifference(t => Functions.F(t, y), x);
    var numericY = CentralDifference(t => Functions.F(x, t), y);
    Track(dX, numericX);
    Track(dY, numericY);
    Console.WriteLine($"{x,6:F2} {y,6:F2} {value,13:F8}   {dX,13:F8} {numericX,13:F8}   {dY,13:F8} {numericY,13:F8}");
}

Console.WriteLine();
Console.WriteLine($"largest difference from finite differences: {worst:0.00e+00}");
return worst <= Tolerance ? 0 : 1;

void PrintScalar(string title, Func<double, double> function, Func<double, double> derivative)
{
    Console.WriteLine(title);
    Console.WriteLine($"{"x",6} {"value",13}   {"derivative",13} {"numeric",13} {"difference",11}");
    foreach (var x in points)
    {
        var generated = derivative(x);
        var numeric = CentralDifference(function, x);
        Track(generated, numeric);
        Console.WriteLine($"{x,6:F2} {function(x),13:F8}   {generated,13:F8} {numeric,13:F8} {Math.Abs(generated - numeric),11:0.00e+00}");
    }

    Console.WriteLine();
}

double CentralDifference(Func<double, double> function, double x) =>
    (function(x + Step) - function(x - Step)) / (2 * Step);

void Track(double generated, double numeric) =>
    worst = Math.Max(worst, Math.Abs(generated - numeric) / Math.Max(1, Math.Abs(numeric)));
