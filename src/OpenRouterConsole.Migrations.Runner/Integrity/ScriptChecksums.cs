using System.Security.Cryptography;
using System.Text;

namespace OpenRouterConsole.Migrations.Runner.Integrity;

/// <summary>
/// SHA-256 of the migration scripts embedded in the migration assembly, with line endings
/// normalised so that a checkout on Windows hashes the same as one on Linux.
/// </summary>
internal static class ScriptChecksums
{
    /// <summary>Resource name to lowercase hex SHA-256, for every <c>.sql</c> script the console's migration assembly embeds.</summary>
    public static IReadOnlyDictionary<string, string> All => MigrationCatalog.Console.Scripts;

    /// <summary>The up script of a migration of the console's migration assembly; see <see cref="MigrationCatalog.UpScriptOf"/>.</summary>
    public static (string Script, string Checksum)? UpScriptOf(long version, string scriptFolder = "Sqlite") => MigrationCatalog.Console.UpScriptOf(version, scriptFolder);

    public static string Compute(string scriptText) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(scriptText.ReplaceLineEndings("\n"))));

    internal static (string Script, string Checksum)? UpScriptIn(IReadOnlyDictionary<string, string> checksums, long version, string scriptFolder)
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

    internal static IReadOnlyDictionary<string, string> ComputeEmbedded(System.Reflection.Assembly assembly)
    {
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
