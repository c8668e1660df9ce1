using System.Text;

namespace OpenRouterConsole.Migrations.Cli;

/// <summary>
/// Standard output that a closed or broken stream cannot turn into a failure: once the database
/// has changed, a report nobody can read must not make the tool exit as if the change had failed.
/// </summary>
internal sealed class ClosedStreamTolerantWriter(TextWriter inner) : TextWriter
{
    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value) => Guard(() => inner.Write(value));

    public override void Write(char[] buffer, int index, int count) => Guard(() => inner.Write(buffer, index, count));

    public override void Write(string? value) => Guard(() => inner.Write(value));

    public override void WriteLine(string? value) => Guard(() => inner.WriteLine(value));

    public override void Flush() => Guard(inner.Flush);

    private static void Guard(Action write)
    {
        try
        {
            write();
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or UnauthorizedAccessException)
        {
            // The reader went away; what was done is done either way.
        }
    }
}
