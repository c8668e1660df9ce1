using System.Reflection;

namespace OpenRouterConsole.Migrations;

/// <summary>A handle on this assembly, for runners that scan it for migrations and scripts.</summary>
public static class MigrationsAssembly
{
    public static Assembly Assembly { get; } = typeof(MigrationsAssembly).Assembly;
}
