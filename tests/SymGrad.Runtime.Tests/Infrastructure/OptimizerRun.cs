using System;
using System.Linq;
using System.Numerics;

namespace SymGrad.Runtime.Tests.Infrastructure;

/// <summary>
/// A fixture case in progress: x in group 0 with the case's options, y in group 1 with its own learning rate, z added
/// as a third group after <see cref="OptimizerFixtures.AddGroupAfter"/> steps, gradients from <see cref="LeastSquares"/>.
/// </summary>
internal sealed class OptimizerRun<T>
    where T : IFloatingPointIeee754<T>
{
    private readonly LeastSquares problem = OptimizerFixtures.Problem;
    private readonly OptimizerCase c;

    public OptimizerRun(OptimizerCase c)
    {
        this.c = c;
        X = new Parameter<T>(Cast(problem.X0));
        Y = new Parameter<T>(Cast(problem.Y0));
        Z = new Parameter<T>(Cast(problem.Z0));
        Optimizer = Create(c, X, Y);
    }

    public Parameter<T> X { get; }

    public Parameter<T> Y { get; }

    public Parameter<T> Z { get; }

    public Optimizer Optimizer { get; }

    /// <summary>The number of steps taken.</summary>
    public int Steps { get; private set; }

    /// <summary>x, y and z (empty before it is added) as doubles.</summary>
    public double[][] Values => [Widen(X.Value), Widen(Y.Value), Steps > OptimizerFixtures.AddGroupAfter ? Widen(Z.Value) : []];

    /// <summary>Fills the gradients and takes one step; adds z's group after the step it is due.</summary>
    public void Step()
    {
        Steps++;
        var withZ = Steps > OptimizerFixtures.AddGroupAfter;
        var (gx, gy, gz) = problem.Gradients(Widen(X.Value), Widen(Y.Value), withZ ? Widen(Z.Value) : null);
        Cast(gx).CopyTo(X.Grad);
        Cast(gy).CopyTo(Y.Grad);
        if (withZ)
        {
            Cast(gz).CopyTo(Z.Grad);
        }

        Optimizer.Step();
        if (Steps == OptimizerFixtures.AddGroupAfter)
        {
            AddGroup(Optimizer, Z, c.AddedGroupLr);
        }
    }

    /// <summary>Continues <paramref name="other"/>'s training in this run: its parameter values and step count, and z's group if it has one; the optimizer's state is left to be loaded.</summary>
    public void TakeParameters(OptimizerRun<T> other)
    {
        other.X.Value.CopyTo(X.Value);
        other.Y.Value.CopyTo(Y.Value);
        other.Z.Value.CopyTo(Z.Value);
        Steps = other.Steps;
        if (Steps >= OptimizerFixtures.AddGroupAfter)
        {
            AddGroup(Optimizer, Z, c.AddedGroupLr);
        }
    }

    /// <summary>Adds z's group to <paramref name="optimizer"/> (another run's, when resuming) with the defaults but <paramref name="lr"/>.</summary>
    public static void AddGroup(Optimizer optimizer, Parameter<T> z, double lr)
    {
        switch (optimizer)
        {
            case Sgd<T> o: o.AddParamGroup([z], o.Defaults with { Lr = lr }); break;
            case Adam<T> o: o.AddParamGroup([z], o.Defaults with { Lr = lr }); break;
            case AdamW<T> o: o.AddParamGroup([z], o.Defaults with { Lr = lr }); break;
            case RmsProp<T> o: o.AddParamGroup([z], o.Defaults with { Lr = lr }); break;
            case Adagrad<T> o: o.AddParamGroup([z], o.Defaults with { Lr = lr }); break;
            default: throw new ArgumentException(optimizer.GetType().Name, nameof(optimizer));
        }
    }

    private static Optimizer Create(OptimizerCase c, Parameter<T> x, Parameter<T> y)
    {
        Optimizer o = c.Optimizer switch
        {
            "Sgd" => new Sgd<T>([x], new SgdOptions(c.Option("lr", double.NaN), c.Option("momentum", 0), c.Option("dampening", 0), c.Option("weight_decay", 0), c.Flag("nesterov"), c.Flag("maximize"))),
            "Adam" => new Adam<T>([x], new AdamOptions(c.Option("lr", 1e-3), c.Beta(0, 0.9), c.Beta(1, 0.999), c.Option("eps", 1e-8), c.Option("weight_decay", 0), c.Flag("amsgrad"), c.Flag("maximize"))),
            "AdamW" => new AdamW<T>([x], new AdamWOptions(c.Option("lr", 1e-3), c.Beta(0, 0.9), c.Beta(1, 0.999), c.Option("eps", 1e-8), c.Option("weight_decay", 1e-2), c.Flag("amsgrad"), c.Flag("maximize"))),
            "RmsProp" => new RmsProp<T>([x], new RmsPropOptions(c.Option("lr", 1e-2), c.Option("alpha", 0.99), c.Option("eps", 1e-8), c.Option("weight_decay", 0), c.Option("momentum", 0), c.Flag("centered"), c.Flag("maximize"))),
            "Adagrad" => new Adagrad<T>([x], new AdagradOptions(c.Option("lr", 1e-2), c.Option("lr_decay", 0), c.Option("weight_decay", 0), c.Option("initial_accumulator_value", 0), c.Option("eps", 1e-10), c.Flag("maximize"))),
            _ => throw new ArgumentException($"Unknown optimizer {c.Optimizer}.", nameof(c)),
        };
        AddGroup(o, y, c.Group1Lr);
        return o;
    }

    private static T[] Cast(double[] values) => [.. values.Select(T.CreateChecked)];

    private static double[] Widen(T[] values) => [.. values.Select(double.CreateChecked)];
}
