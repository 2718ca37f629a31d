using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;

namespace SymGrad.Generator.Tests.Infrastructure;

/// <summary>Walks everything reachable from an object through its instance fields and array elements.</summary>
public static class ObjectGraph
{
    /// <summary>
    /// The paths (<c>root.field[3].field</c>) to every reachable value assignable to one of <paramref name="forbidden"/>.
    /// Reaching one does not stop the walk, so every offender is reported at once.
    /// </summary>
    public static IReadOnlyList<string> FindInstancesOf(object? root, string rootName, params Type[] forbidden)
    {
        var found = new List<string>();
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);

        // An explicit stack: generator IR trees can be deeper than the test thread's stack allows.
        var pending = new Stack<(object Value, string Path)>();
        if (root is not null)
        {
            pending.Push((root, rootName));
        }

        while (pending.Count > 0)
        {
            var (value, path) = pending.Pop();
            var type = value.GetType();
            if (IsLeaf(type) || (!type.IsValueType && !visited.Add(value)))
            {
                continue;
            }

            if (forbidden.Any(f => f.IsInstanceOfType(value)))
            {
                found.Add($"{path}: {type.FullName}");
                continue;
            }

            // Collections are walked through their fields down to their backing arrays, so arrays are
            // the one place elements need enumerating; a lazy IEnumerable is never run.
            if (value is Array array)
            {
                var index = 0;
                foreach (var item in array)
                {
                    if (item is not null)
                    {
                        pending.Push((item, $"{path}[{index}]"));
                    }

                    index++;
                }

                continue;
            }

            for (var t = type; t is not null; t = t.BaseType)
            {
                foreach (var field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    if (!field.FieldType.IsPointer && !field.FieldType.IsByRefLike && field.GetValue(value) is { } child)
                    {
                        pending.Push((child, $"{path}.{field.Name}"));
                    }
                }
            }
        }

        return found;
    }

    // Values that cannot hold a reference to a compilation, and reflection objects whose internals
    // are the runtime's, not the generator's.
    private static bool IsLeaf(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal)
        || typeof(MemberInfo).IsAssignableFrom(type);
}
