namespace OpenRouterConsole.Migrations.Runner.Copy;

/// <summary>What <see cref="SqliteToPostgresCopy"/> copies, where to, and how.</summary>
public sealed class CopyOptions
{
    /// <summary>The console's SQLite database (<c>Data Source=console.db</c>); it is only read.</summary>
    public required string SourceConnectionString { get; init; }

    /// <summary>The PostgreSQL database (<c>Host=…;Database=…;Username=…;Password=…</c>); it must hold no console rows.</summary>
    public required string TargetConnectionString { get; init; }

    /// <summary>
    /// Migrate a source below the latest version (or without version records) to the latest first,
    /// with the usual backup. Off by default: without it such a source is refused and nothing changes.
    /// </summary>
    public bool MigrateSource { get; set; }

    /// <summary>Back the source up before migrating it (only with <see cref="MigrateSource"/>).</summary>
    public bool SourceBackupEnabled { get; set; } = true;

    /// <summary>How long to wait for another process that holds the source's migration lock.</summary>
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Called at the start and end of each table and about every <see cref="ProgressInterval"/> while it copies.</summary>
    public Action<CopyProgress>? Progress { get; set; }

    /// <summary>How often <see cref="Progress"/> is called while a table copies (default: every second).</summary>
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromSeconds(1);
}
