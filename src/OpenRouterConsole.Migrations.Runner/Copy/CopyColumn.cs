namespace OpenRouterConsole.Migrations.Runner.Copy;

/// <summary>One column of a copied table, as both databases have it.</summary>
internal sealed record CopyColumn(string Name, ColumnKind Kind, string PostgresType);
