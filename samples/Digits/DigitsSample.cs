using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using Spectre.Console;
using SymGrad;

namespace Digits;

/// <summary>What a run of the sample produced.</summary>
public sealed record DigitsResult(double TestAccuracy, IReadOnlyList<EpochResult> Epochs, string PlotPath, TimeSpan TrainingTime);

/// <summary>Trains <see cref="Mlp"/> on the 8×8 digits of Data/digits.csv with the generated <c>Mlp.LossGradient</c>.</summary>
public static class DigitsSample
{
    public const int Seed = 42;
    public const int Epochs = 30;
    public const int BatchSize = 32;
    public const double LearningRate = 3e-3;

    public static DigitsResult Run(TextWriter output, string? plotPath = null)
    {
        var (images, labels) = LoadDigits(Path.Combine(AppContext.BaseDirectory, "Data", "digits.csv"));

        // A seeded 80/20 split of the 1 797 digits.
        var order = Enumerable.Range(0, labels.Length).ToArray();
        new Random(Seed).Shuffle(order);
        var trainCount = labels.Length * 4 / 5;
        var train = order[..trainCount];
        var test = order[trainCount..];

        // Glorot-uniform weights and zero biases, as torch.nn.init.xavier_uniform_ would give them.
        var random = new Random(Seed);
        var parameters = new Parameter<double>(new double[Mlp.ParameterCount]);
        Initializers.XavierUniform(parameters.Value.AsSpan(Mlp.W1, Mlp.B1 - Mlp.W1), [Mlp.Hidden, Mlp.Inputs], random, Initializers.CalculateGain(Nonlinearity.Tanh));
        Initializers.XavierUniform(parameters.Value.AsSpan(Mlp.W2, Mlp.B2 - Mlp.W2), [Mlp.Classes, Mlp.Hidden], random);

        var trainer = new MinibatchTrainer(
            parameters,
            new Adam<double>([parameters], new AdamOptions(lr: LearningRate)),
            (p, example, gradient) => Mlp.LossGradient(p, images[example], labels[example], gradient),
            new TrainingOptions(Epochs, BatchSize, Seed, maxDegreeOfParallelism: 2),
            correct: (p, example) => Mlp.Predict(p, images[example]) == labels[example]);

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        console.MarkupLine($"Digits: {labels.Length} images of 8×8 pixels, {train.Length} to train on, {test.Length} to test on");
        console.MarkupLine($"MLP {Mlp.Inputs}-{Mlp.Hidden}-{Mlp.Classes} (tanh, softmax cross-entropy), {Mlp.ParameterCount} parameters, Adam lr {LearningRate}, batch {BatchSize}");

        var stopwatch = Stopwatch.StartNew();
        TrainingResult result = null!;
        console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask("training", maxValue: Epochs);
                result = trainer.Train(train, test, new Reporter(step =>
                {
                    task.Description = $"epoch {step.Epoch}/{Epochs}, loss {step.Loss:F4}";
                    task.Value = step.Epoch - 1 + ((double)step.Batch / step.Batches);
                }));
            });
        stopwatch.Stop();

        var table = new Table().AddColumns("epoch", "train loss", "train accuracy", "test loss", "test accuracy");
        foreach (var epoch in result.Epochs.Where(e => e.Epoch % 5 == 0 || e.Epoch == 1))
        {
            table.AddRow(epoch.Epoch.ToString(CultureInfo.InvariantCulture), Format(epoch.TrainLoss), Percent(epoch.TrainAccuracy), Format(epoch.ValidationLoss), Percent(epoch.ValidationAccuracy));
        }

        console.Write(table);
        var testAccuracy = result.Epochs[^1].ValidationAccuracy ?? 0;
        plotPath = Path.GetFullPath(plotPath ?? "digits-training.png");
        SaveCurves(result.Epochs, plotPath);
        console.MarkupLine($"trained in {stopwatch.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)} s; test accuracy {Percent(testAccuracy)}");
        console.MarkupLine($"loss and accuracy curves: {Markup.Escape(plotPath)}");
        return new DigitsResult(testAccuracy, result.Epochs, plotPath, stopwatch.Elapsed);
    }

    /// <summary>Reads Data/digits.csv: a header, then 64 pixels (0–16) and a label per line; pixels are scaled to [0, 1].</summary>
    public static (double[][] Images, int[] Labels) LoadDigits(string path)
    {
        var lines = File.ReadLines(path).Skip(1).Where(line => line.Length > 0).ToArray();
        var images = new double[lines.Length][];
        var labels = new int[lines.Length];
        for (var n = 0; n < lines.Length; n++)
        {
            var fields = lines[n].Split(',');
            images[n] = fields[..Mlp.Inputs].Select(field => double.Parse(field, CultureInfo.InvariantCulture) / 16).ToArray();
            labels[n] = int.Parse(fields[Mlp.Inputs], CultureInfo.InvariantCulture);
        }

        return (images, labels);
    }

    private static void SaveCurves(IReadOnlyList<EpochResult> epochs, string path)
    {
        double[] x = [.. epochs.Select(e => (double)e.Epoch)];
        var plot = new ScottPlot.Plot();
        plot.Title("MLP on the 8×8 digits");
        plot.XLabel("epoch");
        plot.YLabel("cross-entropy loss");
        plot.Axes.Right.Label.Text = "accuracy";

        plot.Add.Scatter(x, [.. epochs.Select(e => e.TrainLoss)]).LegendText = "train loss";
        plot.Add.Scatter(x, [.. epochs.Select(e => e.ValidationLoss ?? double.NaN)]).LegendText = "test loss";
        var trainAccuracy = plot.Add.Scatter(x, [.. epochs.Select(e => e.TrainAccuracy ?? double.NaN)]);
        trainAccuracy.LegendText = "train accuracy";
        trainAccuracy.Axes.YAxis = plot.Axes.Right;
        var testAccuracy = plot.Add.Scatter(x, [.. epochs.Select(e => e.ValidationAccuracy ?? double.NaN)]);
        testAccuracy.LegendText = "test accuracy";
        testAccuracy.Axes.YAxis = plot.Axes.Right;
        plot.ShowLegend(ScottPlot.Alignment.MiddleRight);

        var directory = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        plot.SavePng(path, 800, 500);
    }

    private static string Format(double? value) => value?.ToString("F4", CultureInfo.InvariantCulture) ?? "";

    private static string Percent(double? value) => value?.ToString("P1", CultureInfo.InvariantCulture) ?? "";

    /// <summary>Reports on the training thread itself (<see cref="Progress{T}"/> would post to the thread pool).</summary>
    private sealed class Reporter(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
