namespace OpenRouterConsole.Migrations.Runner.Schema;

/// <summary>A column as <c>PRAGMA table_xinfo</c> describes it.</summary>
public sealed record ColumnShape(string Name, string Type, bool NotNull, string? Default, int PrimaryKeyPosition)
{
    public override string ToString() =>
        $"{Name} {(Type.Length == 0 ? "(no type)" : Type)}"
        + (NotNull ? " NOT NULL" : string.Empty)
        + (Default is null ? string.Empty : $" DEFAULT {Default}")
        + (PrimaryKeyPosition > 0 ? $" PK{PrimaryKeyPosition}" : string.Empty);
}
