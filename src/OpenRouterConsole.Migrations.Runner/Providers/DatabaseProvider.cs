namespace OpenRouterConsole.Migrations.Runner.Providers;

/// <summary>The database engines the console runs on.</summary>
public enum DatabaseProvider
{
    /// <summary>One file on one machine: <c>Data Source=console.db</c>. The default.</summary>
    Sqlite,

    /// <summary>A server shared by several app instances: <c>Host=…;Database=…</c>.</summary>
    Postgres,
}
