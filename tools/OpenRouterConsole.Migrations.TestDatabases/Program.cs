using System.Globalization;
using OpenRouterConsole.Migrations.Runner;
using OpenRouterConsole.Migrations.TestDatabases;

// Usage: TestDatabases --output <dir> --fixtures <dir> [--version <N>]
//        TestDatabases --table-definition <table>   (prints it at the latest version, for NewMigration --rebuild)
//        TestDatabases --script-checksums <file>... (prints "<sha256>  <file>" lines, for NewMigration and UpdateMigrationSums)
const string usage = "Usage: OpenRouterConsole.Migrations.TestDatabases --output <dir> --fixtures <dir> [--version <N>] | --table-definition <table> | --script-checksums <file>...";

if (args is ["--table-definition", var table])
{
    try
    {
        foreach (var (_, sql) in TableDefinition.AtLatestVersion(table))
        {
            Console.WriteLine(sql + ";");
        }

        return 0;
    }
    catch (ArgumentException ex)
    {
        Console.Error.WriteLine($"error: {ex.Message}");
        return 1;
    }
}

if (args is ["--script-checksums", .. var scripts] && scripts.Length > 0)
{
    try
    {
        foreach (var line in ScriptChecksumLines.For(scripts))
        {
            Console.WriteLine(line);
        }

        return 0;
    }
    catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
    {
        Console.Error.WriteLine($"error: {ex.Message}");
        return 1;
    }
}

string? output = null;
string? fixtures = null;
long? version = null;
for (var i = 0; i < args.Length; i++)
{
    var value = i + 1 < args.Length ? args[i + 1] : null;
    switch (args[i])
    {
        case "--output" when value is not null:
            output = value;
            i++;
            break;
        case "--fixtures" when value is not null:
            fixtures = value;
            i++;
            break;
        case "--version" when value is not null:
            if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                Console.Error.WriteLine($"--version must be a whole number, not '{value}'.");
                return 2;
            }

            version = parsed;
            i++;
            break;
        default:
            Console.Error.WriteLine($"Unexpected argument '{args[i]}'.");
            Console.Error.WriteLine(usage);
            return 2;
    }
}

if (output is null || fixtures is null)
{
    Console.Error.WriteLine(usage);
    return 2;
}

try
{
    foreach (var path in TestDatabaseWriter.Write(output, fixtures, version))
    {
        Console.WriteLine($"Wrote {Path.GetFullPath(path)}");
    }

    return 0;
}
catch (Exception ex) when (ex is ArgumentException or IOException or MigrationException or Microsoft.Data.Sqlite.SqliteException)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return 1;
}
