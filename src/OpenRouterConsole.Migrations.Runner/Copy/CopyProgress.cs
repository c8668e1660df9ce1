namespace OpenRouterConsole.Migrations.Runner.Copy;

/// <summary>How far the copy of one table has come.</summary>
/// <param name="Table">The table being copied or verified.</param>
/// <param name="Stage">What is running: <c>copy</c> (rows going to the target) or <c>verify</c> (the target read back).</param>
/// <param name="Rows">Rows done so far in this stage.</param>
/// <param name="TotalRows">Rows the table holds in the source.</param>
/// <param name="Elapsed">Time spent on this table's stage so far.</param>
/// <param name="Done">True on the stage's last report.</param>
public sealed record CopyProgress(string Table, string Stage, long Rows, long TotalRows, TimeSpan Elapsed, bool Done)
{
    /// <summary>The stage's throughput so far (0 before any time has passed).</summary>
    public double RowsPerSecond => Elapsed.TotalSeconds > 0 ? Rows / Elapsed.TotalSeconds : 0;
}
