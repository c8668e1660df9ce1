namespace OpenRouterConsole.Migrations.Runner.Schema;

/// <summary>
/// Compares two schemas fact by fact. Column order does not count (the console's older start-up code
/// placed <c>openrouter_preset</c> elsewhere), nor does whitespace in stored SQL: snapshots are read
/// from SQLite's catalogue, not from text.
/// </summary>
internal static class SchemaComparer
{
    public static IReadOnlyList<SchemaDifference> Compare(SchemaSnapshot expected, SchemaSnapshot actual)
    {
        var differences = new List<SchemaDifference>();
        foreach (var table in expected.Tables)
        {
            if (actual.Find(table.Name) is { } live)
            {
                CompareTable(table, live, differences);
            }
            else
            {
                differences.Add(new("missing-table", table.Name, $"table {table.Name} is missing"));
            }
        }

        foreach (var table in actual.Tables.Where(t => expected.Find(t.Name) is null))
        {
            differences.Add(new("extra-table", table.Name, $"table {table.Name} is not part of the schema"));
        }

        foreach (var schemaObject in expected.Objects.Where(e => !actual.Objects.Any(a => a.Type == e.Type && a.Name == e.Name)))
        {
            differences.Add(new($"missing-{schemaObject.Type}", schemaObject.Name, $"{schemaObject} is missing"));
        }

        foreach (var schemaObject in actual.Objects)
        {
            var counterpart = expected.Objects.FirstOrDefault(e => e.Type == schemaObject.Type && e.Name == schemaObject.Name);
            if (counterpart is null)
            {
                differences.Add(new($"extra-{schemaObject.Type}", schemaObject.Name, $"{schemaObject} is not part of the schema"));
            }
            else if (counterpart.Sql != schemaObject.Sql)
            {
                differences.Add(new($"{schemaObject.Type}-changed", schemaObject.Name, $"{schemaObject} differs: should be '{counterpart.Sql}' but is '{schemaObject.Sql}'"));
            }
        }

        return differences;
    }

    private static void CompareTable(TableShape expected, TableShape actual, List<SchemaDifference> differences)
    {
        var table = expected.Name;
        foreach (var column in expected.Columns)
        {
            var live = actual.Columns.FirstOrDefault(c => c.Name == column.Name);
            if (live is null)
            {
                differences.Add(new("missing-column", table, $"column {table}.{column.Name} is missing"));
            }
            else if (live != column)
            {
                differences.Add(new("column-changed", table, $"column {table}.{column.Name} should be '{column}' but is '{live}'"));
            }
        }

        foreach (var column in actual.Columns.Where(c => expected.Columns.All(e => e.Name != c.Name)))
        {
            differences.Add(new("extra-column", table, $"column {table}.{column.Name} ({column}) is not part of the schema"));
        }

        CompareSets(table, "index", expected.Indexes, actual.Indexes, IndexKey, differences);
        CompareSets(table, "foreign key", expected.ForeignKeys, actual.ForeignKeys, fk => $"({fk.Columns})", differences);

        if (!expected.Checks.SequenceEqual(actual.Checks))
        {
            differences.Add(new("check-changed", table,
                $"CHECK constraints of {table} should be [{string.Join("; ", expected.Checks)}] but are [{string.Join("; ", actual.Checks)}]"));
        }

        if (expected.Autoincrement != actual.Autoincrement)
        {
            differences.Add(new("autoincrement-changed", table,
                $"table {table} should {(expected.Autoincrement ? string.Empty : "not ")}use AUTOINCREMENT"));
        }
    }

    // Explicit indexes are matched by name; the ones SQLite makes for constraints, by their columns.
    private static string IndexKey(IndexShape index) => index.Origin == "c" ? index.Name : $"{index.Origin}:{index.Columns}";

    private static void CompareSets<T>(string table, string noun, IReadOnlyList<T> expected, IReadOnlyList<T> actual, Func<T, string> key, List<SchemaDifference> differences)
        where T : notnull
    {
        var kind = noun.Replace(' ', '-');
        foreach (var item in expected)
        {
            var live = actual.FirstOrDefault(a => key(a) == key(item));
            if (live is null)
            {
                differences.Add(new($"missing-{kind}", table, $"{noun} {item} on {table} is missing"));
            }
            else if (!live.Equals(item))
            {
                differences.Add(new($"{kind}-changed", table, $"{noun} on {table} should be '{item}' but is '{live}'"));
            }
        }

        foreach (var item in actual.Where(a => expected.All(e => key(e) != key(a))))
        {
            differences.Add(new($"extra-{kind}", table, $"{noun} {item} on {table} is not part of the schema"));
        }
    }
}
