namespace OpenRouterConsole.Migrations.Runner.Copy;

/// <summary>A column as PostgreSQL's <c>information_schema.columns</c> describes it.</summary>
internal sealed record TargetColumn(string Name, string DataType, bool IsIdentity);
