namespace OpenRouterConsole.Migrations.Runner.Integrity;

/// <summary>
/// The committed <c>migrations.sum</c>: one <c>&lt;sha256&gt;  &lt;resource name&gt;</c> line per script.
/// A test holds the embedded scripts to it, so a shipped migration cannot be edited unnoticed.
/// </summary>
internal static class MigrationManifest
{
    public const string UpdateCommand = "dotnet cake --target=UpdateMigrationSums --migration=N";

    /// <summary>Logical name of the manifest embedded in the migration assembly.</summary>
    public const string ResourceName = "migrations.sum";

    /// <summary>The manifest the console's migration assembly ships (empty if it embeds none).</summary>
    public static IReadOnlyDictionary<string, string> Embedded => MigrationCatalog.Console.Manifest;

    public static IReadOnlyDictionary<string, string> Parse(string text)
    {
        // A Dictionary, in file order (the file is sorted): SortedDictionary<string, string> would be
        // JIT-compiled at every start (~35 methods), ReadyToRun cannot precompile it.
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in text.ReplaceLineEndings("\n").Split('\n'))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split("  ", 2);
            if (parts.Length != 2)
            {
                throw new FormatException($"migrations.sum: '{line}' is not '<sha256>  <script>'.");
            }

            entries[parts[1].Trim()] = parts[0].Trim();
        }

        return entries;
    }

    /// <summary>Every way the scripts and the manifest disagree, as sentences that tell the author what to do.</summary>
    public static IReadOnlyList<string> Problems(IReadOnlyDictionary<string, string> manifest, IReadOnlyDictionary<string, string> scripts)
    {
        var problems = new List<string>();
        foreach (var (script, checksum) in scripts)
        {
            if (!manifest.TryGetValue(script, out var recorded))
            {
                problems.Add($"{script} is not in migrations.sum. For a new, not yet shipped migration, run: {UpdateCommand}");
            }
            else if (recorded != checksum)
            {
                problems.Add(
                    $"{script} was edited: its checksum is {checksum}, migrations.sum says {recorded}. " +
                    "A shipped migration must never change: revert the edit and add a new migration instead. " +
                    $"(Only a migration that has not shipped yet may be updated: {UpdateCommand})");
            }
        }

        foreach (var script in manifest.Keys.Where(s => !scripts.ContainsKey(s)))
        {
            problems.Add($"{script} is listed in migrations.sum but no longer embedded; shipped migrations must not be removed.");
        }

        return problems;
    }

    internal static IReadOnlyDictionary<string, string> ReadEmbedded(System.Reflection.Assembly assembly)
    {
        using var stream = assembly.GetManifestResourceStream(ResourceName);
        if (stream is null)
        {
            return new Dictionary<string, string>();
        }

        // Bytes decoded in one call: a StreamReader's first use costs a JIT host ~2-3 ms of a ~90 ms start.
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        var text = bytes.AsSpan().StartsWith("\uFEFF"u8) ? bytes.AsSpan(3) : bytes.AsSpan();
        return Parse(System.Text.Encoding.UTF8.GetString(text));
    }
}
