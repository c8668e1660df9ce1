namespace OpenRouterConsole.Migrations.Runner.Copy;

/// <summary>One table's verification: rows and content checksum on each side, read after the copy, before the commit.</summary>
/// <param name="Table">The table.</param>
/// <param name="SourceRows">count(*) in the source, in the snapshot the copy read.</param>
/// <param name="CopiedRows">Rows streamed to the target.</param>
/// <param name="TargetRows">Rows the target holds, counted while reading them back for the checksum, inside the copy's transaction.</param>
/// <param name="SourceChecksum">The content checksum of the source's rows.</param>
/// <param name="TargetChecksum">The content checksum of the target's rows, computed the same way.</param>
/// <param name="CopyTime">Time spent streaming this table to the target.</param>
public sealed record TableCopyResult(
    string Table,
    long SourceRows,
    long CopiedRows,
    long TargetRows,
    string SourceChecksum,
    string TargetChecksum,
    TimeSpan CopyTime)
{
    /// <summary>True when the counts and checksums agree on both sides: the table was copied exactly.</summary>
    public bool Matches => SourceRows == CopiedRows && CopiedRows == TargetRows && SourceChecksum == TargetChecksum;
}
