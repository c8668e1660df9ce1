namespace OpenRouterConsole.Migrations.Runner.Integrity;

/// <summary>An applied migration whose up script has changed since it was applied.</summary>
public sealed record ChecksumMismatch(long Version, string Script, string Recorded, string Current)
{
    public override string ToString() =>
        $"migration {Version}: {Script} was {Recorded[..12]}… when applied, is {Current[..12]}… now";
}
