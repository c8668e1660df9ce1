using System.Text.RegularExpressions;
using OpenRouterConsole.Migrations.Runner;

using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.Migrations;

/// <summary>The conventions that keep a migration's number in its four places, and its scripts safe.</summary>
public sealed partial class MigrationScriptTests
{
    private static readonly string[] Resources = MigrationsAssembly.Assembly.GetManifestResourceNames()
        .Where(name => name.EndsWith(".sql", StringComparison.Ordinal))
        .ToArray();

    private static IEnumerable<KnownMigration> Migrations() => MigrationCatalog.Console.All;
    /// <summary>One script folder (and logical-name prefix) per provider.</summary>
    private static readonly string[] ScriptFolders = ["Sqlite", "Postgres"];

    private static IEnumerable<TestCaseData> MigrationsPerProvider() =>
        MigrationCatalog.Console.All.SelectMany(m => ScriptFolders.Select(folder => new TestCaseData(m, folder)));

    [TestCaseSource(nameof(MigrationsPerProvider))]
    public void EveryMigration_HasExactlyOneUpAndOneDownScriptPerProvider(KnownMigration migration, string folder)
    {
        var prefix = $"{folder}.{migration.Version:000}_";
        var scripts = Resources.Where(name => name.StartsWith(prefix, StringComparison.Ordinal)).ToArray();

        scripts.Length.ShouldBe(2, $"migration {migration.Version} should have an up and a down script, found: {string.Join(", ", scripts)}");
        scripts.Count(name => name.EndsWith("_down.sql", StringComparison.Ordinal)).ShouldBe(1);
    }

    [TestCaseSource(nameof(MigrationsPerProvider))]
    public void EveryMigration_ClassNameMatchesItsScriptNames(KnownMigration migration, string folder)
    {
        var type = MigrationsAssembly.Assembly.GetTypes().Single(t =>
            t.GetCustomAttributes(typeof(FluentMigrator.MigrationAttribute), false).Cast<FluentMigrator.MigrationAttribute>().Any(a => a.Version == migration.Version));
        var up = Resources.Single(name => name.StartsWith($"{folder}.{migration.Version:000}_", StringComparison.Ordinal) && !name.EndsWith("_down.sql", StringComparison.Ordinal));
        var scriptWords = up[$"{folder}.000_".Length..^".sql".Length].Replace("_", string.Empty, StringComparison.Ordinal);

        type.Name.ShouldBe($"M{migration.Version:000}_{type.Name[5..]}");
        type.Name[5..].ToLowerInvariant().ShouldBe(scriptWords);
    }

    [Test]
    public void EveryScript_BelongsToAKnownMigration()
    {
        var versions = MigrationCatalog.Console.All.SelectMany(m => ScriptFolders.Select(folder => $"{folder}.{m.Version:000}_")).ToArray();

        Resources.Where(name => !versions.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal))).ShouldBeEmpty();
    }

    [TestCaseSource(nameof(Resources))]
    public void EveryScript_AvoidsStatementsSqliteIgnoresOrBreaksInsideATransaction(string resource)
    {
        var sql = WithoutComments(ReadResource(resource));

        ForbiddenStatement().Matches(sql).Select(m => m.Value).ShouldBeEmpty(
            $"{resource}: FluentMigrator runs every script inside a transaction, where SQLite silently ignores PRAGMA foreign_keys " +
            "and rejects VACUUM or nested BEGIN/COMMIT.");
    }

    [Test]
    public void MigrationAssembly_ReferencesNoDatabaseProvider()
    {
        var references = MigrationsAssembly.Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToArray();

        references.ShouldNotContain(name => name.Contains("Sqlite", StringComparison.OrdinalIgnoreCase) || name.Contains("Npgsql", StringComparison.OrdinalIgnoreCase));
        references.ShouldContain("FluentMigrator.Abstractions");
    }

    private static string ReadResource(string name)
    {
        using var stream = MigrationsAssembly.Assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static string WithoutComments(string sql) => LineComment().Replace(sql, string.Empty);

    [GeneratedRegex(@"\b(PRAGMA\s+(foreign_keys|legacy_alter_table|journal_mode|defer_foreign_keys)|VACUUM|BEGIN(\s+(DEFERRED|IMMEDIATE|EXCLUSIVE))?(\s+TRANSACTION)?\s*;|COMMIT|END\s+TRANSACTION|ROLLBACK\s*;|ATTACH|DETACH)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ForbiddenStatement();

    [GeneratedRegex(@"--[^\n]*")]
    private static partial Regex LineComment();
}
