namespace OpenRouterConsole.Migrations.Runner;

/// <summary>Whether a failure is the caller's input or the operation itself; the tool maps these to exit codes.</summary>
public enum MigrationErrorKind
{
    /// <summary>The operation could not be carried out (exit code 1).</summary>
    Failed = 1,

    /// <summary>The request itself is wrong: bad connection string, unknown version (exit code 2).</summary>
    Usage = 2,
}
