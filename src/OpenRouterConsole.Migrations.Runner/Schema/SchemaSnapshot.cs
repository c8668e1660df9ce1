using System.Text.RegularExpressions;
using System.Text;
using Microsoft.Data.Sqlite;
using OpenRouterConsole.Migrations.Runner.History;
using OpenRouterConsole.Migrations.Runner.Integrity;

namespace OpenRouterConsole.Migrations.Runner.Schema;

/// <summary>
/// The application schema of a SQLite database, read from its catalogue (<c>PRAGMA table_xinfo</c>,
/// <c>foreign_key_list</c>, <c>index_list</c>) rather than from stored SQL text, so that whitespace
/// and the order in which ALTER TABLE wrote things do not count. FluentMigrator's version table and
/// SQLite's internal tables are left out.
/// </summary>
internal sealed partial class SchemaSnapshot
{
    private static readonly string[] IgnoredTables = [MigrationHistory.VersionTableName, MigrationHistory.ChecksumTableName, "sqlite_sequence", "sqlite_stat1", "sqlite_stat4"];

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
        foreach (var (name, sql) in ConnectionQueries.Query(connection, "SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name", r => (r.GetString(0), r.GetString(1))))
        {
            if (IgnoredTables.Contains(name, StringComparer.OrdinalIgnoreCase) || name.StartsWith("sqlite_", StringComparison.Ordinal))
            {
                continue;
            }

            tables.Add(new TableShape(
                name,
                ReadColumns(connection, name, sql),
                ReadForeignKeys(connection, name),
                ReadIndexes(connection, name),
                ExtractChecks(sql),
                AutoincrementPattern().IsMatch(sql)));
        }

        // Triggers on the version tables are not part of the application's schema.
        var objects = ConnectionQueries.Query(
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

    // hidden: 0 an ordinary column, 2 a VIRTUAL and 3 a STORED generated column (1 is a virtual table's).
    private static IReadOnlyList<ColumnShape> ReadColumns(SqliteConnection connection, string table, string createSql) =>
        ConnectionQueries.Query(connection, $"SELECT name, type, \"notnull\", dflt_value, pk, hidden FROM pragma_table_xinfo({Literal(table)}) WHERE hidden IN (0, 2, 3) ORDER BY cid", r =>
            new ColumnShape(
                r.GetString(0),
                r.GetString(1).ToUpperInvariant(),
                r.GetInt64(2) != 0,
                r.IsDBNull(3) ? null : r.GetString(3),
                (int)r.GetInt64(4),
                r.GetInt64(5) switch
                {
                    2 => $"AS ({GeneratedExpression(createSql, r.GetString(0))}) VIRTUAL",
                    3 => $"AS ({GeneratedExpression(createSql, r.GetString(0))}) STORED",
                    _ => null,
                },
                Collation(createSql, r.GetString(0))));

    /// <summary>The expression of a generated column, from the CREATE TABLE text (the catalogue does not give it).</summary>
    internal static string GeneratedExpression(string createTableSql, string column)
    {
        var definition = ColumnDefinition(createTableSql, column) ?? string.Empty;
        var match = GeneratedKeyword().Match(definition);
        if (!match.Success)
        {
            return "?";
        }

        var start = match.Index + match.Length - 1;
        return Whitespace().Replace(definition[(start + 1)..Closing(definition, start)], " ").Trim();
    }

    /// <summary>A column's collation when not the default, from the CREATE TABLE text (table_xinfo does not give it).</summary>
    internal static string? Collation(string createTableSql, string column)
    {
        var match = CollateKeyword().Match(ColumnDefinition(createTableSql, column) ?? string.Empty);
        var collation = match.Success ? match.Groups["name"].Value.ToUpperInvariant() : null;
        return collation is null or "BINARY" ? null : collation;
    }

    // One column's definition in CREATE TABLE ( ... ), found by its (possibly quoted) first word.
    private static string? ColumnDefinition(string createTableSql, string column)
    {
        var open = createTableSql.IndexOf('(', StringComparison.Ordinal);
        if (open < 0)
        {
            return null;
        }

        var body = createTableSql[(open + 1)..Closing(createTableSql, open)];
        foreach (var definition in SplitTopLevel(body))
        {
            var trimmed = definition.TrimStart();
            if (trimmed.Length == 0)
            {
                continue;
            }

            var name = trimmed[0] is '"' or '`' or '['
                ? trimmed[1..Math.Max(1, trimmed.IndexOfAny(['"', '`', ']'], 1))]
                : trimmed.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries)[0];
            if (string.Equals(name, column, StringComparison.OrdinalIgnoreCase))
            {
                return definition;
            }
        }

        return null;
    }

    /// <summary>An index's key list as written, whitespace collapsed: what an expression index is keyed on.</summary>
    internal static string? KeyList(string? createIndexSql)
    {
        var on = createIndexSql is null ? Match.Empty : OnKeyword().Match(createIndexSql);
        if (!on.Success)
        {
            return null;
        }

        var open = createIndexSql!.IndexOf('(', on.Index);
        return open < 0 ? null : Whitespace().Replace(createIndexSql[(open + 1)..Closing(createIndexSql, open)], " ").Trim();
    }

    private static int Closing(string text, int open)
    {
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            depth += text[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (depth == 0)
            {
                return i;
            }
        }

        return text.Length;
    }

    private static IEnumerable<string> SplitTopLevel(string body)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < body.Length; i++)
        {
            depth += body[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (depth == 0 && body[i] == ',')
            {
                yield return body[start..i];
                start = i + 1;
            }
        }

        yield return body[start..];
    }

    /// <summary>A partial index's WHERE condition, from its CREATE INDEX text; null for a full index.</summary>
    internal static string? PartialCondition(string? createIndexSql)
    {
        if (createIndexSql is null)
        {
            return null;
        }

        var on = OnKeyword().Match(createIndexSql);
        if (!on.Success)
        {
            return null;
        }

        var open = createIndexSql.IndexOf('(', on.Index);
        var rest = createIndexSql[(Closing(createIndexSql, open) + 1)..].Trim();
        var where = WhereKeyword().Match(rest);
        return where.Success ? Whitespace().Replace(rest[where.Length..], " ").Trim() : null;
    }

    private static IReadOnlyList<ForeignKeyShape> ReadForeignKeys(SqliteConnection connection, string table) =>
        ConnectionQueries.Query(connection, $"SELECT id, \"from\", \"table\", coalesce(\"to\", ''), on_delete, on_update FROM pragma_foreign_key_list({Literal(table)}) ORDER BY id, seq", r =>
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

    // Key columns with their sort order and collation: an index on (a DESC) or (a COLLATE NOCASE)
    // is not the index on (a). A partial index's WHERE is part of what it is.
    private static IReadOnlyList<IndexShape> ReadIndexes(SqliteConnection connection, string table) =>
        ConnectionQueries.Query(connection, $"SELECT l.name, l.\"unique\", l.origin, l.partial, m.sql FROM pragma_index_list({Literal(table)}) l LEFT JOIN sqlite_master m ON m.type = 'index' AND m.name = l.name", r =>
                (Name: r.GetString(0), Unique: r.GetInt64(1) != 0, Origin: r.GetString(2), Partial: r.GetInt64(3) != 0, Sql: r.IsDBNull(4) ? null : r.GetString(4)))
            .Select(index => new IndexShape(
                index.Name,
                KeyColumns(connection, index.Name, index.Sql),
                index.Unique,
                index.Origin,
                index.Partial ? PartialCondition(index.Sql) : null))
            .OrderBy(index => index.Origin == "c" ? index.Name : "~" + index.Columns, StringComparer.Ordinal)
            .ToArray();

    // An expression key has no name in the catalogue: then the key list is taken as written.
    private static string KeyColumns(SqliteConnection connection, string index, string? sql)
    {
        var columns = string.Join(", ", ConnectionQueries.Query(
            connection,
            $"SELECT coalesce(name, '<expr>') || CASE WHEN \"desc\" THEN ' DESC' ELSE '' END || CASE WHEN coll <> 'BINARY' THEN ' COLLATE ' || coll ELSE '' END " +
            $"FROM pragma_index_xinfo({Literal(index)}) WHERE key = 1 ORDER BY seqno",
            r => r.GetString(0)));
        return columns.Contains("<expr>", StringComparison.Ordinal) && KeyList(sql) is { } written ? written : columns;
    }

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


    [GeneratedRegex(@"\bCHECK\s*\(", RegexOptions.IgnoreCase)]
    private static partial Regex CheckKeyword();

    [GeneratedRegex(@"\bAUTOINCREMENT\b", RegexOptions.IgnoreCase)]
    private static partial Regex AutoincrementPattern();

    [GeneratedRegex(@"\bAS\s*\(", RegexOptions.IgnoreCase)]
    private static partial Regex GeneratedKeyword();

    [GeneratedRegex(@"\bCOLLATE\s+[""`\[]?(?<name>\w+)", RegexOptions.IgnoreCase)]
    private static partial Regex CollateKeyword();

    [GeneratedRegex(@"\bON\b", RegexOptions.IgnoreCase)]
    private static partial Regex OnKeyword();

    [GeneratedRegex(@"^WHERE\b", RegexOptions.IgnoreCase)]
    private static partial Regex WhereKeyword();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
