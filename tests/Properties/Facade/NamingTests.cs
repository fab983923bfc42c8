using System.Linq;
using System.Reflection;
using SessionEffects.CSharp;
using Xunit;

namespace SessionEffects.Properties.Facade;

/// <summary>The two audiences stay apart: the facade speaks PascalCase C#, the core's effect modules lowercase functions.</summary>
public sealed class NamingTests
{
    [Fact]
    public void Every_public_facade_member_is_PascalCase_and_no_LanguageExt_type_leaks_except_the_bridge()
    {
        var members = typeof(Sessions).Assembly.GetExportedTypes()
            .SelectMany(t => t.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => m is not ConstructorInfo && !(m is MethodInfo { IsSpecialName: true }))
            .ToList();

        Assert.NotEmpty(members);
        Assert.All(members, m => Assert.True(char.IsUpper(m.Name[0]), $"{m.DeclaringType!.Name}.{m.Name} is not PascalCase"));

        var leaking = members.OfType<MethodInfo>()
            .Where(m => m.Name is not (nameof(Sessions.RunAsync) or nameof(Sessions.ToEffect)))
            .Where(m => m.ReturnType.Namespace?.StartsWith("LanguageExt", System.StringComparison.Ordinal) == true
                        || m.GetParameters().Any(p => p.ParameterType.Namespace?.StartsWith("LanguageExt", System.StringComparison.Ordinal) == true))
            .Select(m => m.Name)
            .ToList();
        Assert.Empty(leaking);
    }

    [Fact]
    public void The_core_effect_modules_are_lowercase_functions()
    {
        foreach (var module in new[] { typeof(Scope), typeof(Dynamo), typeof(Pools) })
        {
            var functions = module.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly);
            Assert.NotEmpty(functions);
            Assert.All(functions, f => Assert.True(char.IsLower(f.Name[0]), $"{module.Name}.{f.Name} is not lowercase"));
        }
    }
}
