using System.IO;
using Tour;
using Xunit;

namespace SymGrad.Samples.Tests;

public sealed class TourSampleTests
{
    [Fact]
    public void TourPassesItsOwnChecksAndPrintsTheClosedForms()
    {
        var output = new StringWriter();

        var exitCode = TourSample.Run(output);

        var text = output.ToString();
        Assert.True(exitCode == 0, text);
        Assert.Contains("d/dx Sigmoid(x) = s·(1 − s), where s = σ(x)", text);
        Assert.Contains("d/dx Tanh(x) = 1 − t², where t = tanh(x)", text);
        Assert.Contains("d/dx Softplus(x) = σ(x)", text);
        Assert.Contains("∂F/∂x = 2·x·y", text);
        Assert.Contains("∂Softmax/∂x[i]", text);
        Assert.DoesNotContain("no closed form documented", text);
        Assert.Contains("Jacobian, generated (diag(y) − y yᵀ) beside finite differences:", text);
        Assert.Contains("largest difference from finite differences:", text);
    }
}
