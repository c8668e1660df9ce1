namespace OpenRouterConsole.Migrations.Runner;

/// <summary>How the console database is migrated, by the start-up runner and the command-line tool alike.</summary>
public sealed class MigrationOptions
{
    /// <summary>The default when neither options nor configuration name a database.</summary>
    public const string DefaultConnectionString = "Data Source=console.db";

    /// <summary>
    /// <c>Data Source=FILE</c> (SQLite) or <c>Host=…;Database=…</c> (PostgreSQL); null means configuration
    /// <c>ConnectionStrings:Console</c>, then the default.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// The assembly whose migrations and embedded scripts are run; null means the console's own
    /// (<c>OpenRouterConsole.Migrations</c>). Tests and benchmarks run the real runner over other sets.
    /// </summary>
    public System.Reflection.Assembly? MigrationAssembly { get; set; }

    /// <summary>Copy the database next to itself before changing it.</summary>
    public bool BackupEnabled { get; set; } = true;

    /// <summary>PostgreSQL only: where <c>pg_dump</c> backups are written (default: the current directory). SQLite backups sit beside the file.</summary>
    public string? BackupDirectory { get; set; }

    /// <summary>How many backups of one database to keep; older ones are deleted after a new one is made.</summary>
    public int BackupsToKeep { get; set; } = 5;

    /// <summary>How long to wait for another process that is migrating the same database.</summary>
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromSeconds(60);

    // The three overrides share one shape: false refuses (the default), true lets it through with a warning.

    /// <summary>
    /// Migrate a database that records versions this assembly does not know (it is newer), with a
    /// warning, instead of refusing. Never applies to a rollback. The tool's <c>--allow-newer</c>.
    /// </summary>
    public bool AllowNewerDatabase { get; set; }

    /// <summary>
    /// Migrate (or restore) although the live schema differs from the one its recorded version should
    /// have, logging each difference, instead of refusing. The tool's <c>--allow-drift</c>.
    /// </summary>
    public bool AllowSchemaDrift { get; set; }

    /// <summary>
    /// Carry on, with a warning, when an applied migration's script changed after it was applied,
    /// instead of refusing. The tool's <c>--allow-changed-scripts</c>.
    /// </summary>
    public bool AllowChangedScripts { get; set; }

    /// <summary>
    /// Keep the SQL each migrate or rollback executes in <see cref="MigrationReport.Sql"/>, for an
    /// audit trail (the tool's <c>-o</c>). Off by default: the text costs memory and time.
    /// </summary>
    public bool CaptureSql { get; set; }

    /// <summary>
    /// Run <c>PRAGMA quick_check</c> before changing a database, so a corrupted file is refused
    /// rather than migrated. It checks the tables the run can change (and their indexes), or the
    /// whole file when that cannot be told; see IntegrityScope. Never runs when nothing is pending.
    /// </summary>
    public bool IntegrityCheck { get; set; } = true;
}
