using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace SymGrad;

/// <summary>
/// The parameter groups, per-parameter state and step loop shared by the optimizers. A derived optimizer supplies the
/// update of one parameter, a vectorized loop that performs PyTorch's single-tensor update with the same floating-point
/// operations in the same order.
/// </summary>
/// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
/// <typeparam name="TOptions">The optimizer's options record.</typeparam>
/// <remarks>
/// As in PyTorch, options such as the learning rate are doubles whatever <typeparamref name="T"/> is: the scalars of
/// each step (1 − β₁, the bias corrections, −lr) are computed in double and rounded to <typeparamref name="T"/> once,
/// as ATen converts a Python float scalar to the tensor's type.
/// </remarks>
public abstract class Optimizer<T, TOptions> : Optimizer
    where T : IFloatingPointIeee754<T>
    where TOptions : OptimizerOptions
{
    private readonly List<ParameterGroup<T, TOptions>> groups = [];

    /// <summary>Creates the optimizer with one group holding <paramref name="parameters"/>.</summary>
    /// <param name="parameters">The parameters of the first group: at least one, none repeated.</param>
    /// <param name="defaults">The options of the first group, and of groups added without their own.</param>
    /// <exception cref="ArgumentException"><paramref name="parameters"/> is empty or repeats a parameter.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither float nor double.</exception>
    private protected Optimizer(IEnumerable<Parameter<T>> parameters, TOptions defaults)
    {
        if (typeof(T) != typeof(double) && typeof(T) != typeof(float))
        {
            throw new NotSupportedException($"Optimizers work on float and double parameters, not {typeof(T).Name}.");
        }

        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(defaults);
        Defaults = defaults;
        var first = parameters.ToArray();
        if (first.Length == 0)
        {
            throw new ArgumentException("The optimizer got an empty parameter list.", nameof(parameters));
        }

        AddParamGroup(first, defaults);
    }

    /// <summary>The options given at construction, used by groups added without their own.</summary>
    public TOptions Defaults { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<ParameterGroup> Groups => groups;

    /// <summary>The parameter groups with their element and options types.</summary>
    public IReadOnlyList<ParameterGroup<T, TOptions>> ParamGroups => groups;

    /// <summary>The number of buffers each parameter's state holds.</summary>
    private protected abstract int BufferCount { get; }

    /// <summary>Adds a group of parameters with its own options (PyTorch's <c>add_param_group</c>).</summary>
    /// <param name="parameters">The parameters; none may already belong to a group.</param>
    /// <param name="options">The group's options; <see cref="Defaults"/> when null (use <c>Defaults with { Lr = … }</c> to change only the learning rate).</param>
    /// <returns>The new group.</returns>
    /// <exception cref="ArgumentException">A parameter repeats or already belongs to a group.</exception>
    public ParameterGroup<T, TOptions> AddParamGroup(IEnumerable<Parameter<T>> parameters, TOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var added = parameters.ToArray();
        var seen = new HashSet<Parameter<T>>(groups.SelectMany(g => g.Parameters), ReferenceEqualityComparer.Instance);
        foreach (var p in added)
        {
            if (p is null)
            {
                throw new ArgumentException("A parameter is null.", nameof(parameters));
            }

            if (!seen.Add(p))
            {
                throw new ArgumentException("Some parameters appear in more than one parameter group.", nameof(parameters));
            }
        }

        var group = new ParameterGroup<T, TOptions>(added, options ?? Defaults, BufferCount);
        groups.Add(group);
        return group;
    }

    /// <inheritdoc/>
    public override void Step()
    {
        foreach (var group in groups)
        {
            var options = group.Options;
            for (var i = 0; i < group.Parameters.Count; i++)
            {
                var state = group.States[i];
                state.Step++;
                Update(options, group.Parameters[i], state);
            }
        }
    }

    /// <inheritdoc/>
    public override void ZeroGrad()
    {
        foreach (var group in groups)
        {
            foreach (var p in group.Parameters)
            {
                Array.Clear(p.Grad);
            }
        }
    }

    /// <summary>Updates one parameter; <paramref name="state"/>'s step already counts this step.</summary>
    private protected abstract void Update(TOptions options, Parameter<T> parameter, ParameterState<T> state);

    /// <summary>The options stored as <see cref="OptimizerOptions.ToValues"/> wrote them.</summary>
    private protected abstract TOptions OptionsFromValues(ReadOnlySpan<double> values);

    /// <summary>A scalar of the step, computed in double, rounded to <typeparamref name="T"/>.</summary>
    private protected static T Scalar(double value) => T.CreateChecked(value);

    /// <inheritdoc/>
    internal override OptimizerSnapshot Capture() => new(
        Name,
        Unsafe.SizeOf<T>(),
        [.. groups.Select(g => new GroupSnapshot(
            g.Options.ToValues(),
            [.. g.Parameters.Select((p, i) => new ParameterSnapshot(
                p.Length,
                g.States[i].Step,
                [.. g.States[i].Buffers.Select(b => b is null ? null : b.Select(double.CreateChecked).ToArray())]))]))]);

    /// <inheritdoc/>
    internal override void Restore(OptimizerSnapshot snapshot)
    {
        if (snapshot.Optimizer != Name)
        {
            throw new InvalidDataException($"The state is of {snapshot.Optimizer}, not {Name}.");
        }

        if (snapshot.ElementSize != Unsafe.SizeOf<T>())
        {
            throw new InvalidDataException($"The state holds {snapshot.ElementSize}-byte elements, this optimizer {Unsafe.SizeOf<T>()}-byte ones.");
        }

        if (snapshot.Groups.Length != groups.Count)
        {
            throw new InvalidDataException($"The state has {snapshot.Groups.Length} parameter groups, the optimizer {groups.Count}.");
        }

        var options = new TOptions[groups.Count];
        for (var g = 0; g < groups.Count; g++)
        {
            var saved = snapshot.Groups[g];
            var group = groups[g];
            options[g] = ReadOptions(saved.Options, g);
            if (saved.Parameters.Length != group.Parameters.Count)
            {
                throw new InvalidDataException($"Group {g} of the state has {saved.Parameters.Length} parameters, the optimizer's {group.Parameters.Count}.");
            }

            for (var i = 0; i < saved.Parameters.Length; i++)
            {
                var p = saved.Parameters[i];
                var length = group.Parameters[i].Length;
                if (p.Length != length || p.Buffers.Length != BufferCount || p.Buffers.Any(b => b is not null && b.Length != length) || p.Step < 0)
                {
                    throw new InvalidDataException($"Parameter {i} of group {g}: the state holds {p.Length} elements and {p.Buffers.Length} buffers, the optimizer {length} and {BufferCount}.");
                }
            }
        }

        for (var g = 0; g < groups.Count; g++)
        {
            groups[g].Options = options[g];
            for (var i = 0; i < groups[g].Parameters.Count; i++)
            {
                var saved = snapshot.Groups[g].Parameters[i];
                var state = groups[g].States[i];
                state.Step = saved.Step;
                state.Buffers = [.. saved.Buffers.Select(b => b is null ? null : b.Select(T.CreateChecked).ToArray())];
            }
        }
    }

    private TOptions ReadOptions(double[] values, int group)
    {
        var expected = Defaults.ToValues().Length;
        if (values.Length != expected)
        {
            throw new InvalidDataException($"Group {group} of the state has {values.Length} options, {Name} has {expected}.");
        }

        try
        {
            return OptionsFromValues(values);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"Group {group} of the state has an invalid option: {e.Message}", e);
        }
    }
}
