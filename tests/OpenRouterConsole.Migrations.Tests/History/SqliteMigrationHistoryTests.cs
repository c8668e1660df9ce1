using OpenRouterConsole.Migrations.Runner;
using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.History;

/// <summary>AppliedOn is read as UTC, whether SQLite or .NET parses the text.</summary>
public sealed class SqliteMigrationHistoryTests
{
    [Test]
    public void AppliedOn_OfAFreshMigration_IsNowInUtc()
    {
        using var database = new TestDatabase();
        database.MigrateToLatest();

        var applied = database.Migrator().GetStatus().Applied;

        applied.ShouldAllBe(a => a.AppliedOn != null && a.AppliedOn.Value.Kind == DateTimeKind.Utc);
        applied.ShouldAllBe(a => Math.Abs((DateTime.UtcNow - a.AppliedOn!.Value).TotalMinutes) < 5);
    }

    [TestCase("2027-01-02T03:04:05")]
    [TestCase("2027-01-02 03:04:05.000")]
    [TestCase("2027-01-02T05:04:05+02:00")]
    [TestCase("01/02/2027 03:04:05")]
    public void AppliedOn_IsParsedAsUtc(string text)
    {
        using var database = new TestDatabase();
        database.MigrateToLatest();
        database.Execute($"UPDATE VersionInfo SET AppliedOn = '{text}' WHERE Version = 2");

        var appliedOn = database.Migrator().GetStatus().Find(2)!.AppliedOn;

        appliedOn.ShouldBe(new DateTime(2027, 1, 2, 3, 4, 5, DateTimeKind.Utc));
        appliedOn!.Value.Kind.ShouldBe(DateTimeKind.Utc);
    }

    [TestCase("2027-01-02T03:04:05.678", 678)]
    [TestCase("2027-01-02 03:04:05.001", 1)]
    public void AppliedOn_KeepsWholeMilliseconds(string text, int milliseconds)
    {
        using var database = new TestDatabase();
        database.MigrateToLatest();
        database.Execute($"UPDATE VersionInfo SET AppliedOn = '{text}' WHERE Version = 2");

        var appliedOn = database.Migrator().GetStatus().Find(2)!.AppliedOn;

        appliedOn.ShouldBe(new DateTime(2027, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddMilliseconds(milliseconds));
    }
}
