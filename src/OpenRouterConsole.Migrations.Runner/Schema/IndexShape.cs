namespace OpenRouterConsole.Migrations.Runner.Schema;

/// <summary>
/// An index: explicit ones by name, the ones SQLite makes for UNIQUE / PRIMARY KEY constraints by
/// their columns (their generated names depend on column order, which does not matter).
/// </summary>
public sealed record IndexShape(string Name, string Columns, bool Unique, string Origin)
{
    public override string ToString() =>
        $"{(Origin == "c" ? Name : $"({Origin}) auto")} on ({Columns}){(Unique ? " UNIQUE" : string.Empty)}";
}
