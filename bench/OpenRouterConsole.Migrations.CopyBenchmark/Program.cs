using System.Diagnostics;
using System.Globalization;
using Npgsql;
using OpenRouterConsole.Migrations.CopyBenchmark;
using OpenRouterConsole.Migrations.Runner.Copy;

// Issue 15 benchmark: `copy` (SqliteToPostgresCopy) beside a plain Microsoft.Data.Sqlite -> Npgsql binary
// COPY program, each in a fresh child process against a fresh database on the same server, rounds
// interleaved (the order alternates), medians printed. See bench/README-copy.md.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

if (args is ["child", var childMode, var sourcePath, var target])
{
    return ChildRun(childMode, sourcePath, target);
}

var smoke = args.Contains("--smoke");
var rounds = OptionValue("--rounds") is { } r ? int.Parse(r, CultureInfo.InvariantCulture) : smoke ? 1 : 3;
var server = OptionValue("--server") ?? Environment.GetEnvironmentVariable("ORC_TEST_POSTGRES");
var artifacts = OptionValue("--artifacts") ?? Path.Combine("artifacts", "bench", "copy");
if (string.IsNullOrWhiteSpace(server))
{
    Console.Error.WriteLine("error: the copy benchmark needs a PostgreSQL server: eval \"$(build/postgres-test-server.sh start)\" (exports ORC_TEST_POSTGRES), or pass --server CS.");
    return 1;
}

// The issue's large seed, and one a tenth of it: peak memory must not grow with the row count.
(int Profiles, int Sessions, int Messages, int UsageLogs)[] sizes = smoke
    ? [(1_000, 2_000, 10_000, 10_000), (100, 200, 1_000, 1_000)]
    : [(100_000, 200_000, 1_000_000, 1_000_000), (10_000, 20_000, 100_000, 100_000)];

Console.WriteLine($"Copy benchmark: {rounds} round(s) per size, {Environment.ProcessorCount} cores, load {File.ReadAllText("/proc/loadavg").Trim()}");
var results = new List<string>();
var ratios = new List<double>();
var peaks = new List<(long Rows, double Ours, double Plain)>();
foreach (var size in sizes)
{
    var source = CopySeed.Build(Path.Combine(artifacts, "data"), size.Profiles, size.Sessions, size.Messages, size.UsageLogs);
    var ours = new List<(double Inside, double Whole, long Rows, double PeakMb)>();
    var plain = new List<(double Inside, double Whole, long Rows, double PeakMb)>();
    for (var round = 0; round < rounds; round++)
    {
        foreach (var mode in round % 2 == 0 ? new[] { "ours", "plain" } : ["plain", "ours"])
        {
            var run = RunChild(mode, source, server);
            (mode == "ours" ? ours : plain).Add(run);
            Console.WriteLine($"  {mode,-5} round {round + 1}: {run.Rows:N0} rows in {run.Inside / 1000:0.00} s (whole process {run.Whole / 1000:0.00} s), {run.Rows / (run.Inside / 1000):N0} rows/s, peak {run.PeakMb:0} MB");
        }
    }

    var rows = ours[0].Rows;
    var (oursInside, plainInside) = (Median(ours.Select(o => o.Inside)), Median(plain.Select(p => p.Inside)));
    var (oursWhole, plainWhole) = (Median(ours.Select(o => o.Whole)), Median(plain.Select(p => p.Whole)));
    ratios.Add(oursWhole / plainWhole);
    peaks.Add((rows, Median(ours.Select(o => o.PeakMb)), Median(plain.Select(p => p.PeakMb))));
    results.Add($"| {rows:N0} rows ({size.Messages:N0} messages, {size.UsageLogs:N0} usage logs) | {oursWhole / 1000:0.00} s ({rows / (oursInside / 1000):N0} rows/s) | {plainWhole / 1000:0.00} s ({rows / (plainInside / 1000):N0} rows/s) | {oursWhole / plainWhole:0.00}× | {oursInside / plainInside:0.00}× | {peaks[^1].Ours:0} MB | {peaks[^1].Plain:0} MB |");
}

Console.WriteLine();
Console.WriteLine($"Medians of {rounds}; load at the end {File.ReadAllText("/proc/loadavg").Trim()}");
Console.WriteLine("| Rows copied | copy (ours), whole process | plain SQLite reader -> Npgsql binary COPY | ratio, whole process | ratio, copy only | peak RSS ours | peak RSS plain |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
results.ForEach(Console.WriteLine);
Console.WriteLine();
Console.WriteLine($"Target: whole copy <= 1.5x plain: {ratios[0]:0.00}x -> {(ratios[0] <= 1.5 ? "met" : "**no**")}");
Console.WriteLine($"Target: peak memory flat in the row count: {peaks[1].Rows:N0} rows {peaks[1].Ours:0} MB, {peaks[0].Rows:N0} rows {peaks[0].Ours:0} MB ({peaks[0].Ours / peaks[1].Ours:0.00}x for {(double)peaks[0].Rows / peaks[1].Rows:0}x the rows) -> {(peaks[0].Ours <= peaks[1].Ours * 1.25 ? "met" : "**no**")}");
return 0;

string? OptionValue(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}

// A fresh database per run, dropped afterwards; the child reports its own copy time, rows and peak RSS.
static (double Inside, double Whole, long Rows, double PeakMb) RunChild(string mode, string source, string server)
{
    var name = "orc_copy_bench_" + Guid.NewGuid().ToString("N");
    Admin(server, $"CREATE DATABASE {name}");
    try
    {
        // No command timeout: under load a COPY of a million rows outlasts the default 30 s (ours sets the same).
        var target = new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = false, CommandTimeout = 0 }.ConnectionString;
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { typeof(PlainCopy).Assembly.Location, "child", mode, source, target })
        {
            info.ArgumentList.Add(argument);
        }

        var started = Stopwatch.GetTimestamp();
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var whole = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"child {mode} failed ({process.ExitCode}): {output}");
        }

        var parts = output.Trim().Split(' ');
        return (double.Parse(parts[0], CultureInfo.InvariantCulture), whole, long.Parse(parts[1], CultureInfo.InvariantCulture), long.Parse(parts[2], CultureInfo.InvariantCulture) / 1048576.0);
    }
    finally
    {
        Admin(server, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    }
}

static void Admin(string server, string sql)
{
    using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Pooling = false }.ConnectionString);
    connection.Open();
    using var command = new NpgsqlCommand(sql, connection);
    command.ExecuteNonQuery();
}

// In the child: the copy itself, timed from before it starts to after it commits; the peak is VmHWM
// read at the end (the run lasts seconds, so nothing is missed).
static int ChildRun(string mode, string sourcePath, string target)
{
    var started = Stopwatch.GetTimestamp();
    long rows;
    if (mode == "ours")
    {
        var report = new SqliteToPostgresCopy(new CopyOptions
        {
            SourceConnectionString = $"Data Source={sourcePath}",
            TargetConnectionString = target,
        }).Run();
        if (!report.Committed)
        {
            Console.WriteLine("verification failed");
            return 1;
        }

        rows = report.CopiedRows;
    }
    else
    {
        rows = PlainCopy.Run(sourcePath, target);
    }

    var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    using var self = Process.GetCurrentProcess();
    Console.WriteLine(FormattableString.Invariant($"{elapsed:0.0} {rows} {self.PeakWorkingSet64}"));
    return 0;
}
