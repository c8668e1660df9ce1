namespace OpenRouterConsole.Migrations.Runner.Schema;

/// <summary>
/// An index: explicit ones by name, the ones SQLite makes for UNIQUE / PRIMARY KEY constraints by
/// their columns (their generated names depend on column order, which does not matter).
/// </summary>
/// <param name="Name">The index's name.</param>
/// <param name="Columns">Key columns in order, each with DESC and a non-default collation when it has them.</param>
/// <param name="Unique">True for a UNIQUE index.</param>
/// <param name="Origin">How SQLite made it: <c>c</c> (CREATE INDEX), <c>u</c> (UNIQUE constraint) or <c>pk</c> (primary key).</param>
/// <param name="Where">A partial index's condition, whitespace collapsed.</param>
internal sealed record IndexShape(string Name, string Columns, bool Unique, string Origin, string? Where = null)
{
    public override string ToString() =>
        $"{(Origin == "c" ? Name : $"({Origin}) auto")} on ({Columns}){(Unique ? " UNIQUE" : string.Empty)}{(Where is null ? string.Empty : $" WHERE {Where}")}";
}
