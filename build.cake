// Build script for the OpenRouter LLM Console migrations.
//   dotnet tool restore && dotnet cake --target=<Target>
// Targets: Clean, Restore, Build, Test (= Default), Pack, TestDatabases, NewMigration, UpdateMigrationSums. See docs/build.md.

using System.Text.RegularExpressions;

var target = Argument("target", "Default");
var configuration = Argument("configuration", "Release");

// Cake's own --version flag takes "--version", so pass the database version after "--"
// (dotnet cake --target=TestDatabases -- --version=1) or as --schema-version=1.
var schemaVersion = Argument("schema-version", Argument("version", string.Empty));
var migrationName = Argument("name", string.Empty);
// --exclude-slow skips the slow reliability tests (TestCategory=Slow, about a minute and a quarter).
var excludeSlow = HasArgument("exclude-slow");
var rebuildTable = Argument("rebuild", string.Empty);

var solution = File("./OpenRouterConsole.Migrations.sln");
var artifacts = Directory("./artifacts");
var testResults = artifacts + Directory("test-results");
var packages = artifacts + Directory("packages");
var testDatabases = artifacts + Directory("test-databases");
var testDatabasesTool = File("./tools/OpenRouterConsole.Migrations.TestDatabases/OpenRouterConsole.Migrations.TestDatabases.csproj");
var fixtures = Directory("./tests/fixtures");

var migrationsProject = Directory("./src/OpenRouterConsole.Migrations");
var testsProject = Directory("./tests/OpenRouterConsole.Migrations.Tests");

Task("Clean")
    .Description("Deletes ./artifacts and every bin/ and obj/ folder.")
    .Does(() =>
{
    CleanDirectory(artifacts);
    CleanDirectories("./src/**/bin");
    CleanDirectories("./src/**/obj");
    CleanDirectories("./tests/**/bin");
    CleanDirectories("./tests/**/obj");
    CleanDirectories("./tools/**/bin");
    CleanDirectories("./tools/**/obj");
});

// Restore does not depend on Clean: a Test or Pack must not wipe artifacts/ (test databases made earlier).
Task("Restore")
    .Description("Restores the solution's NuGet packages.")
    .Does(() =>
{
    DotNetRestore(solution);
});

Task("Build")
    .Description("Builds the solution (--configuration, default Release).")
    .IsDependentOn("Restore")
    .Does(() =>
{
    DotNetBuild(solution, new DotNetBuildSettings
    {
        Configuration = configuration,
        NoRestore = true,
    });
});

Task("Test")
    .Description("Runs the tests (--exclude-slow skips the slow ones); TRX results go to artifacts/test-results.")
    .IsDependentOn("Build")
    .Does(() =>
{
    DotNetTest(solution, new DotNetTestSettings
    {
        Configuration = configuration,
        NoRestore = true,
        NoBuild = true,
        ResultsDirectory = testResults,
        Loggers = new[] { "trx" },
        Filter = excludeSlow ? "TestCategory!=Slow" : null,
    });
});

Task("Pack")
    .Description("Packs every packable project of the solution into artifacts/packages.")
    .IsDependentOn("Build")
    .Does(() =>
{
    // Packing the solution takes every project that is packable (IsPackable is false for the tests
    // and the build tools), so the command-line tool is packed as soon as it joins the solution.
    // Not NoBuild: the tool's RID-specific packages (ToolPackageRuntimeIdentifiers) each need a
    // build and ReadyToRun publish of their own, which Build does not make; the rest is up to date.
    DotNetPack(solution, new DotNetPackSettings
    {
        Configuration = configuration,
        NoRestore = true,
        OutputDirectory = packages,
    });
});

Task("TestDatabases")
    .Description("Writes console-vN.db, the seeded and the legacy databases to artifacts/test-databases (--version=N after --, or --schema-version=N, for one version).")
    .Does(() =>
{
    var arguments = new ProcessArgumentBuilder()
        .Append("--output").AppendQuoted(MakeAbsolute(testDatabases).FullPath)
        .Append("--fixtures").AppendQuoted(MakeAbsolute(fixtures).FullPath);
    if (!string.IsNullOrEmpty(schemaVersion))
    {
        arguments.Append("--version").AppendQuoted(schemaVersion);
    }

    DotNetRun(testDatabasesTool, arguments, new DotNetRunSettings { Configuration = configuration });
});

Task("NewMigration")
    .Description("Scaffolds the next migration from --name=snake_case_name: class, up/down scripts, checksums and a failing test stub (--rebuild=TABLE: a table rebuild, with the table's current definition).")
    .Does(() =>
{
    var name = migrationName;
    if (!Regex.IsMatch(name, "^[a-z][a-z0-9_]*$"))
    {
        throw new CakeException(2, string.IsNullOrEmpty(name)
            ? "NewMigration needs --name=<snake_case_name>, e.g. --name=add_tags_table."
            : $"'{name}' is not a valid migration name: use snake_case (^[a-z][a-z0-9_]*$), e.g. add_tags_table.");
    }

    if (name.EndsWith("_down"))
    {
        throw new CakeException(2, $"'{name}' ends in _down, which marks a rollback script; choose another name.");
    }

    var migrationsFolder = migrationsProject + Directory("Migrations");
    var scriptsFolder = migrationsProject + Directory("Scripts") + Directory("Sqlite");
    var postgresScriptsFolder = migrationsProject + Directory("Scripts") + Directory("Postgres");
    var className = string.Concat(name.Split('_', StringSplitOptions.RemoveEmptyEntries).Select(part => char.ToUpperInvariant(part[0]) + part.Substring(1)));
    var description = char.ToUpperInvariant(name[0]) + name.Substring(1).Replace('_', ' ');

    // Existing migrations: classes MNNN_Name.cs and scripts NNN_name[_down].sql.
    var classPattern = new Regex(@"^M(\d+)_(\w+)\.cs$");
    var scriptPattern = new Regex(@"^(\d+)_([a-z0-9_]+?)(_down)?\.sql$");
    var classes = GetFiles(migrationsFolder.Path.FullPath + "/*.cs").Select(f => classPattern.Match(f.GetFilename().FullPath)).Where(m => m.Success).ToArray();
    var scripts = GetFiles(scriptsFolder.Path.FullPath + "/*.sql").Select(f => scriptPattern.Match(f.GetFilename().FullPath)).Where(m => m.Success).ToArray();

    if (scripts.Any(m => m.Groups[2].Value == name) || classes.Any(m => m.Groups[2].Value == className))
    {
        throw new CakeException(3, $"A migration named '{name}' ({className}) exists already; choose another name.");
    }

    var version = classes.Select(m => long.Parse(m.Groups[1].Value)).Concat(scripts.Select(m => long.Parse(m.Groups[1].Value))).DefaultIfEmpty(0).Max() + 1;
    var number = version.ToString("D3");
    var typeName = $"M{number}_{className}";
    var upScript = $"{number}_{name}.sql";
    var downScript = $"{number}_{name}_down.sql";

    if (!string.IsNullOrEmpty(rebuildTable) && !Regex.IsMatch(rebuildTable, "^[A-Za-z_][A-Za-z0-9_]*$"))
    {
        throw new CakeException(2, $"'{rebuildTable}' is not a table name.");
    }

    // A rebuild starts from the table as the latest version has it, read from a database the real runner migrates.
    var definition = string.IsNullOrEmpty(rebuildTable) ? null : CurrentTableDefinition(rebuildTable);
    var files = new (FilePath Path, string Text)[]
    {
        (migrationsFolder + File($"{typeName}.cs"), definition is null
            ? MigrationClass(typeName, version, description, upScript, downScript)
            : RebuildMigrationClass(typeName, version, description, rebuildTable, upScript, downScript)),
        (scriptsFolder + File(upScript), definition is null ? UpScript(version, description) : RebuildUpScript(version, description, rebuildTable, definition)),
        (scriptsFolder + File(downScript), definition is null ? DownScript(version, description) : RebuildDownScript(version, rebuildTable, definition)),
        (postgresScriptsFolder + File(upScript), UpScript(version, description).Replace("SQLite", "PostgreSQL")),
        (postgresScriptsFolder + File(downScript), DownScript(version, description).Replace("SQLite", "PostgreSQL")),
        (testsProject + Directory("Migrations") + File($"{typeName}Tests.cs"), TestStub(typeName, version)),
    };

    var existing = files.Where(f => FileExists(f.Path)).Select(f => f.Path.FullPath).ToArray();
    if (existing.Length > 0)
    {
        throw new CakeException(3, $"Refusing to overwrite {string.Join(", ", existing)}.");
    }

    foreach (var (path, text) in files)
    {
        EnsureDirectoryExists(path.GetDirectory());
        // Cake hands the script's string literals over with CRLF; the repository keeps LF.
        System.IO.File.WriteAllText(path.FullPath, text.ReplaceLineEndings("\n"));
        Information("Created {0}", path);
    }

    // Checksum manifest: one line per script, "<sha256 of the LF-normalised UTF-8 text>  <resource name>".
    // Existing lines are never rewritten: new ones are appended.
    var manifest = migrationsProject + File("migrations.sum");
    var current = FileExists(manifest) ? System.IO.File.ReadAllText(manifest.Path.FullPath) : string.Empty;
    var newScripts = new[] { ("Sqlite", scriptsFolder), ("Postgres", postgresScriptsFolder) }
        .SelectMany(provider => new[] { upScript, downScript }.Select(script => (Resource: $"{provider.Item1}.{script}", Path: (provider.Item2 + File(script)).Path)))
        .ToArray();
    var checksums = ScriptChecksums(newScripts.Select(s => s.Path));
    var lines = newScripts.Select(s => $"{checksums[s.Path.FullPath]}  {s.Resource}\n");
    var separator = current.Length > 0 && !current.EndsWith("\n") ? "\n" : string.Empty;
    System.IO.File.AppendAllText(manifest.Path.FullPath, separator + string.Concat(lines));
    Information("Added checksums for {0} and {1} to {2}", upScript, downScript, manifest);

    Information("Next: write the SQL in both scripts and the test, then: dotnet cake --target=UpdateMigrationSums --migration={0}", version);
});

IReadOnlyList<string> CurrentTableDefinition(string table)
{
    var exitCode = StartProcess("dotnet", new ProcessSettings
    {
        Arguments = new ProcessArgumentBuilder().Append("run").Append("--project").AppendQuoted(testDatabasesTool.Path.FullPath)
            .Append("--").Append("--table-definition").AppendQuoted(table),
        RedirectStandardOutput = true,
    }, out var lines);
    if (exitCode != 0)
    {
        throw new CakeException(2, $"Cannot read the current definition of table '{table}' (is it in the latest schema?).");
    }

    // One statement per entry: each CREATE begins a new one (dotnet run may print build notes before them).
    var text = string.Join("\n", lines.SkipWhile(line => !line.StartsWith("CREATE ")));
    return Regex.Split(text, @"(?<=;)\n(?=CREATE\s)").Select(statement => statement.Trim()).ToArray();
}

// Checksum of each script, by the file's full path, computed by the runner's own ScriptChecksums
// (through the build tool: this script is compiled before the runner is built, so it cannot call it).
IReadOnlyDictionary<string, string> ScriptChecksums(IEnumerable<FilePath> scripts)
{
    var arguments = new ProcessArgumentBuilder().Append("run").Append("--project").AppendQuoted(testDatabasesTool.Path.FullPath)
        .Append("--").Append("--script-checksums");
    foreach (var script in scripts)
    {
        arguments.AppendQuoted(script.FullPath);
    }

    var exitCode = StartProcess("dotnet", new ProcessSettings { Arguments = arguments, RedirectStandardOutput = true }, out var output);
    if (exitCode != 0)
    {
        throw new CakeException(1, "Cannot compute the scripts' checksums (the TestDatabases tool failed; see above).");
    }

    // "<sha256>  <file>" lines (dotnet run may print build notes before them).
    return output.Select(line => Regex.Match(line, "^([0-9a-f]{64})  (.+)$")).Where(m => m.Success)
        .ToDictionary(m => m.Groups[2].Value, m => m.Groups[1].Value);
}

Task("UpdateMigrationSums")
    .Description("Rewrites the migrations.sum lines of one migration that has NOT shipped yet (--migration=N).")
    .Does(() =>
{
    // Shipped migrations must never change: this is only for the migration being written.
    if (!int.TryParse(Argument("migration", string.Empty), out var version) || version < 1)
    {
        throw new CakeException(2, "UpdateMigrationSums needs --migration=N, the number of a migration that has not shipped yet.");
    }

    // One folder per provider; the resource name is "<folder>.<file>".
    var scripts = new[] { "Sqlite", "Postgres" }
        .SelectMany(provider => GetFiles($"{(migrationsProject + Directory("Scripts") + Directory(provider)).Path.FullPath}/{version:D3}_*.sql").Select(f => (Provider: provider, File: f)))
        .ToArray();
    if (scripts.Length == 0)
    {
        throw new CakeException(2, $"No scripts of migration {version} in {migrationsProject}/Scripts.");
    }

    var manifest = migrationsProject + File("migrations.sum");
    var kept = System.IO.File.ReadAllLines(manifest.Path.FullPath).Where(line => !line.EndsWith(".sql") || !scripts.Any(s => line.Split("  ")[1].StartsWith($"{s.Provider}.{version:D3}_")));
    var checksums = ScriptChecksums(scripts.Select(s => s.File));
    var updated = scripts.OrderBy(s => s.Provider, StringComparer.Ordinal).ThenBy(s => s.File.FullPath, StringComparer.Ordinal).Select(s =>
        $"{checksums[s.File.FullPath]}  {s.Provider}.{s.File.GetFilename()}");
    System.IO.File.WriteAllText(manifest.Path.FullPath, string.Join("\n", kept.Concat(updated)) + "\n");
    Information("Updated {0} line(s) for migration {1} in {2}", scripts.Length, version, manifest);
});

Task("Default")
    .IsDependentOn("Test");

RunTarget(target);

// Cake's preprocessor would lift a line starting with "using" out of the string, hence {{"using"}}.
static string MigrationClass(string typeName, long version, string description, string upScript, string downScript) =>
$$"""
{{"using"}} FluentMigrator;

namespace OpenRouterConsole.Migrations.Migrations;

/// <summary>{{description}}.</summary>
[Migration({{version}}, "{{description}}")]
public sealed class {{typeName}} : Migration
{
    public override void Up()
    {
        IfDatabase(ProviderIds.Sqlite).Execute.EmbeddedScript("Sqlite.{{upScript}}");
        IfDatabase(ProviderIds.Postgres).Execute.EmbeddedScript("Postgres.{{upScript}}");
    }

    public override void Down()
    {
        IfDatabase(ProviderIds.Sqlite).Execute.EmbeddedScript("Sqlite.{{downScript}}");
        IfDatabase(ProviderIds.Postgres).Execute.EmbeddedScript("Postgres.{{downScript}}");
    }
}

""";

static string RebuildMigrationClass(string typeName, long version, string description, string table, string upScript, string downScript) =>
$$"""
{{"using"}} FluentMigrator;
{{"using"}} OpenRouterConsole.Migrations.Rebuilds;

namespace OpenRouterConsole.Migrations.Migrations;

/// <summary>{{description}}: rebuilds {{table}} (a change ALTER TABLE cannot make).</summary>
[Migration({{version}}, "{{description}}")]
public sealed class {{typeName}} : TableRebuildMigration
{
    // Columns of the new table are copied from the old column of the same name, or take their default.
    // For a column that is new, renamed or converted, say how it is filled from the old row, e.g.
    // new Dictionary<string, string> { ["new_column"] = "CAST(old_column AS INTEGER)" }.
    public override void Up() => RebuildTable("{{table}}", "Sqlite.{{upScript}}");

    public override void Down() => RebuildTable("{{table}}", "Sqlite.{{downScript}}");
}

""";

static string RebuildUpScript(long version, string description, string table, IReadOnlyList<string> definition) =>
$"""
-- Migration {version}: {description}: rebuilds {table}.
-- TODO: edit the CREATE TABLE below into the table version {version} needs (a CHECK, a type, NOT NULL, a
-- default, a foreign key...). Keep its name: the rebuild creates it under a scratch name, copies every
-- row, drops the old table and renames the new one. Its indexes and triggers (below, commented out) are
-- recreated as they are unless you redefine one here. No PRAGMA, BEGIN or COMMIT: the runner owns those.
-- After editing, update this script's line in src/OpenRouterConsole.Migrations/migrations.sum.
{definition[0]}
{string.Concat(definition.Skip(1).Select(line => "-- " + line.Replace("\n", "\n-- ") + "\n"))}
""";

static string RebuildDownScript(long version, string table, IReadOnlyList<string> definition) =>
$"""
-- Migration {version} down: {table} exactly as version {version - 1} has it (its indexes and triggers are
-- recreated by the rebuild). Say in the class how any column the up script renamed or converted is filled back.
{definition[0]}

""";

static string UpScript(long version, string description) =>
$"""
-- Migration {version}: {description}.
-- TODO: write the SQLite statements that move the schema from version {version - 1} to version {version}
-- (CREATE TABLE / CREATE INDEX / ALTER TABLE ...). The runner executes this file inside the
-- migration's transaction; keep every row of the existing tables.
-- After editing, update this script's line in src/OpenRouterConsole.Migrations/migrations.sum.

""";

static string DownScript(long version, string description) =>
$"""
-- Migration {version} down: undo "{description}".
-- TODO: write the SQLite statements that bring the schema back to exactly version {version - 1}'s
-- (see tests/OpenRouterConsole.Migrations.Tests/Approved/schema-v{version - 1}.approved.txt) and keep every
-- row of the tables that remain. Prefer ALTER TABLE ... DROP COLUMN to recreating a table: foreign keys
-- cannot be switched off inside the migration's transaction, so a recreation would fire ON DELETE actions.
-- After editing, update this script's line in src/OpenRouterConsole.Migrations/migrations.sum.

""";

static string TestStub(string typeName, long version) =>
$$"""
{{"using"}} OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.Migrations;

/// <summary>Migration {{version}} ({{typeName}}): what it changes, and that its rollback to {{version - 1}} loses nothing.</summary>
public sealed class {{typeName}}Tests
{
    [Test]
    public void Migration{{version}}_UpThenRollbackTo{{version - 1}}_KeepsEveryRowAndLink()
    {
        using var database = new TestDatabase();
        database.MigrateTo({{version - 1}});
        database.ExecuteFixture(Fixtures.SeedData);
        var before = TableContent.Checksums(database);

        database.MigrateTo({{version}});
        // Assert what migration {{version}} changes here: new tables or columns exist and take rows,
        // existing rows and their links (sessions.profile_id, messages.session_id, ...) are intact.
        database.RollbackTo({{version - 1}});

        // Data kept across the rollback: every row of version {{version - 1}}'s tables, with its links.
        TableContent.Checksums(database).ShouldBe(before);
        Assert.Fail("Write the tests of migration {{version}}: assert what it changes, then delete this line");
    }
}

""";