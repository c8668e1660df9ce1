namespace OpenRouterConsole.Migrations.Runner.Schema;

/// <summary>A column as <c>PRAGMA table_xinfo</c> describes it.</summary>
/// <param name="Name">The column's name.</param>
/// <param name="Type">Its declared type, as written (empty when none).</param>
/// <param name="NotNull">True for NOT NULL.</param>
/// <param name="Default">Its default expression, as written; null when none.</param>
/// <param name="PrimaryKeyPosition">Its position in the primary key (1-based); 0 when not part of it.</param>
/// <param name="Generated">For a generated column, its expression and kind: <c>AS (a + 1) STORED</c>.</param>
/// <param name="Collation">A collation other than the default (BINARY), e.g. NOCASE.</param>
internal sealed record ColumnShape(string Name, string Type, bool NotNull, string? Default, int PrimaryKeyPosition, string? Generated = null, string? Collation = null)
{
    public override string ToString() =>
        $"{Name} {(Type.Length == 0 ? "(no type)" : Type)}"
        + (NotNull ? " NOT NULL" : string.Empty)
        + (Default is null ? string.Empty : $" DEFAULT {Default}")
        + (PrimaryKeyPosition > 0 ? $" PK{PrimaryKeyPosition}" : string.Empty)
        + (Collation is null ? string.Empty : $" COLLATE {Collation}")
        + (Generated is null ? string.Empty : $" GENERATED {Generated}");
}
