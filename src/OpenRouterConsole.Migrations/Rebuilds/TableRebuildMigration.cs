using FluentMigrator;

namespace OpenRouterConsole.Migrations.Rebuilds;

/// <summary>
/// A migration that changes a table in a way <c>ALTER TABLE</c> cannot (a CHECK, a type, NOT NULL, a
/// default, a foreign key or its action), by SQLite's documented 12-step rebuild. The author states the
/// new table in an embedded script and, where columns change, how each new column is filled.
/// </summary>
/// <remarks>
/// Deriving from this class is what tells a runner to open the connection with foreign keys off before
/// the transaction begins (inside one, <c>PRAGMA foreign_keys</c> is silently ignored); the console's
/// runner reads it. Another runner with foreign keys on (dotnet-fm's default) gets a refusal naming the
/// remedy whenever the table has children, never a rebuild that fires their ON DELETE actions.
/// </remarks>
public abstract class TableRebuildMigration : Migration
{
    /// <summary>
    /// Rebuilds <paramref name="table"/> as <paramref name="script"/> defines it: its first statement is
    /// <c>CREATE TABLE table (...)</c> (by its final name); any further statements (indexes, triggers,
    /// views) run after the rebuild and replace the old objects of the same name.
    /// </summary>
    /// <param name="table">The table to rebuild.</param>
    /// <param name="script">Logical name of the embedded script, e.g. <c>Sqlite.004_messages_developer_role.sql</c>.</param>
    /// <param name="fill">
    /// New column name to the SQL expression, over the old row's columns, that fills it. Columns not
    /// listed are copied from the old column of the same name, or take their default if there is none.
    /// </param>
    protected void RebuildTable(string table, string script, IReadOnlyDictionary<string, string>? fill = null)
    {
        var rebuild = new TableRebuild(table, EmbeddedScripts.Read(GetType().Assembly, script), fill ?? new Dictionary<string, string>());
        Execute.WithConnection(rebuild.Run, $"Rebuild table {table} as {script}");
    }
}
