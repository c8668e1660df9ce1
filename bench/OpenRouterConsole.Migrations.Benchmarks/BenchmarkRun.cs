using System.Globalization;
using System.Runtime.InteropServices;
using OpenRouterConsole.Migrations.Runner;
using OpenRouterConsole.Migrations.Runner.Backup;

namespace OpenRouterConsole.Migrations.Benchmarks;

/// <summary>
/// One benchmark run: build and install the programs, prepare the databases, measure every case once
/// per round beside its baselines (the order rotates each round), print the table.
/// </summary>
internal sealed class BenchmarkRun(BenchSettings settings)
{
    private readonly string _root = BenchSettings.RepositoryRoot();
    private readonly ResultTable _table = new();

    public int Execute()
    {
        var startLoad = Load();
        Console.WriteLine($"Benchmark run {(settings.Smoke ? "(smoke) " : string.Empty)}— {settings.Rounds} rounds, {settings.RollbackRounds} rollback rounds; load at start: {startLoad}");
        // Smoke: the peers and the baseline JIT-built only (publishing them ReadyToRun takes minutes).
        var programs = new Programs(_root, settings.ArtifactsDirectory, readyToRun: !settings.Smoke);
        if (settings.Build)
        {
            programs.BuildAll();
        }

        var databases = new Databases(settings.ArtifactsDirectory);
        if (settings.Sections.Contains("startup"))
        {
            StartupCheck(databases);
        }

        if (settings.Sections.Contains("process"))
        {
            WholeProcess(programs, databases);
        }

        if (settings.Sections.Contains("rollback"))
        {
            Rollback(programs, databases);
        }

        var header =
            $"## Migration benchmarks{(settings.Smoke ? " (smoke: few rounds, small data — not for comparison)" : string.Empty)}\n\n" +
            $"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; {Environment.ProcessorCount} cores ({CpuModel()}), {MemoryGigabytes():0} GB RAM; " +
            $"{RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}; load at start: {startLoad}; at end: {Load()}. " +
            $"{settings.Rounds} rounds (rollback: {settings.RollbackRounds}), each case once per round beside its baselines; " +
            "× columns are medians of the per-round ratios; peak RSS is ru_maxrss.";
        var markdown = _table.ToMarkdown(header);
        Console.WriteLine();
        Console.WriteLine(markdown);
        var resultFile = Path.Combine(settings.ArtifactsDirectory, $"results-{DateTime.UtcNow:yyyyMMdd'T'HHmmss}{(settings.Smoke ? "-smoke" : string.Empty)}.md");
        File.WriteAllText(resultFile, markdown);
        Console.WriteLine($"Written to {Path.GetRelativePath(_root, resultFile)}");
        return 0;
    }

    /// <summary>The first <c>Migrate()</c> in a fresh JIT-built host process vs open + read max(Version).</summary>
    private void StartupCheck(Databases databases)
    {
        var connectionString = Databases.ConnectionString(databases.UpToDate());
        // The host is JIT-built; the runner it references is what its package ships: ReadyToRun for
        // linux-x64 from a Release build (build/ReadyToRunLibrary.targets), as the project reference
        // here gives it too. Say which one was measured; a smoke run on linux-x64 insists on it.
        var runner = typeof(ConsoleMigrator).Assembly.Location;
        var precompiled = ReadyToRunImage.Is(runner);
        if (!precompiled && settings.Smoke && OperatingSystem.IsLinux() && RuntimeInformation.OSArchitecture == Architecture.X64)
        {
            throw new InvalidOperationException(
                $"{runner} is IL only: a Release build of the runner should be ReadyToRun on linux-x64 (build/ReadyToRunLibrary.targets). Run the benchmark with -c Release.");
        }

        var ours = new Series($"ConsoleMigrator.Migrate(), first call, JIT host (runner {(precompiled ? "ReadyToRun" : "IL only")})");
        var baseline = new Series("open + max(Version), first call, JIT host");
        Rounds("start-up check (in process)", settings.Rounds,
            (ours, () => TimedProcess.RunChild("startup-ours", connectionString)),
            (baseline, () => TimedProcess.RunChild("startup-base", connectionString)));
        _table.Add(new ResultRow("in-process check", ours, baseline));
        _table.Add(new ResultRow("in-process check", baseline, null));
        _table.AddTarget("up-to-date start-up check, first call in process, JIT host", ours.TimeRatio(baseline), 1.2);
        AddMemoryTarget("start-up check", ours, baseline);
    }

    /// <summary>
    /// <c>migrate</c> as a whole process, on an up-to-date and on a fresh file: the installed tool, its
    /// JIT build, the plain baseline and the peers, each built JIT and (unless smoke) ReadyToRun.
    /// </summary>
    private void WholeProcess(Programs programs, Databases databases)
    {
        var upToDate = Databases.ConnectionString(databases.UpToDate());
        var contestants = new List<Contestant>
        {
            new("orc-migrate as installed (ReadyToRun)", programs.InstalledTool, ["migrate", "-c", "{cs}"]),
            new("orc-migrate, dotnet build (JIT)", programs.ToolJit, ["migrate", "-c", "{cs}"]),
        };
        foreach (var publish in programs.ReadyToRun ? new[] { false, true } : [false])
        {
            var flavour = publish ? "ReadyToRun" : "JIT";
            contestants.Add(new($"plain Microsoft.Data.Sqlite ({flavour})", programs.Bench("Baselines/SqliteBaseline", publish), ["{mode}", "{cs}"]));
            contestants.Add(new($"DbUp 6 ({flavour})", programs.Bench("Peers/DbUpPeer", publish), ["{cs}"], "dbup"));
            contestants.Add(new($"Evolve 3.2 ({flavour})", programs.Bench("Peers/EvolvePeer", publish), ["{cs}"], "evolve"));
            contestants.Add(new($"plain FluentMigrator 8.0.1 ({flavour})", programs.Bench("Peers/FluentMigratorPeer", publish), ["{cs}"], "fluentmigrator"));
            contestants.Add(new($"EF Core 10 ({flavour})", programs.Bench("Peers/EfCorePeer", publish), ["{cs}"], "efcore"));
        }

        Sample Start(Contestant contestant, string connectionString, string mode) =>
            TimedProcess.Run(contestant.Executable, contestant.Arguments.Select(a => a.Replace("{cs}", connectionString, StringComparison.Ordinal).Replace("{mode}", mode, StringComparison.Ordinal))).Sample;

        // Each peer keeps its own journal table: its up-to-date database is one it migrated itself.
        string UpToDateFor(Contestant contestant) => contestant.OwnDatabase is null
            ? upToDate
            : Databases.ConnectionString(databases.MadeBy(contestant.OwnDatabase, path => Start(contestant, Databases.ConnectionString(path), "fresh")));

        var cases = new List<(Series, Func<Sample>)>();
        var upSeries = new Dictionary<Contestant, Series>();
        var freshSeries = new Dictionary<Contestant, Series>();
        foreach (var contestant in contestants)
        {
            var up = upSeries[contestant] = new Series($"{contestant.Name}, up to date");
            var fresh = freshSeries[contestant] = new Series($"{contestant.Name}, fresh file");
            var connectionString = UpToDateFor(contestant);
            cases.Add((up, () => Start(contestant, connectionString, "version")));
            cases.Add((fresh, () => Start(contestant, Databases.ConnectionString(databases.FreshPath("fresh.db")), "fresh")));
        }

        var empty = new Series("empty console (JIT)");
        var emptyProgram = programs.Bench("Baselines/EmptyConsole", publish: false);
        cases.Add((empty, () => TimedProcess.Run(emptyProgram, []).Sample));
        Rounds("whole process", settings.Rounds, [.. cases]);

        var plainJit = contestants.First(c => c.Name == "plain Microsoft.Data.Sqlite (JIT)");
        var plainReadyToRun = contestants.FirstOrDefault(c => c.Name == "plain Microsoft.Data.Sqlite (ReadyToRun)");
        foreach (var (kind, series) in new[] { ("up to date", upSeries), ("fresh file", freshSeries) })
        {
            foreach (var contestant in contestants)
            {
                var isBaseline = contestant == plainJit || contestant == plainReadyToRun;
                _table.Add(isBaseline
                    ? new ResultRow($"whole process, {kind}", series[contestant], contestant == plainJit ? empty : null)
                    : new ResultRow($"whole process, {kind}", series[contestant], series[plainJit], plainReadyToRun is null ? null : series[plainReadyToRun]));
            }
        }

        _table.Add(new ResultRow("whole process", empty, null));

        var installed = contestants[0];
        _table.AddTarget("installed tool, up-to-date migrate, × plain (JIT)", upSeries[installed].TimeRatio(upSeries[plainJit]), 1.10);
        _table.AddTarget("installed tool, fresh-file migrate, × plain (JIT)", freshSeries[installed].TimeRatio(freshSeries[plainJit]), 1.5);
        foreach (var peer in contestants.Where(c => c.Name.StartsWith("DbUp", StringComparison.Ordinal) || c.Name.StartsWith("Evolve", StringComparison.Ordinal)))
        {
            _table.AddTarget($"installed tool ahead of {peer.Name}, up to date", upSeries[installed].TimeRatio(upSeries[peer]), 1.0);
            _table.AddTarget($"installed tool ahead of {peer.Name}, fresh file", freshSeries[installed].TimeRatio(freshSeries[peer]), 1.0);
        }

        AddMemoryTarget("installed tool, up to date", upSeries[installed], upSeries[plainJit]);
        AddMemoryTarget("installed tool, fresh file", freshSeries[installed], freshSeries[plainJit]);
    }

    /// <summary>
    /// Rollback of migration 2 on the seeded (large) database as whole processes: the installed tool
    /// with its defaults (integrity check and backup) beside a plain program doing the same safety
    /// work, and both without it; then the backup alone beside a synced file copy, in process.
    /// </summary>
    private void Rollback(Programs programs, Databases databases)
    {
        var seed = databases.Seeded(settings.Seed);
        var warm = databases.Seeded(SeedSize.Warm, "warm.db");
        var note = $"{new FileInfo(seed).Length / 1048576.0:0} MB";
        var baselineProgram = programs.Bench("Baselines/SqliteBaseline", publish: programs.ReadyToRun);
        var flavour = programs.ReadyToRun ? "ReadyToRun" : "JIT";
        var tool = new Series("orc-migrate rollback, defaults (integrity check + backup)");
        var toolBare = new Series("orc-migrate rollback --no-backup --skip-integrity-check");
        var safeBaseline = new Series($"plain quick_check + backup API + DROP COLUMN ({flavour})");
        var bareBaseline = new Series($"plain DROP COLUMN + delete version ({flavour})");
        var backup = new Series("backup only (DatabaseBackup.Create), in process");
        var copySynced = new Series("File.Copy + fsync of the copy, database open under a read transaction, in process");

        Sample OnLargeCopy(Func<string, Sample> run)
        {
            var large = databases.WorkCopy(seed, "large.db");
            try
            {
                // The previous case's deletions and journal commits written out first: a case's fsync
                // then waits for its own data only, not for what its predecessor left behind.
                Databases.SettleDisk();
                return run(large);
            }
            finally
            {
                Databases.Clean(large);
            }
        }

        Sample Child(string mode) => OnLargeCopy(large =>
        {
            var small = databases.WorkCopy(warm, "warm.db");
            try
            {
                return TimedProcess.RunChild(mode, large, small);
            }
            finally
            {
                Databases.Clean(small);
            }
        });

        Sample Tool(params string[] options) => OnLargeCopy(large =>
            TimedProcess.Run(programs.InstalledTool, ["rollback", "-c", Databases.ConnectionString(large), .. options]).Sample);

        Rounds("rollback", settings.RollbackRounds,
            (tool, () => Tool()),
            (safeBaseline, () => OnLargeCopy(large => TimedProcess.Run(baselineProgram, ["rollback-safe", large]).Sample)),
            (toolBare, () => Tool("--no-backup", "--skip-integrity-check")),
            (bareBaseline, () => OnLargeCopy(large => TimedProcess.Run(baselineProgram, ["rollback", large]).Sample)));

        // The backup and its baseline as adjacent pairs (A B, B A, ...), twice as many rounds: the
        // ratio is of two copies of the same file, so only what differs between them should show.
        Rounds("backup", settings.RollbackRounds * 2 + 1,
            (backup, () => Child("backup")),
            (copySynced, () => Child("file-copy-fsync")));

        _table.Add(new ResultRow("rollback of 2, whole process", tool, safeBaseline, bareBaseline, note));
        _table.Add(new ResultRow("rollback of 2, whole process", safeBaseline, bareBaseline, null, note));
        _table.Add(new ResultRow("rollback of 2, whole process", toolBare, bareBaseline, null, note));
        _table.Add(new ResultRow("rollback of 2, whole process", bareBaseline, null, null, note));
        _table.Add(new ResultRow("backup", backup, copySynced, null, note));
        _table.Add(new ResultRow("backup", copySynced, null, null, note));
        _table.AddTarget("rollback of 2, large DB, defaults, × plain with the same safety work", tool.TimeRatio(safeBaseline), 1.3);
        _table.AddTarget("rollback of 2, large DB, no backup or check, × plain", toolBare.TimeRatio(bareBaseline), 1.2);
        _table.AddTarget("backup of the large DB × File.Copy + fsync", backup.TimeRatio(copySynced), 1.0);
        AddMemoryTarget("rollback of 2, defaults", tool, safeBaseline);
    }

    private void AddMemoryTarget(string name, Series value, Series baseline)
    {
        if (value.RssRatio(baseline) is { } ratio)
        {
            _table.AddTarget($"peak RSS, {name}", ratio, 1.2);
        }
    }

    /// <summary>
    /// Runs every case once per round, after one discarded warm-up round. The order rotates and turns
    /// round every other round (two cases: A B, B A, B A, A B, ...), so that no case always runs first
    /// or after the same neighbour.
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
                var offset = round / 2;
                var index = round % 2 == 0 ? (offset + i) % cases.Length : (offset + cases.Length - 1 - i) % cases.Length;
                var (series, run) = cases[index];
                series.Add(run());
            }
        }

        Console.WriteLine();
    }

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
