using Microsoft.Data.Sqlite;

namespace OpenRouterConsole.Migrations.Runner;

/// <summary>SQLite's <c>PRAGMA quick_check</c>: "ok", or its first complaint on one line.</summary>
internal static class IntegrityCheck
{
    /// <summary>
    /// Runs the check. A corruption verdict comes back as text; any other failure (the database
    /// being locked, say) is thrown, so that it is never mistaken for damage.
    /// </summary>
    public static string Run(SqliteConnection connection)
    {
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA quick_check(1)";
            return (Convert.ToString(command.ExecuteScalar()) ?? string.Empty).ReplaceLineEndings(" ").Replace("*** in database main *** ", string.Empty, StringComparison.Ordinal);
        }
        catch (SqliteException ex) when (DatabaseFile.IsDamaged(ex))
        {
            return ex.Message;
        }
    }
}
