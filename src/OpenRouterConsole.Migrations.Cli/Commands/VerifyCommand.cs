using System.CommandLine;
using System.Text.Json;
using OpenRouterConsole.Migrations.Runner.Schema;

namespace OpenRouterConsole.Migrations.Cli.Commands;

/// <summary>
/// <c>verify</c>: does the live schema match the schema its recorded version should have? Exit 0 when
/// it does, 1 when it drifted. Reads only.
/// </summary>
internal sealed class VerifyCommand : Command
{
    private readonly Option<bool> _json = new("--json") { Description = "Print the report as JSON, for scripts." };

    public VerifyCommand(CommonOptions options)
        : base("verify", "Compare the live schema with the one its recorded version should have; exit 1 on drift.")
    {
        Options.Add(_json);
        SetAction(parseResult =>
        {
            CommonOptions.Reject(parseResult, options.Output, "verify");
            CommonOptions.Reject(parseResult, options.Preview, "verify");
            var report = options.CreateMigrator(parseResult).Verify();
            var output = parseResult.InvocationConfiguration.Output;
            if (parseResult.GetValue(_json))
            {
                PrintJson(report, output);
            }
            else
            {
                Print(report, output);
            }

            return report.IsClean ? ExitCodes.Success : ExitCodes.Failed;
        });
    }

    private static void Print(VerifyReport report, TextWriter output)
    {
        output.WriteLine($"Database: {report.DatabasePath}");
        output.WriteLine(report.Versioned
            ? $"Recorded version: {report.RecordedVersion}"
            : $"Recorded version: none (no version records); closest known schema: version {report.ComparedVersion}");
        if (report.IsClean)
        {
            output.WriteLine(report.Versioned
                ? $"OK: the schema is exactly version {report.ComparedVersion}'s."
                : $"OK: the schema is exactly version {report.ComparedVersion}'s; 'migrate' will record it.");
            return;
        }

        var count = report.Differences.Count + report.ChecksumMismatches.Count;
        output.WriteLine($"DRIFT: {count} difference(s) from version {report.ComparedVersion}:");
        foreach (var difference in report.Differences)
        {
            output.WriteLine($"  - {difference.Message}");
        }

        foreach (var mismatch in report.ChecksumMismatches)
        {
            output.WriteLine($"  - script changed since applied: {mismatch}");
        }
    }

    // Written by hand with Utf8JsonWriter: no reflection, so it stays fast and trimmable.
    private static void PrintJson(VerifyReport report, TextWriter output)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("database", report.DatabasePath);
            json.WriteBoolean("clean", report.IsClean);
            json.WriteBoolean("versioned", report.Versioned);
            json.WriteNumber("recordedVersion", report.RecordedVersion);
            json.WriteNumber("comparedVersion", report.ComparedVersion);
            json.WriteStartArray("differences");
            foreach (var difference in report.Differences)
            {
                json.WriteStartObject();
                json.WriteString("kind", difference.Kind);
                json.WriteString("table", difference.Table);
                json.WriteString("message", difference.Message);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("checksumMismatches");
            foreach (var mismatch in report.ChecksumMismatches)
            {
                json.WriteStartObject();
                json.WriteNumber("version", mismatch.Version);
                json.WriteString("script", mismatch.Script);
                json.WriteString("recorded", mismatch.Recorded);
                json.WriteString("current", mismatch.Current);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
