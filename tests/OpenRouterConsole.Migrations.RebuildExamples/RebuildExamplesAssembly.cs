using System.Reflection;

namespace OpenRouterConsole.Migrations.RebuildExamples;

/// <summary>A handle on this test-only migration set, for <c>MigrationOptions.MigrationAssembly</c>.</summary>
public static class RebuildExamplesAssembly
{
    public static Assembly Assembly { get; } = typeof(RebuildExamplesAssembly).Assembly;

    /// <summary>The last version whose migration succeeds (the one after it fails on purpose).</summary>
    public const long LastGoodVersion = 5;
}
