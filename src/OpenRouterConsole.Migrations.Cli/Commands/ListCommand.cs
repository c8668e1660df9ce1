using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using OpenRouterConsole.Migrations.Runner;

namespace OpenRouterConsole.Migrations.Cli.Commands;

/// <summary><c>list migrations</c>: every known migration, whether and when it was applied. Reads only.</summary>
internal sealed class ListCommand : Command
{
    public ListCommand(CommonOptions options)
        : base("list", "List information (see 'list migrations').")
    {
        var json = new Option<bool>("--json") { Description = "Print the list as JSON, for scripts." };
        var migrations = new Command("migrations", "List every migration, whether and when it was applied, and mark the current one.") { json };
        migrations.SetAction(parseResult =>
        {
            CommonOptions.Reject(parseResult, options.Output, "list migrations");
            CommonOptions.Reject(parseResult, options.Preview, "list migrations");
            var status = options.CreateMigrator(parseResult).GetStatus();
            if (parseResult.GetValue(json))
            {
                PrintJson(status, parseResult.InvocationConfiguration.Output);
            }
            else
            {
                Print(status, parseResult.InvocationConfiguration.Output);
            }

            return ExitCodes.Success;
        });
        Subcommands.Add(migrations);
    }

    // Every known migration and every version the database records that this tool does not know, by version.
    private static IEnumerable<(long Version, string Description, bool Known)> Rows(DatabaseStatus status) =>
        status.Catalog.All
            .Select(m => (m.Version, m.Description, Known: true))
            .Concat(status.UnknownVersions.Select(v => (Version: v, Description: status.Find(v)?.Description ?? string.Empty, Known: false)))
            .OrderBy(row => row.Version);

    // Written by hand with Utf8JsonWriter, like verify --json: no reflection.
    private static void PrintJson(DatabaseStatus status, TextWriter output)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("database", status.DatabasePath);
            json.WriteBoolean("exists", status.Exists);
            json.WriteNumber("currentVersion", status.CurrentVersion);
            json.WriteNumber("latestVersion", status.Catalog.LatestVersion);
            json.WriteStartArray("migrations");
            foreach (var (version, description, known) in Rows(status))
            {
                var applied = status.Find(version);
                json.WriteStartObject();
                json.WriteNumber("version", version);
                json.WriteString("description", description);
                json.WriteBoolean("known", known);
                json.WriteBoolean("applied", applied is not null);
                if (applied?.AppliedOn is { } appliedOn)
                {
                    json.WriteString("appliedOn", DateTime.SpecifyKind(appliedOn.ToUniversalTime(), DateTimeKind.Utc));
                }
                else
                {
                    json.WriteNull("appliedOn");
                }

                json.WriteBoolean("current", applied is not null && version == status.CurrentVersion);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static void Print(DatabaseStatus status, TextWriter output)
    {
        // GetStatus refuses a missing file (most likely a typo in the path), so the file is there.
        output.WriteLine($"Database: {status.DatabasePath}");
        output.WriteLine($"Current version: {status.CurrentVersion}");
        output.WriteLine();
        output.WriteLine($"  {"Version",-8} {"Applied",-9} {"Applied on (UTC)",-20} Description");

        foreach (var (version, description, known) in Rows(status))
        {
            var applied = status.Find(version);
            var marker = applied is not null && version == status.CurrentVersion ? "*" : " ";
            var state = !known ? "unknown" : applied is null ? "no" : "yes";
            var when = applied?.AppliedOn?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? string.Empty;
            var note = known ? string.Empty : " (not known to this tool: the database is newer)";
            output.WriteLine($"{marker} {version,-8} {state,-9} {when,-20} {description}{note}");
        }

        output.WriteLine();
        output.WriteLine("* = current version");
    }
}
