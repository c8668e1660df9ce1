using System.Globalization;
using Microsoft.Data.Sqlite;
using OpenRouterConsole.Migrations.RebuildBenchmark;
using OpenRouterConsole.Migrations.RebuildExamples;
using OpenRouterConsole.Migrations.Runner;

// dotnet run -c Release --project bench/RebuildBenchmark [-- --smoke]
//   Children: "tool PATH" (the runner applies rebuild migration 4), "hand PATH" (the 12 steps by hand).
if (args is ["tool", var toolPath])
{
    new ConsoleMigrator(new MigrationOptions
    {
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = toolPath }.ConnectionString,
        MigrationAssembly = RebuildExamplesAssembly.Assembly,
        BackupEnabled = false, // like the baseline: the rebuild alone
        IntegrityCheck = false,
    }).Migrate(4);
    return 0;
}

if (args is ["hand", var handPath])
{
    HandRebuild.Run(handPath);
    return 0;
}

var smoke = args.Contains("--smoke");
var sizes = smoke ? new[] { 20_000 } : new[] { 250_000, 1_000_000 };
var pairs = smoke ? 1 : 3;
var folder = Path.Combine(Path.GetTempPath(), "orc-rebuild-bench-" + Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(folder);
try
{
    Console.WriteLine($"Rebuild of messages (migration 4 of the test-only rebuild examples), {pairs} paired runs per size, whole process; {Environment.ProcessorCount} cores, .NET {Environment.Version}");
    Console.WriteLine($"{"Messages",10} {"Tool ms",9} {"Hand ms",9} {"Ratio*",7} {"Tool MB",8} {"Hand MB",8}   (*median of per-pair ratios; times and MB are medians)");
    foreach (var size in sizes)
    {
        var template = Path.Combine(folder, $"template-{size}.db");
        Seed.Write(template, size);
        var toolMs = new List<double>();
        var handMs = new List<double>();
        var ratios = new List<double>();
        var toolMb = new List<double>();
        var handMb = new List<double>();
        for (var pair = 0; pair < pairs; pair++)
        {
            // Alternate which runs first, so that neither always meets a warmer page cache.
            (double Ms, double Mb) Measure(string mode)
            {
                var copy = Path.Combine(folder, $"{mode}.db");
                File.Copy(template, copy, overwrite: true);
                var result = ChildProcess.Run(mode, copy);
                File.Delete(copy);
                return result;
            }

            (double Ms, double Mb) tool, hand;
            if (pair % 2 == 0)
            {
                tool = Measure("tool");
                hand = Measure("hand");
            }
            else
            {
                hand = Measure("hand");
                tool = Measure("tool");
            }

            toolMs.Add(tool.Ms);
            handMs.Add(hand.Ms);
            ratios.Add(tool.Ms / hand.Ms);
            toolMb.Add(tool.Mb);
            handMb.Add(hand.Mb);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{size,10:N0} {Median(toolMs),9:0} {Median(handMs),9:0} {Median(ratios),6:0.00}x {Median(toolMb),8:0.0} {Median(handMb),8:0.0}"));
        File.Delete(template);
    }

    return 0;
}
finally
{
    Directory.Delete(folder, recursive: true);
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}
