using System.Security.Cryptography;
using System.Text;

namespace OpenRouterConsole.Migrations.Tests.Support;

/// <summary>Row counts and content hashes of tables, to prove a migration kept every row and link.</summary>
public static class TableContent
{
    /// <summary>
    /// SHA-256 over every row (ordered by rowid) of <paramref name="columns"/>, each value with its
    /// storage class, so that a NULLed link or a changed type shows.
    /// </summary>
    public static string Checksum(TestDatabase database, string table, IEnumerable<string> columns)
    {
        var columnList = string.Join(", ", columns.Select(c => $"quote(\"{c}\")"));
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT rowid, {columnList} FROM \"{table}\" ORDER BY rowid";
        using var reader = command.ExecuteReader();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        while (reader.Read())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                hash.AppendData(Encoding.UTF8.GetBytes(Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) + "\u001f"));
            }

            hash.AppendData("\u001e"u8);
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }

    /// <summary>Checksums of all five application tables, leaving out <paramref name="excludedColumns"/> ("table.column").</summary>
    public static IReadOnlyDictionary<string, string> Checksums(TestDatabase database, params string[] excludedColumns)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var table in database.Schema().Tables)
        {
            var columns = table.Columns.Select(c => c.Name).Where(c => !excludedColumns.Contains($"{table.Name}.{c}")).OrderBy(c => c, StringComparer.Ordinal);
            result[table.Name] = Checksum(database, table.Name, columns);
        }

        return result;
    }

    public static IReadOnlyDictionary<string, long> RowCounts(TestDatabase database)
    {
        var result = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in database.ApplicationTables())
        {
            result[table] = database.Scalar<long>($"SELECT count(*) FROM \"{table}\"");
        }

        return result;
    }
}
