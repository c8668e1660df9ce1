namespace OpenRouterConsole.Migrations.Cli;

/// <summary>The tool's exit codes; they match <see cref="Runner.MigrationErrorKind"/>.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The operation failed; the database is unchanged.</summary>
    public const int Failed = 1;

    /// <summary>The command line or its values are wrong; nothing was attempted.</summary>
    public const int Usage = 2;

    /// <summary>Stopped by Ctrl+C or SIGTERM before anything changed (128 + SIGINT, as shells report it).</summary>
    public const int Cancelled = 130;
}
