namespace OpenRouterConsole.Migrations.Runner.Schema;

/// <summary>One way a live schema differs from the expected one, in plain words.</summary>
/// <param name="Kind">A stable keyword for scripts: missing-table, extra-column, column-changed, ...</param>
/// <param name="Table">The table it concerns.</param>
/// <param name="Message">A sentence for people.</param>
public sealed record SchemaDifference(string Kind, string Table, string Message)
{
    /// <summary>The <see cref="Message"/>, so a difference prints as its sentence.</summary>
    public override string ToString() => Message;
}
