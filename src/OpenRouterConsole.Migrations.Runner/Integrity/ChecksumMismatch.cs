namespace OpenRouterConsole.Migrations.Runner.Integrity;

/// <summary>An applied migration whose up script has changed since it was applied.</summary>
/// <param name="Version">The migration's version.</param>
/// <param name="Script">The embedded script's name, e.g. <c>Sqlite.001_initial_schema.sql</c>.</param>
/// <param name="Recorded">The SHA-256 recorded when the migration was applied.</param>
/// <param name="Current">The SHA-256 of the script this assembly carries.</param>
public sealed record ChecksumMismatch(long Version, string Script, string Recorded, string Current)
{
    /// <summary>One clause for messages: the migration, its script and both checksums, shortened.</summary>
    public override string ToString() =>
        $"migration {Version}: {Script} was {Recorded[..12]}… when applied, is {Current[..12]}… now";
}
