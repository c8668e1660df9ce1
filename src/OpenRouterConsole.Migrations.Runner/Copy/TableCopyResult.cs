namespace OpenRouterConsole.Migrations.Runner.Copy;

/// <summary>One table's verification: rows and content checksum on each side, read after the copy, before the commit.</summary>
/// <param name="SourceRows">count(*) in the source, in the snapshot the copy read.</param>
/// <param name="CopiedRows">Rows streamed to the target.</param>
/// <param name="TargetRows">Rows the target holds, counted while reading them back for the checksum, inside the copy's transaction.</param>
public sealed record TableCopyResult(
    string Table,
    long SourceRows,
    long CopiedRows,
    long TargetRows,
    string SourceChecksum,
    string TargetChecksum,
    TimeSpan CopyTime)
{
    public bool Matches => SourceRows == CopiedRows && CopiedRows == TargetRows && SourceChecksum == TargetChecksum;
}
