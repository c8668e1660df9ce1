using System.Globalization;
using Npgsql;
using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.Copy;

/// <summary>
/// Every row of a table on either side, in primary-key byte order, each value written with its type and
/// exact bits ("i:42", "r:3FB999999999999A", "t:text", "null"), so that two sides compare row by row.
/// </summary>
public static class CopiedRows
{
    public static IReadOnlyList<string> Tables(TestDatabase source) => source.ApplicationTables();

    public static IReadOnlyList<string> Columns(TestDatabase source, string table) =>
        source.Schema().Find(table)!.Columns.Select(c => c.Name).OrderBy(c => c, StringComparer.Ordinal).ToArray();

    public static IReadOnlyList<string> Read(TestDatabase source, string table)
    {
        var columns = Columns(source, table);
        using var connection = source.Open();
        using var command = connection.CreateCommand();
        // SQLite's BINARY order of text is the byte order of its UTF-8: the same as PostgreSQL's "C".
        command.CommandText = $"SELECT {string.Join(", ", columns.Select(c => $"\"{c}\""))} FROM \"{table}\" ORDER BY id";
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => Encode(reader.GetValue(i)))));
        }

        return rows;
    }

    public static IReadOnlyList<string> Read(PostgresTestDatabase target, TestDatabase source, string table)
    {
        var columns = Columns(source, table);
        var textId = source.Schema().Find(table)!.Columns.Single(c => c.Name == "id").Type == "TEXT";
        using var connection = target.Open();
        using var command = new NpgsqlCommand(
            $"SELECT {string.Join(", ", columns.Select(c => $"\"{c}\""))} FROM \"{table}\" ORDER BY id{(textId ? " COLLATE \"C\"" : string.Empty)}", connection);
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => Encode(reader.GetValue(i)))));
        }

        return rows;
    }

    /// <summary>Asserts that every table of <paramref name="source"/> has exactly the same rows in <paramref name="target"/>.</summary>
    public static void ShouldMatch(TestDatabase source, PostgresTestDatabase target)
    {
        foreach (var table in Tables(source))
        {
            var expected = Read(source, table);
            var actual = Read(target, source, table);
            actual.Count.ShouldBe(expected.Count, $"rows of {table}");
            for (var i = 0; i < expected.Count; i++)
            {
                actual[i].ShouldBe(expected[i], $"{table} row {i}");
            }
        }
    }

    /// <summary>Console tables (and VersionInfo) present in the target's public schema.</summary>
    public static IReadOnlyList<string> TargetTables(PostgresTestDatabase target) =>
        target.Column<string>("SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1");

    private static string Encode(object value) => value switch
    {
        DBNull => "null",
        long l => "i:" + l.ToString(CultureInfo.InvariantCulture),
        double d => "r:" + BitConverter.DoubleToInt64Bits(d).ToString("X16", CultureInfo.InvariantCulture),
        string s => "t:" + s,
        byte[] b => "b:" + Convert.ToHexString(b),
        _ => throw new InvalidOperationException($"Unexpected value type {value.GetType()}"),
    };
}
