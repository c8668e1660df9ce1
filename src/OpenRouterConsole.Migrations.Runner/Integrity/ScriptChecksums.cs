using System.Security.Cryptography;
using System.Text;

namespace OpenRouterConsole.Migrations.Runner.Integrity;

/// <summary>
/// SHA-256 of the migration scripts embedded in the migration assembly, with line endings
/// normalised so that a checkout on Windows hashes the same as one on Linux.
/// </summary>
public static class ScriptChecksums
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Embedded = new(ComputeEmbedded);

    /// <summary>Resource name to lowercase hex SHA-256, for every embedded <c>.sql</c> script.</summary>
    public static IReadOnlyDictionary<string, string> All => Embedded.Value;

    public static string Compute(string scriptText) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(scriptText.ReplaceLineEndings("\n"))));

    /// <summary>The up script of a migration: <c>Sqlite.NNN_name.sql</c> (or another provider's folder), by the naming convention the tests enforce.</summary>
    /// <remarks>
    /// Taken from the embedded <c>migrations.sum</c> when it lists the script, so that the check at
    /// every start hashes nothing (SHA-256 would first start OpenSSL: ~12 ms of a ~50 ms start);
    /// ManifestTests hold the manifest equal to the scripts' hashes. A script it does not list yet
    /// (a new migration before UpdateMigrationSums) is hashed.
    /// </remarks>
    public static (string Script, string Checksum)? UpScriptOf(long version, string scriptFolder = "Sqlite") =>
        UpScriptIn(MigrationManifest.Embedded, version, scriptFolder) ?? UpScriptIn(All, version, scriptFolder);

    private static (string Script, string Checksum)? UpScriptIn(IReadOnlyDictionary<string, string> checksums, long version, string scriptFolder)
    {
        var prefix = $"{scriptFolder}.{version:000}_";
        foreach (var (script, checksum) in checksums)
        {
            if (script.StartsWith(prefix, StringComparison.Ordinal) && !script.EndsWith("_down.sql", StringComparison.Ordinal))
            {
                return (script, checksum);
            }
        }

        return null;
    }

    private static IReadOnlyDictionary<string, string> ComputeEmbedded()
    {
        var assembly = MigrationsAssembly.Assembly;
        var checksums = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.EndsWith(".sql", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            checksums[name] = Compute(reader.ReadToEnd());
        }

        return checksums;
    }
}
