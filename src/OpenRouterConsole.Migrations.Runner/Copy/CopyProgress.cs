namespace OpenRouterConsole.Migrations.Runner.Copy;

/// <summary>How far the copy of one table has come.</summary>
/// <param name="Stage">What is running: <c>copy</c> (rows going to the target) or <c>verify</c> (the target read back).</param>
public sealed record CopyProgress(string Table, string Stage, long Rows, long TotalRows, TimeSpan Elapsed, bool Done)
{
    public double RowsPerSecond => Elapsed.TotalSeconds > 0 ? Rows / Elapsed.TotalSeconds : 0;
}
