using Microsoft.Data.Sqlite;

namespace OpenRouterConsole.Migrations.Runner.Safety;

/// <summary>SQLite's <c>PRAGMA quick_check</c> of the whole file or of some tables: "ok", or its first complaint on one line.</summary>
internal static class IntegrityCheck
{
    /// <summary>
    /// Runs the check. A corruption verdict comes back as text; any other failure (the database
    /// being locked, say) is thrown, so that it is never mistaken for damage.
    /// </summary>
    /// <param name="connection">An open connection to the database to check.</param>
    /// <param name="tables">The tables to check (with their indexes); null checks the whole file.</param>
    public static string Run(SqliteConnection connection, IReadOnlyCollection<string>? tables = null)
    {
        try
        {
            using var command = connection.CreateCommand();
            var checks = tables is null
                ? ["PRAGMA quick_check(1)"]
                : tables.Select(t => $"PRAGMA quick_check(\"{t.Replace("\"", "\"\"", StringComparison.Ordinal)}\")");
            foreach (var check in checks)
            {
                command.CommandText = check;
                var result = (Convert.ToString(command.ExecuteScalar()) ?? string.Empty).ReplaceLineEndings(" ").Replace("*** in database main *** ", string.Empty, StringComparison.Ordinal);
                if (result != "ok")
                {
                    return result;
                }
            }

            return "ok";
        }
        catch (SqliteException ex) when (DatabaseFile.IsDamaged(ex))
        {
            return ex.Message;
        }
    }
}
