using OpenRouterConsole.Migrations.Runner.Schema;

namespace OpenRouterConsole.Migrations.Runner.Copy;

/// <summary>
/// One table to copy: its columns as the source has them, typed by the target's catalogue, and the
/// target's identity column (if any) whose sequence must continue after the copied ids.
/// Built from the two live schemas rather than a fixed list, so a column added by the next migration
/// is copied too (or the copy is refused, if the target lacks it).
/// </summary>
internal sealed record TablePlan(string Name, IReadOnlyList<CopyColumn> Columns, string? IdentityColumn)
{
    public string QuotedName => Quote(Name);

    public string QuotedColumnList => string.Join(", ", Columns.Select(c => Quote(c.Name)));

    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>The source's tables, parents before children (so every foreign key finds its row), each matched with the target's columns.</summary>
    public static IReadOnlyList<TablePlan> Build(SchemaSnapshot source, IReadOnlyDictionary<string, IReadOnlyList<TargetColumn>> target)
    {
        var plans = new List<TablePlan>();
        foreach (var table in ParentsFirst(source.Tables))
        {
            if (!target.TryGetValue(table.Name, out var targetColumns))
            {
                throw MigrationException.Failed($"The target has no table '{table.Name}' after migrating; its schema is not the console's.");
            }

            var byName = targetColumns.ToDictionary(c => c.Name, StringComparer.Ordinal);
            var missing = table.Columns.Select(c => c.Name).Where(n => !byName.ContainsKey(n)).ToArray();
            var extra = targetColumns.Select(c => c.Name).Where(n => table.Columns.All(c => c.Name != n)).ToArray();
            if (missing.Length > 0 || extra.Length > 0)
            {
                throw MigrationException.Failed(
                    $"Table '{table.Name}' has different columns on the two sides (only in the source: {List(missing)}; only in the target: {List(extra)}).");
            }

            var columns = table.Columns.Select(c => new CopyColumn(c.Name, KindOf(table.Name, byName[c.Name]), byName[c.Name].DataType)).ToArray();
            plans.Add(new TablePlan(table.Name, columns, targetColumns.FirstOrDefault(c => c.IsIdentity)?.Name));
        }

        return plans;
    }

    private static ColumnKind KindOf(string table, TargetColumn column) => column.DataType switch
    {
        "bigint" or "integer" or "smallint" => ColumnKind.Integer,
        "double precision" or "real" => ColumnKind.Real,
        "text" or "character varying" => ColumnKind.Text,
        _ => throw MigrationException.Failed($"Column {table}.{column.Name} has type {column.DataType} on the target, which the copy does not handle."),
    };

    // Foreign keys point at parents; a table is placed once every table it references is placed.
    private static IEnumerable<TableShape> ParentsFirst(IReadOnlyList<TableShape> tables)
    {
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var remaining = tables.OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        while (remaining.Count > 0)
        {
            var next = remaining.FirstOrDefault(t => t.ForeignKeys.All(fk => fk.ReferencedTable == t.Name || placed.Contains(fk.ReferencedTable) || tables.All(o => o.Name != fk.ReferencedTable)))
                ?? throw MigrationException.Failed($"The tables {List(remaining.Select(t => t.Name))} reference each other in a cycle; the copy cannot order them.");
            placed.Add(next.Name);
            remaining.Remove(next);
            yield return next;
        }
    }

    private static string List(IEnumerable<string> names)
    {
        var text = string.Join(", ", names);
        return text.Length == 0 ? "none" : text;
    }
}
