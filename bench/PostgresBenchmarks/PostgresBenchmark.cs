using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace OpenRouterConsole.Migrations.PostgresBenchmarks;

/// <summary>
/// Whole-process wall time of the published tool beside the published plain-Npgsql baseline, on the
/// same server, paired: every round runs both, in alternating order, after one discarded warm-up round.
/// Cases: <c>migrate</c> on an up-to-date database (baseline: connect + max(Version)) and on a fresh
/// empty database (baseline: the same scripts and VersionInfo rows in one transaction).
/// </summary>
internal sealed class PostgresBenchmark(string serverConnectionString, int rounds)
{
    private static readonly string Root = FindRoot();
    private static readonly string Publish = Path.Combine(Root, "artifacts", "bench-postgres", "publish");

    public int Run()
    {
        Console.WriteLine($"PostgreSQL benchmark, {rounds} rounds; load {File.ReadAllText("/proc/loadavg").Trim()}");
        var tool = PublishProject("src/OpenRouterConsole.Migrations.Cli", "tool", "OpenRouterConsole.Migrations.Cli.dll");
        var baseline = PublishProject("bench/Baselines/NpgsqlBaseline", "baseline", "NpgsqlBaseline.dll");

        var upToDate = CreateDatabase();
        try
        {
            RunChecked(tool, ["migrate", "--no-backup", "-c", upToDate]);
            var check = Paired(
                () => RunChecked(tool, ["migrate", "-c", upToDate]),
                () => RunChecked(baseline, ["version", upToDate]));
            var fresh = Paired(
                () => OnFreshDatabase(cs => RunChecked(tool, ["migrate", "--no-backup", "-c", cs])),
                () => OnFreshDatabase(cs => RunChecked(baseline, ["fresh", cs])));

            Console.WriteLine();
            Console.WriteLine("| Case | Ours | Plain Npgsql | Ratio | Target |");
            Console.WriteLine("|---|---:|---:|---:|---:|");
            var checkMet = Row("Tool `migrate`, up-to-date database, whole process", check, 1.2);
            var freshMet = Row("Tool `migrate`, fresh database, whole process", fresh, 2.0);
            Console.WriteLine();
            Console.WriteLine($"up-to-date <= 1.2x: {(checkMet ? "met" : "**no**")}; fresh <= 2x: {(freshMet ? "met" : "**no**")}");
            Console.WriteLine($"load at the end {File.ReadAllText("/proc/loadavg").Trim()}");
            return 0;
        }
        finally
        {
            DropDatabase(upToDate);
        }
    }

    private (List<double> Ours, List<double> Baseline) Paired(Func<double> ours, Func<double> baseline)
    {
        var (a, b) = (new List<double>(), new List<double>());
        for (var round = 0; round <= rounds; round++)
        {
            double x, y;
            if (round % 2 == 0)
            {
                x = ours();
                y = baseline();
            }
            else
            {
                y = baseline();
                x = ours();
            }

            if (round > 0)
            {
                a.Add(x);
                b.Add(y);
            }
        }

        return (a, b);
    }

    private static bool Row(string name, (List<double> Ours, List<double> Baseline) samples, double target)
    {
        var ours = Median(samples.Ours);
        var baseline = Median(samples.Baseline);
        var ratio = ours / baseline;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {ours:0.0} ms | {baseline:0.0} ms | {ratio:0.00}x | <= {target}x |"));
        return ratio <= target;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private double OnFreshDatabase(Func<string, double> run)
    {
        var database = CreateDatabase();
        try
        {
            return run(database);
        }
        finally
        {
            DropDatabase(database);
        }
    }

    /// <summary>Runs a published program (`dotnet x.dll ...`) and returns its wall time in ms; any failure ends the run.</summary>
    private static double RunChecked(string dll, string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        var elapsed = clock.Elapsed.TotalMilliseconds;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(dll)} {arguments[0]} failed ({process.ExitCode}): {stderr.Result}{stdout.Result}");
        }

        return elapsed;
    }

    private string CreateDatabase()
    {
        var name = "orc_bench_" + Guid.NewGuid().ToString("N");
        Admin($"CREATE DATABASE {name}");
        return new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = name }.ConnectionString;
    }

    private void DropDatabase(string connectionString) =>
        Admin($"DROP DATABASE IF EXISTS {new NpgsqlConnectionStringBuilder(connectionString).Database} WITH (FORCE)");

    private void Admin(string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(serverConnectionString) { Pooling = false }.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private static string PublishProject(string project, string folder, string dll)
    {
        var output = Path.Combine(Publish, folder);
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true };
        foreach (var argument in new[] { "publish", Path.Combine(Root, project), "-c", "Release", "-o", output, "--nologo", "-v", "q" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish {project} failed");
        }

        return Path.Combine(output, dll);
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "OpenRouterConsole.Migrations.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Run from inside the repository.");
    }
}
