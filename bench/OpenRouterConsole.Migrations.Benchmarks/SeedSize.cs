namespace OpenRouterConsole.Migrations.Benchmarks;

/// <summary>Row counts of the seeded database for the rollback benchmark.</summary>
internal sealed record SeedSize(int Profiles, int Sessions, int Messages, int UsageLogs)
{
    public static SeedSize Full { get; } = new(100_000, 200_000, 1_000_000, 1_000_000);

    public static SeedSize Smoke { get; } = new(1_000, 2_000, 10_000, 10_000);

    public static SeedSize Warm { get; } = new(10, 20, 100, 100);

    public string FileName => $"seed-p{Profiles}-s{Sessions}-m{Messages}-u{UsageLogs}.db";

    public override string ToString() =>
        $"{Profiles:N0} profiles, {Sessions:N0} sessions, {Messages:N0} messages, {UsageLogs:N0} usage logs";
}
