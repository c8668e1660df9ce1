using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using OpenRouterConsole.Migrations.Runner.Integrity;

namespace OpenRouterConsole.Migrations.Runner.Schema;

/// <summary>
/// The application schema of a SQLite database, read from its catalogue (<c>PRAGMA table_xinfo</c>,
/// <c>foreign_key_list</c>, <c>index_list</c>) rather than from stored SQL text, so that whitespace
/// and the order in which ALTER TABLE wrote things do not count. FluentMigrator's version table and
/// SQLite's internal tables are left out.
/// </summary>
public sealed partial class SchemaSnapshot
{
    private static readonly string[] IgnoredTables = [VersionTable.TableName, ChecksumTable.TableName, "sqlite_sequence", "sqlite_stat1", "sqlite_stat4"];

    private SchemaSnapshot(IReadOnlyList<TableShape> tables, IReadOnlyList<SchemaObjectShape> objects)
    {
        Tables = tables;
        Objects = objects;
    }

    public static SchemaSnapshot Empty { get; } = new([], []);

    /// <summary>For readers of other catalogues (PostgreSQL's) that produce the same shapes.</summary>
    internal static SchemaSnapshot Create(IReadOnlyList<TableShape> tables, IReadOnlyList<SchemaObjectShape> objects) => new(tables, objects);

    public IReadOnlyList<TableShape> Tables { get; }

    /// <summary>Views and triggers (none of ours, but one someone added can break a migration).</summary>
    public IReadOnlyList<SchemaObjectShape> Objects { get; }

    public TableShape? Find(string table) => Tables.FirstOrDefault(t => t.Name == table);

    public static SchemaSnapshot Read(SqliteConnection connection)
    {
        var tables = new List<TableShape>();
        foreach (var (name, sql) in Query(connection, "SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name", r => (r.GetString(0), r.GetString(1))))
        {
            if (IgnoredTables.Contains(name, StringComparer.OrdinalIgnoreCase) || name.StartsWith("sqlite_", StringComparison.Ordinal))
            {
                continue;
            }

            tables.Add(new TableShape(
                name,
                ReadColumns(connection, name),
                ReadForeignKeys(connection, name),
                ReadIndexes(connection, name),
                ExtractChecks(sql),
                AutoincrementPattern().IsMatch(sql)));
        }

        // Triggers on the version tables are not part of the application's schema.
        var objects = Query(
                connection,
                "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type IN ('view', 'trigger') ORDER BY type, name",
                r => (Type: r.GetString(0), Name: r.GetString(1), Table: r.GetString(2), Sql: r.IsDBNull(3) ? string.Empty : r.GetString(3)))
            .Where(o => !IgnoredTables.Contains(o.Table, StringComparer.OrdinalIgnoreCase))
            .Select(o => new SchemaObjectShape(o.Type, o.Name, Whitespace().Replace(o.Sql, " ").Trim()))
            .ToArray();
        return new SchemaSnapshot(tables, objects);
    }

    /// <summary>A stable, readable rendering, one fact a line: what approved snapshot files hold.</summary>
    public string ToText()
    {
        var text = new StringBuilder();
        foreach (var table in Tables)
        {
            text.Append("table ").Append(table.Name).Append(table.Autoincrement ? " AUTOINCREMENT" : string.Empty).Append('\n');
            foreach (var column in table.Columns)
            {
                text.Append("  column ").Append(column).Append('\n');
            }

            foreach (var foreignKey in table.ForeignKeys)
            {
                text.Append("  foreign key ").Append(foreignKey).Append('\n');
            }

            foreach (var index in table.Indexes)
            {
                text.Append("  index ").Append(index).Append('\n');
            }

            foreach (var check in table.Checks)
            {
                text.Append("  check ").Append(check).Append('\n');
            }
        }

        foreach (var schemaObject in Objects)
        {
            text.Append(schemaObject.Type).Append(' ').Append(schemaObject.Name).Append(": ").Append(schemaObject.Sql).Append('\n');
        }

        return text.ToString();
    }

    private static IReadOnlyList<ColumnShape> ReadColumns(SqliteConnection connection, string table) =>
        Query(connection, $"SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_xinfo({Literal(table)}) WHERE hidden = 0 ORDER BY cid", r =>
            new ColumnShape(r.GetString(0), r.GetString(1).ToUpperInvariant(), r.GetInt64(2) != 0, r.IsDBNull(3) ? null : r.GetString(3), (int)r.GetInt64(4)));

    private static IReadOnlyList<ForeignKeyShape> ReadForeignKeys(SqliteConnection connection, string table) =>
        Query(connection, $"SELECT id, \"from\", \"table\", coalesce(\"to\", ''), on_delete, on_update FROM pragma_foreign_key_list({Literal(table)}) ORDER BY id, seq", r =>
                (Id: r.GetInt64(0), From: r.GetString(1), Table: r.GetString(2), To: r.GetString(3), OnDelete: r.GetString(4), OnUpdate: r.GetString(5)))
            .GroupBy(row => row.Id)
            .Select(key => new ForeignKeyShape(
                string.Join(", ", key.Select(k => k.From)),
                key.First().Table,
                string.Join(", ", key.Select(k => k.To)),
                key.First().OnDelete,
                key.First().OnUpdate))
            .OrderBy(fk => fk.Columns, StringComparer.Ordinal)
            .ThenBy(fk => fk.ReferencedTable, StringComparer.Ordinal)
            .ToArray();

    private static IReadOnlyList<IndexShape> ReadIndexes(SqliteConnection connection, string table) =>
        Query(connection, $"SELECT name, \"unique\", origin FROM pragma_index_list({Literal(table)})", r => (Name: r.GetString(0), Unique: r.GetInt64(1) != 0, Origin: r.GetString(2)))
            .Select(index => new IndexShape(
                index.Name,
                string.Join(", ", Query(connection, $"SELECT coalesce(name, '<expr>') FROM pragma_index_info({Literal(index.Name)}) ORDER BY seqno", r => r.GetString(0))),
                index.Unique,
                index.Origin))
            .OrderBy(index => index.Origin == "c" ? index.Name : "~" + index.Columns, StringComparer.Ordinal)
            .ToArray();

    /// <summary>The CHECK constraints in a CREATE TABLE statement, whitespace collapsed.</summary>
    internal static IReadOnlyList<string> ExtractChecks(string createTableSql)
    {
        var checks = new List<string>();
        foreach (Match match in CheckKeyword().Matches(createTableSql))
        {
            var start = match.Index + match.Length - 1; // the opening parenthesis
            var depth = 0;
            for (var i = start; i < createTableSql.Length; i++)
            {
                depth += createTableSql[i] switch { '(' => 1, ')' => -1, _ => 0 };
                if (depth == 0)
                {
                    var body = createTableSql[(start + 1)..i];
                    checks.Add("CHECK(" + Whitespace().Replace(body, " ").Trim() + ")");
                    break;
                }
            }
        }

        checks.Sort(StringComparer.Ordinal);
        return checks;
    }

    private static string Literal(string name) => "'" + name.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static List<T> Query<T>(SqliteConnection connection, string sql, Func<SqliteDataReader, T> map)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    [GeneratedRegex(@"\bCHECK\s*\(", RegexOptions.IgnoreCase)]
    private static partial Regex CheckKeyword();

    [GeneratedRegex(@"\bAUTOINCREMENT\b", RegexOptions.IgnoreCase)]
    private static partial Regex AutoincrementPattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
