namespace OpenRouterConsole.Migrations.Runner.Schema;

/// <summary>One table's shape: what a migration is responsible for, nothing about its rows.</summary>
internal sealed record TableShape(
    string Name,
    IReadOnlyList<ColumnShape> Columns,
    IReadOnlyList<ForeignKeyShape> ForeignKeys,
    IReadOnlyList<IndexShape> Indexes,
    IReadOnlyList<string> Checks,
    bool Autoincrement);
