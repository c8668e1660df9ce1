using System.Globalization;
using System.Runtime.InteropServices;

namespace OpenRouterConsole.Migrations.Benchmarks;

/// <summary>
/// One benchmark run: publish, prepare the databases, measure every case interleaved with its
/// baseline (the order rotates each round, so drift in machine load hits both alike), print the table.
/// </summary>
internal sealed class BenchmarkRun(BenchSettings settings)
{
    private readonly string _root = BenchSettings.RepositoryRoot();
    private readonly ResultTable _table = new();

    public int Execute()
    {
        var startLoad = Load();
        Console.WriteLine($"Benchmark run {(settings.Smoke ? "(smoke) " : string.Empty)}— {settings.Rounds} rounds, {settings.RollbackRounds} rollback rounds; load at start: {startLoad}");
        var publisher = new Publisher(_root, settings.ArtifactsDirectory);
        if (settings.Publish)
        {
            publisher.PublishAll();
        }

        var databases = new Databases(settings.ArtifactsDirectory);
        if (settings.Sections.Contains("startup"))
        {
            StartupCheck(publisher, databases);
        }

        if (settings.Sections.Contains("process"))
        {
            WholeProcess(publisher, databases);
        }

        if (settings.Sections.Contains("rollback"))
        {
            Rollback(publisher, databases);
        }

        var header =
            $"## Migration benchmarks{(settings.Smoke ? " (smoke: few rounds, small data — not for comparison)" : string.Empty)}\n\n" +
            $"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; {Environment.ProcessorCount} cores ({CpuModel()}), {MemoryGigabytes():0} GB RAM; " +
            $"{RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}; load at start: {startLoad}; at end: {Load()}. " +
            $"Medians of {settings.Rounds} rounds (rollback: {settings.RollbackRounds}), interleaved with their baselines; peak RSS is ru_maxrss.";
        var markdown = _table.ToMarkdown(header);
        Console.WriteLine();
        Console.WriteLine(markdown);
        var resultFile = Path.Combine(settings.ArtifactsDirectory, $"results-{DateTime.UtcNow:yyyyMMdd'T'HHmmss}{(settings.Smoke ? "-smoke" : string.Empty)}.md");
        File.WriteAllText(resultFile, markdown);
        Console.WriteLine($"Written to {Path.GetRelativePath(_root, resultFile)}");
        return 0;
    }

    /// <summary>Item 1: the first <c>Migrate()</c> in a fresh process vs open + read max(Version).</summary>
    private void StartupCheck(Publisher publisher, Databases databases)
    {
        var connectionString = Databases.ConnectionString(databases.UpToDate());
        var ours = new Series("ConsoleMigrator.Migrate(), first call");
        var baseline = new Series("open + max(Version), first call");
        Rounds("start-up check (in process)", settings.Rounds,
            (ours, () => TimedProcess.RunChild(publisher.Bench, "startup-ours", connectionString)),
            (baseline, () => TimedProcess.RunChild(publisher.Bench, "startup-base", connectionString)));
        _table.Add(new ResultRow("1 in-process check", ours, baseline));
        _table.Add(new ResultRow("1 in-process check", baseline, null));
        _table.AddTarget("up-to-date start-up check, first call in process", Ratio(ours, baseline), 1.2);
    }

    /// <summary>Item 2: <c>dotnet tool.dll migrate</c> as a whole process, up to date and on a fresh file.</summary>
    private void WholeProcess(Publisher publisher, Databases databases)
    {
        var upToDate = Databases.ConnectionString(databases.UpToDate());
        var toolUpToDate = new Series("tool migrate, up to date");
        var baseUpToDate = new Series("baseline open + max(Version)");
        var toolFresh = new Series("tool migrate, fresh file");
        var baseFresh = new Series("baseline create v2 schema + VersionInfo");
        var empty = new Series("empty console");

        Sample Fresh(string dll, params string[] arguments)
        {
            var path = databases.FreshPath("fresh.db");
            return TimedProcess.Run("dotnet", [dll, .. arguments.Select(a => a.Replace("{db}", Databases.ConnectionString(path), StringComparison.Ordinal))]).Sample;
        }

        Rounds("whole process", settings.Rounds,
            (toolUpToDate, () => TimedProcess.Run("dotnet", [publisher.Tool, "migrate", "-c", upToDate]).Sample),
            (baseUpToDate, () => TimedProcess.Run("dotnet", [publisher.SqliteBaseline, "version", upToDate]).Sample),
            (toolFresh, () => Fresh(publisher.Tool, "migrate", "-c", "{db}")),
            (baseFresh, () => Fresh(publisher.SqliteBaseline, "fresh", "{db}")),
            (empty, () => TimedProcess.Run("dotnet", [publisher.EmptyConsole]).Sample));

        _table.Add(new ResultRow("2 whole process", toolUpToDate, baseUpToDate));
        _table.Add(new ResultRow("2 whole process", baseUpToDate, empty));
        _table.Add(new ResultRow("2 whole process", toolFresh, baseFresh));
        _table.Add(new ResultRow("2 whole process", baseFresh, empty));
        _table.Add(new ResultRow("2 whole process", empty, null));
        _table.AddTarget("tool migrate, up-to-date file, whole process", Ratio(toolUpToDate, baseUpToDate), 1.15);
        _table.AddTarget("tool migrate, fresh file, whole process", Ratio(toolFresh, baseFresh), 1.5);
        if (toolUpToDate.MedianPeakRssMegabytes is { } rss && baseUpToDate.MedianPeakRssMegabytes is { } baseRss)
        {
            _table.AddTarget("peak RSS of the up-to-date migrate (whole process)", rss / baseRss, 1.2);
        }
    }

    /// <summary>Item 3: rollback of migration 2 on the large database, with and without backup.</summary>
    private void Rollback(Publisher publisher, Databases databases)
    {
        var seed = databases.Seeded(settings.Seed);
        var warm = databases.Seeded(SeedSize.Warm, "warm.db");
        var note = $"{new FileInfo(seed).Length / 1048576.0:0} MB";
        var ours = new Series("rollback 2, no backup");
        var oursUnchecked = new Series("rollback 2, no backup, no integrity check");
        var oursBackup = new Series("rollback 2, with backup");
        var baseline = new Series("baseline DROP COLUMN + delete version");
        var backup = new Series("backup only (DatabaseBackup.Create)");
        var copy = new Series("File.Copy of the database");
        var copySynced = new Series("File.Copy + fsync of the copy");

        Sample Child(string mode)
        {
            var large = databases.WorkCopy(seed, "large.db");
            var small = databases.WorkCopy(warm, "warm.db");
            try
            {
                return TimedProcess.RunChild(publisher.Bench, mode, large, small);
            }
            finally
            {
                Databases.Clean(large);
                Databases.Clean(small);
            }
        }

        Rounds("rollback", settings.RollbackRounds,
            (ours, () => Child("rollback-ours")),
            (oursUnchecked, () => Child("rollback-ours-unchecked")),
            (baseline, () => Child("rollback-base")),
            (oursBackup, () => Child("rollback-ours-backup")),
            (backup, () => Child("backup")),
            (copy, () => Child("file-copy")),
            (copySynced, () => Child("file-copy-fsync")));

        _table.Add(new ResultRow("3 rollback (warm, in process)", ours, baseline, note));
        _table.Add(new ResultRow("3 rollback (warm, in process)", oursUnchecked, baseline, note));
        _table.Add(new ResultRow("3 rollback (warm, in process)", oursBackup, baseline, note));
        _table.Add(new ResultRow("3 rollback (warm, in process)", baseline, null, note));
        _table.Add(new ResultRow("3 rollback (warm, in process)", backup, copy, note));
        _table.Add(new ResultRow("3 rollback (warm, in process)", backup, copySynced, note));
        _table.Add(new ResultRow("3 rollback (warm, in process)", copy, null, note));
        _table.Add(new ResultRow("3 rollback (warm, in process)", copySynced, copy, note));
        // The baseline checks nothing; the like-for-like figure is ours with the integrity check off
        // (on by default: PRAGMA quick_check reads the whole file, about as long as a backup takes).
        _table.AddTarget("rollback of migration 2, large DB, no backup, no integrity check", Ratio(oursUnchecked, baseline), 1.2);
        _table.AddTarget("rollback of migration 2, large DB, no backup, default integrity check", Ratio(ours, baseline), 1.2);
        _table.AddTarget("backup of the large DB vs File.Copy", Ratio(backup, copy), 2.0);
    }

    /// <summary>
    /// Runs every case once per round, after one discarded warm-up round; the order rotates each
    /// round so that no case always runs first or after the same neighbour.
    /// </summary>
    private static void Rounds(string title, int rounds, params (Series Series, Func<Sample> Run)[] cases)
    {
        Console.Write($"{title}: warm-up");
        foreach (var (_, run) in cases)
        {
            run();
        }

        for (var round = 0; round < rounds; round++)
        {
            Console.Write($" {round + 1}");
            for (var i = 0; i < cases.Length; i++)
            {
                var index = round % 2 == 0 ? (i + round) % cases.Length : (cases.Length - 1 - i + round) % cases.Length;
                var (series, run) = cases[index];
                series.Add(run());
            }
        }

        Console.WriteLine();
    }

    private static double Ratio(Series value, Series baseline) => value.MedianMilliseconds / baseline.MedianMilliseconds;

    private static string Load()
    {
        try
        {
            var parts = File.ReadAllText("/proc/loadavg").Split(' ');
            return $"{parts[0]} {parts[1]} {parts[2]} (1/5/15 min)";
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static string CpuModel()
    {
        try
        {
            return File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        }
        catch (IOException)
        {
            return "unknown CPU";
        }
    }

    private static double MemoryGigabytes()
    {
        try
        {
            var line = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
            return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1048576.0;
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }

}
