namespace OpenRouterConsole.Migrations.Runner.Schema;

/// <summary>A foreign key as <c>PRAGMA foreign_key_list</c> describes it (single or multi-column).</summary>
internal sealed record ForeignKeyShape(string Columns, string ReferencedTable, string ReferencedColumns, string OnDelete, string OnUpdate)
{
    public override string ToString() =>
        $"({Columns}) -> {ReferencedTable}({ReferencedColumns}) ON DELETE {OnDelete} ON UPDATE {OnUpdate}";
}
