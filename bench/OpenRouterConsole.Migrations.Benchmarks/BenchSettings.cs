namespace OpenRouterConsole.Migrations.Benchmarks;

/// <summary>Command line of the harness.</summary>
internal sealed record BenchSettings(
    bool Smoke,
    int Rounds,
    int RollbackRounds,
    bool Build,
    IReadOnlySet<string> Sections,
    string ArtifactsDirectory)
{
    public static readonly string[] AllSections = ["startup", "process", "rollback"];

    public const string Usage =
        "usage: dotnet run -c Release --project bench/OpenRouterConsole.Migrations.Benchmarks -- " +
        "[--smoke] [--rounds N] [--rollback-rounds N] [--no-build] [--only startup,process,rollback] [--artifacts DIR]";

    public SeedSize Seed => Smoke ? SeedSize.Smoke : SeedSize.Full;

    public static BenchSettings Parse(string[] args)
    {
        var smoke = args.Contains("--smoke");
        int? rounds = null;
        int? rollbackRounds = null;
        var build = true;
        var sections = new HashSet<string>(AllSections, StringComparer.Ordinal);
        string? artifacts = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--smoke":
                    break;
                case "--no-build":
                    build = false;
                    break;
                case "--rounds":
                    rounds = int.Parse(Value(args, ref i), System.Globalization.CultureInfo.InvariantCulture);
                    break;
                case "--rollback-rounds":
                    rollbackRounds = int.Parse(Value(args, ref i), System.Globalization.CultureInfo.InvariantCulture);
                    break;
                case "--only":
                    sections = Value(args, ref i).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
                    if (sections.Any(s => !AllSections.Contains(s)))
                    {
                        throw new ArgumentException($"--only takes {string.Join(", ", AllSections)}");
                    }

                    break;
                case "--artifacts":
                    artifacts = Path.GetFullPath(Value(args, ref i));
                    break;
                default:
                    throw new ArgumentException($"unknown argument '{args[i]}'");
            }
        }

        return new BenchSettings(
            smoke,
            rounds ?? (smoke ? 3 : 31),
            rollbackRounds ?? (smoke ? 2 : 7),
            build,
            sections,
            artifacts ?? Path.Combine(RepositoryRoot(), "artifacts", "bench"));
    }

    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "OpenRouterConsole.Migrations.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find the repository root (OpenRouterConsole.Migrations.sln) above " + AppContext.BaseDirectory);
    }

    private static string Value(string[] args, ref int i) =>
        ++i < args.Length ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value");
}
