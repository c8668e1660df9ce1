namespace OpenRouterConsole.Migrations.Runner.Schema;

/// <summary>A view or trigger, by its SQL with whitespace collapsed.</summary>
internal sealed record SchemaObjectShape(string Type, string Name, string Sql)
{
    public override string ToString() => $"{Type} {Name}";
}
