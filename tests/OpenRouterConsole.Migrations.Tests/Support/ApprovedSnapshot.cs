using System.Runtime.CompilerServices;
using OpenRouterConsole.Migrations.Runner.Schema;

namespace OpenRouterConsole.Migrations.Tests.Support;

/// <summary>
/// Compares a schema with <c>Approved/schema-vN.approved.txt</c> (PostgreSQL: <c>postgres-schema-vN</c>) in the source tree. On a difference
/// it writes <c>schema-vN.received.txt</c> beside it: review it, and rename it to approve a change
/// that a new migration makes on purpose.
/// </summary>
/// <remarks>
/// A schema that is exactly another version's approved one means the test reached the wrong version
/// (not a schema change): that fails naming both files and writes no <c>.received</c> file, which
/// would otherwise invite approving one version's schema under another's name.
/// </remarks>
public static class ApprovedSnapshot
{
    /// <param name="set">A subfolder of <c>Approved</c> for another migration set than the console's.</param>
    /// <param name="provider">Null for SQLite (<c>schema-vN</c>); <c>postgres</c> for <c>postgres-schema-vN</c>.</param>
    internal static void Verify(SchemaSnapshot schema, long version, string? set = null, string? provider = null, [CallerFilePath] string callerPath = "")
    {
        var folder = Path.Combine(SourceFolder(callerPath), "Approved", set ?? string.Empty);
        var stem = provider is null ? $"schema-v{version}" : $"{provider}-schema-v{version}";
        var approvedPath = Path.Combine(folder, $"{stem}.approved.txt");
        var receivedPath = Path.Combine(folder, $"{stem}.received.txt");
        var received = schema.ToText();
        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).ReplaceLineEndings("\n") : null;
        if (approved == received)
        {
            File.Delete(receivedPath);
            return;
        }

        var sameAsOther = Directory.GetFiles(folder, "schema-v*.approved.txt")
            .FirstOrDefault(other => other != approvedPath && File.ReadAllText(other).ReplaceLineEndings("\n") == received);
        if (sameAsOther is not null)
        {
            Assert.Fail($"Schema expected at version {version} is exactly {Path.GetFileName(sameAsOther)}: the test reached another version than it names. " +
                        $"No .received file was written; compare with {approvedPath}.");
        }

        File.WriteAllText(receivedPath, received);
        received.ShouldBe(approved, $"Schema at version {version} differs from the approved {approvedPath}; the received schema is in {receivedPath}.");
    }

    // The test file's folder is the project folder or one below it.
    private static string SourceFolder(string callerPath)
    {
        var folder = Path.GetDirectoryName(callerPath)!;
        return File.Exists(Path.Combine(folder, "OpenRouterConsole.Migrations.Tests.csproj")) ? folder : Path.GetDirectoryName(folder)!;
    }
}
