using System.Reflection;

namespace OpenRouterConsole.Migrations.Tests.PublicApi;

/// <summary>
/// An assembly's public surface as text, one line per exported type and per public or protected
/// member it declares, sorted; members a record generates are marked, so counts can leave them out.
/// </summary>
public static class PublicSurface
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly string[] RecordMembers =
        ["Method Equals(", "Method GetHashCode(", "Method op_Equality(", "Method op_Inequality(", "Method <Clone>$(", "Method PrintMembers(", "Property Type EqualityContract", "Method Deconstruct("];

    public static IReadOnlyList<string> Describe(Assembly assembly)
    {
        var lines = new List<string>();
        foreach (var type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            lines.Add($"type {type.FullName}");
            lines.AddRange(type.GetMembers(Declared)
                .Where(IsVisible)
                .Select(member => Describe(type, member))
                .Order(StringComparer.Ordinal)
                .Select(member => "  " + member));
        }

        return lines;
    }

    public static int TypeCount(IReadOnlyList<string> surface) => surface.Count(line => line.StartsWith("type ", StringComparison.Ordinal));

    public static int MemberCount(IReadOnlyList<string> surface) => surface.Count(line => line.StartsWith("  ", StringComparison.Ordinal));

    public static int WrittenMemberCount(IReadOnlyList<string> surface) =>
        surface.Count(line => line.StartsWith("  ", StringComparison.Ordinal) && !line.EndsWith("[generated]", StringComparison.Ordinal));

    private static bool IsVisible(MemberInfo member) => member switch
    {
        // Accessors and event methods are listed through their property or event; operators are kept.
        MethodBase method => (method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly)
                             && !(method is MethodInfo && method.IsSpecialName && !method.Name.StartsWith("op_", StringComparison.Ordinal)),
        PropertyInfo property => property.GetAccessors(nonPublic: true).Any(a => a.IsPublic || a.IsFamily),
        FieldInfo field => (field.IsPublic || field.IsFamily) && !field.IsSpecialName,
        EventInfo @event => @event.AddMethod is { IsPublic: true },
        Type nested => nested.IsNestedPublic,
        _ => false,
    };

    private static string Describe(Type type, MemberInfo member)
    {
        var text = member switch
        {
            MethodBase method => $"{member.MemberType} {method.Name}({string.Join(", ", method.GetParameters().Select(p => p.ParameterType.Name))})",
            PropertyInfo property => $"Property {property.PropertyType.Name} {property.Name}",
            FieldInfo field => $"Field {field.FieldType.Name} {field.Name}",
            _ => $"{member.MemberType} {member.Name}",
        };
        var generated = RecordMembers.Any(m => text.StartsWith(m, StringComparison.Ordinal)) || text == $"Constructor .ctor({type.Name})";
        return generated ? text + "   [generated]" : text;
    }
}
