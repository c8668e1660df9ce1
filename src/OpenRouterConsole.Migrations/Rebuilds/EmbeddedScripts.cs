using System.Reflection;

namespace OpenRouterConsole.Migrations.Rebuilds;

/// <summary>Reads an embedded SQL script by its logical name, as <c>Execute.EmbeddedScript</c> names it.</summary>
internal static class EmbeddedScripts
{
    public static string Read(Assembly assembly, string name)
    {
        // Exact name first, then FluentMigrator's rule: the one resource whose name ends with it.
        var matches = assembly.GetManifestResourceNames()
            .Where(n => n == name || n.EndsWith("." + name, StringComparison.Ordinal))
            .ToArray();
        var resource = matches.Contains(name) ? name : matches.Length == 1 ? matches[0] : null;
        if (resource is null)
        {
            throw new InvalidOperationException(matches.Length == 0
                ? $"No embedded script '{name}' in {assembly.GetName().Name}."
                : $"'{name}' names {matches.Length} embedded scripts in {assembly.GetName().Name}; give the full logical name.");
        }

        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
