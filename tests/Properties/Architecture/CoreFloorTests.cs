using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Emit;
using System.Text.RegularExpressions;
using SessionEffects.Properties.Fixtures;
using Xunit;

namespace SessionEffects.Properties.Architecture;

/// <summary>
/// The folders of src/Core are floors (src/Core/README.md): each may use only the floors below it. This reads which
/// types each folder declares from the source, then which types every compiled type of SessionEffects.Core uses — in
/// signatures, fields, base types and method bodies (IL) — and fails on any arrow that points up or sideways.
/// </summary>
public sealed partial class CoreFloorTests
{
    /// <summary>What each folder may use. Keep in step with src/Core/README.md.</summary>
    private static readonly Dictionary<string, string[]> MayUse = new(StringComparer.Ordinal)
    {
        ["Diagnostics"] = [],
        ["Errors"] = [],
        ["Sessions"] = ["Diagnostics", "Errors"],
        ["Tables"] = ["Errors"],
        ["Requests"] = ["Tables", "Errors"],
        ["Queries"] = ["Requests", "Tables", "Errors"],
        ["Copies"] = ["Requests", "Tables", "Errors"],
        ["Environment"] = ["Sessions", "Tables", "Errors"],
        ["Effects"] = ["Copies", "Queries", "Requests", "Tables", "Environment", "Sessions", "Diagnostics", "Errors"],
    };

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    [Fact]
    public void Every_folder_of_the_core_is_a_floor_listed_in_its_readme()
    {
        var core = Path.Combine(BuiltPrograms.RepositoryRoot(), "src", "Core");
        var folders = Directory.GetDirectories(core)
            .Where(d => Path.GetFileName(d) is not ("bin" or "obj") && Directory.EnumerateFiles(d, "*.cs", SearchOption.AllDirectories).Any())
            .Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(MayUse.Keys.Order(StringComparer.Ordinal), folders);

        var readme = File.ReadAllText(Path.Combine(core, "README.md"));
        Assert.All(folders, f => Assert.Contains($"## {f}", readme, StringComparison.Ordinal));
    }

    [Fact]
    public void No_folder_of_the_core_uses_a_folder_above_it()
    {
        var folderOf = DeclaredTypes();
        var violations = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var type in typeof(DynamoTable).Assembly.GetTypes())
        {
            if (!folderOf.TryGetValue(NameOf(Outermost(type)), out var from))
            {
                continue;
            }

            foreach (var used in UsedTypes(type).SelectMany(Expand).Select(Outermost).Distinct())
            {
                if (used.Assembly == type.Assembly && folderOf.TryGetValue(NameOf(used), out var to) && to != from && !MayUse[from].Contains(to))
                {
                    violations.Add($"{from} -> {to}: {NameOf(Outermost(type))} uses {NameOf(used)}");
                }
            }
        }

        Assert.True(violations.Count == 0, "Arrows that point up or sideways between src/Core floors:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void The_check_sees_uses_inside_method_bodies()
    {
        // Dynamo (Effects) reaches ReadSpec (Requests) only inside lambdas and method bodies: the IL reader must see it,
        // or the floor check above would pass for the wrong reason.
        var uses = typeof(Dynamo).Assembly.GetTypes().Where(t => Outermost(t) == typeof(Dynamo))
            .SelectMany(UsedTypes).SelectMany(Expand).Select(t => NameOf(Outermost(t))).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("ReadSpec", uses);
        Assert.Contains("SessionCall", uses);
    }

    /// <summary>Type name (without generic arity) → folder, from the type declarations in each folder's files.</summary>
    private static Dictionary<string, string> DeclaredTypes()
    {
        var core = Path.Combine(BuiltPrograms.RepositoryRoot(), "src", "Core");
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var folder in MayUse.Keys)
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(core, folder), "*.cs", SearchOption.AllDirectories))
            {
                var code = Comments().Replace(File.ReadAllText(file), string.Empty);
                foreach (Match m in Declaration().Matches(code))
                {
                    var name = m.Groups["name"].Value;
                    if (map.TryGetValue(name, out var other) && other != folder)
                    {
                        throw new InvalidOperationException($"Type name {name} is declared in both {other} and {folder}; the floor check needs one home per name.");
                    }

                    map[name] = folder;
                }
            }
        }

        return map;
    }

    private static IEnumerable<Type> UsedTypes(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        if (type.BaseType is { } b)
        {
            yield return b;
        }

        foreach (var i in type.GetInterfaces())
        {
            yield return i;
        }

        foreach (var f in type.GetFields(all))
        {
            yield return f.FieldType;
        }

        foreach (var p in type.GetProperties(all))
        {
            yield return p.PropertyType;
        }

        foreach (var m in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
        {
            if (m is MethodInfo mi)
            {
                yield return mi.ReturnType;
            }

            foreach (var p in m.GetParameters())
            {
                yield return p.ParameterType;
            }

            foreach (var t in BodyTypes(m))
            {
                yield return t;
            }
        }
    }

    /// <summary>The types a method body names: every type, method and field token in its IL.</summary>
    private static IEnumerable<Type> BodyTypes(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            return [];
        }

        var types = new List<Type>();
        var typeArgs = method.DeclaringType is { IsGenericType: true } d ? d.GetGenericArguments() : null;
        var methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (var i = 0; i < il.Length;)
        {
            OpCode op;
            if (il[i] == 0xFE)
            {
                op = OpCodesByValue[unchecked((short)(0xFE00 | il[i + 1]))];
                i += 2;
            }
            else
            {
                op = OpCodesByValue[il[i]];
                i += 1;
            }

            switch (op.OperandType)
            {
                case OperandType.InlineType or OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineTok:
                    var member = method.Module.ResolveMember(BitConverter.ToInt32(il, i), typeArgs, methodArgs);
                    switch (member)
                    {
                        case Type t:
                            types.Add(t);
                            break;
                        case MethodBase mb:
                            types.Add(mb.DeclaringType!);
                            if (mb is MethodInfo { IsGenericMethod: true } generic)
                            {
                                types.AddRange(generic.GetGenericArguments());
                            }

                            break;
                        case FieldInfo f:
                            types.Add(f.DeclaringType!);
                            types.Add(f.FieldType);
                            break;
                    }

                    i += 4;
                    break;
                case OperandType.InlineSwitch:
                    i += 4 + (4 * BitConverter.ToInt32(il, i));
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    i += 8;
                    break;
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    i += 1;
                    break;
                case OperandType.InlineVar:
                    i += 2;
                    break;
                default:
                    i += 4;
                    break;
            }
        }

        return types;
    }

    /// <summary>A type and every type it is made of (elements, generic arguments).</summary>
    private static IEnumerable<Type> Expand(Type type)
    {
        yield return type;
        if (type.HasElementType)
        {
            foreach (var t in Expand(type.GetElementType()!))
            {
                yield return t;
            }
        }

        if (type.IsGenericType)
        {
            foreach (var t in type.GetGenericArguments().Where(a => !a.IsGenericParameter).SelectMany(Expand))
            {
                yield return t;
            }
        }
    }

    private static Type Outermost(Type type)
    {
        var t = type.IsGenericType && !type.IsGenericTypeDefinition ? type.GetGenericTypeDefinition() : type;
        while (t.DeclaringType is { } outer)
        {
            t = outer;
        }

        return t;
    }

    private static string NameOf(Type type) => type.Name.Split('`')[0];

    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex Comments();

    [GeneratedRegex(@"\b(?:class|record|struct|interface|enum)\s+(?<name>[A-Z]\w*)")]
    private static partial Regex Declaration();
}
