namespace OpenRouterConsole.Migrations.Runner.Hosting;

/// <summary>
/// The databases <c>MigrateConsoleDatabaseAsync</c> (and so <c>RunWithConsoleMigrationsAsync</c>) has migrated to the latest version in this
/// process, by connection string: one singleton per service provider, shared with the hosted service,
/// whose start-up pass would only find nothing to do (and pay a lock and a query to learn it).
/// A host that relies on the hosted service alone never fills it, so that service still migrates.
/// </summary>
internal sealed class MigratedDatabases
{
    private readonly HashSet<string> _connectionStrings = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public void Add(string connectionString)
    {
        lock (_gate)
        {
            _connectionStrings.Add(connectionString);
        }
    }

    public bool Contains(string connectionString)
    {
        lock (_gate)
        {
            return _connectionStrings.Contains(connectionString);
        }
    }
}
