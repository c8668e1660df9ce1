using System.Globalization;
using Microsoft.Data.Sqlite;

namespace OpenRouterConsole.Migrations.Runner;

/// <summary>Reads FluentMigrator's <c>VersionInfo</c> table with one plain query.</summary>
internal static class VersionTable
{
    public const string TableName = "VersionInfo";

    public static IReadOnlyList<AppliedMigration> Read(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $name";
        command.Parameters.AddWithValue("$name", TableName);
        if ((long)command.ExecuteScalar()! == 0)
        {
            return [];
        }

        command.CommandText = $"SELECT Version, AppliedOn, Description FROM \"{TableName}\" ORDER BY Version";
        using var reader = command.ExecuteReader();
        var applied = new List<AppliedMigration>();
        while (reader.Read())
        {
            applied.Add(new AppliedMigration(
                reader.GetInt64(0),
                reader.IsDBNull(1) ? null : ParseTime(reader.GetString(1)),
                reader.IsDBNull(2) ? null : reader.GetString(2)));
        }

        return applied;
    }

    private static DateTime? ParseTime(string text) =>
        DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : null;
}
