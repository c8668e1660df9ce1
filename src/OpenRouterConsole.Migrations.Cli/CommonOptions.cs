using System.CommandLine;
using System.Globalization;
using OpenRouterConsole.Migrations.Runner;
using OpenRouterConsole.Migrations.Runner.Providers;

namespace OpenRouterConsole.Migrations.Cli;

/// <summary>
/// The options every verb shares. They are recursive on the root command, so they may stand
/// anywhere on the line: before the verb, between verb and sub-verb, or at the end.
/// </summary>
internal sealed class CommonOptions
{
    /// <summary>Read when --connection is not given, like the host's <c>ConnectionStrings:Console</c>.</summary>
    public const string ConnectionStringVariable = "ConnectionStrings__Console";

    public Option<string?> Connection { get; } = new("--connection", "-c")
    {
        Description = $"Connection string: \"Data Source=FILE\" (SQLite) or \"Host=…;Database=…;Username=…\" (PostgreSQL) (default: ${ConnectionStringVariable}, else \"{MigrationOptions.DefaultConnectionString}\").",
        HelpName = "CS",
        Recursive = true,
    };

    public Option<bool> Preview { get; } = new("--preview")
    {
        Description = "Print the SQL that would run; change nothing and create no file.",
        Recursive = true,
    };

    public Option<FileInfo?> Output { get; } = new("--output", "-o")
    {
        Description = "Write the SQL to FILE (with --preview the SQL that would run, else the SQL that ran).",
        HelpName = "FILE",
        Recursive = true,
    };

    public Option<bool> NoBackup { get; } = new("--no-backup")
    {
        Description = "Do not back up the database before changing it.",
        Recursive = true,
    };

    public Option<int> KeepBackups { get; } = new("--keep-backups")
    {
        Description = "How many backups of the database to keep.",
        HelpName = "N",
        DefaultValueFactory = _ => 5,
        CustomParser = result => ParseNumber(result, int.TryParse, 5, "--keep-backups must be a whole number"),
        Recursive = true,
    };

    public Option<double> Timeout { get; } = new("--timeout")
    {
        Description = "Seconds to wait for another process that holds the migration lock.",
        HelpName = "SECONDS",
        DefaultValueFactory = _ => 60,
        CustomParser = result => ParseNumber(result, double.TryParse, 60.0, "--timeout must be a number of seconds"),
        Recursive = true,
    };

    public Option<string> Processor { get; } = new("--processor", "-p")
    {
        Description = "Database processor: \"sqlite\" or \"postgres\" (default: what the connection string names).",
        HelpName = "NAME",
        DefaultValueFactory = _ => "sqlite",
        Recursive = true,
    };

    public Option<bool> AllowNewer { get; } = new("--allow-newer")
    {
        Description = "Migrate a database that records versions this tool does not know (never for rollback).",
        Recursive = true,
    };

    public Option<bool> AllowDrift { get; } = new("--allow-drift")
    {
        Description = "Migrate even though the live schema differs from its recorded version (see 'verify').",
        Recursive = true,
    };

    public Option<bool> AllowChangedScripts { get; } = new("--allow-changed-scripts")
    {
        Description = "Migrate with a warning, instead of refusing, when an applied migration's script changed since it was applied.",
        Recursive = true,
    };

    public Option<bool> SkipIntegrityCheck { get; } = new("--skip-integrity-check")
    {
        Description = "Do not run PRAGMA quick_check before changing the database.",
        Recursive = true,
    };

    public Option<bool> Verbose { get; } = new("--verbose", "-v")
    {
        Description = "Print stack traces on errors.",
        Recursive = true,
    };

    public CommonOptions()
    {
        // Found while parsing, before any file is touched. (Number ranges are checked in
        // CreateMigrator: a validator here would run even when the number failed to parse.)
        Processor.Validators.Add(result =>
        {
            var processor = result.GetValueOrDefault<string>();
            if (ProcessorProvider(processor) is null)
            {
                result.AddError($"Unsupported processor '{processor}': use sqlite or postgres.");
            }
        });
    }

    private delegate bool TryParse<T>(string text, NumberStyles style, IFormatProvider provider, out T value);

    // Instead of System.CommandLine's "Cannot parse argument 'abc' ... as expected type 'System.Double'".
    private static T ParseNumber<T>(System.CommandLine.Parsing.ArgumentResult result, TryParse<T> tryParse, T fallback, string expectation)
    {
        if (result.Tokens.Count == 0)
        {
            return fallback;
        }

        var text = result.Tokens[^1].Value;
        if (tryParse(text, NumberStyles.Float & ~NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        result.AddError($"{expectation}, not '{text}'.");
        return fallback;
    }

    public void AddTo(Command root)
    {
        root.Options.Add(Connection);
        root.Options.Add(Preview);
        root.Options.Add(Output);
        root.Options.Add(NoBackup);
        root.Options.Add(KeepBackups);
        root.Options.Add(Timeout);
        root.Options.Add(Processor);
        root.Options.Add(AllowNewer);
        root.Options.Add(AllowDrift);
        root.Options.Add(AllowChangedScripts);
        root.Options.Add(SkipIntegrityCheck);
        root.Options.Add(Verbose);
    }

    /// <summary>
    /// The connection string: --connection, else the environment variable, else the default. An explicit
    /// -p must agree with it (the provider itself always follows the connection string).
    /// </summary>
    public string ConnectionString(ParseResult parseResult)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(ConnectionStringVariable);
        var connectionString = parseResult.GetValue(Connection)
            ?? (string.IsNullOrWhiteSpace(fromEnvironment) ? MigrationOptions.DefaultConnectionString : fromEnvironment);
        if (parseResult.GetResult(Processor) is { Implicit: false }
            && ProcessorProvider(parseResult.GetValue(Processor)) is { } requested
            && requested != DatabaseProviders.Detect(connectionString))
        {
            throw new MigrationException(MigrationErrorKind.Usage, requested == DatabaseProvider.Postgres
                ? "-p postgres needs a PostgreSQL connection string: -c \"Host=SERVER;Database=NAME;Username=USER;Password=…\"."
                : "-p sqlite needs a SQLite connection string: -c \"Data Source=FILE\".");
        }

        return connectionString;
    }

    /// <summary>Fires on Ctrl+C or SIGTERM; every operation is given it.</summary>
    public CancellationToken Cancellation { get; init; }

    public DatabaseProvider Provider(ParseResult parseResult) => DatabaseProviders.Detect(ConnectionString(parseResult));

    // dotnet-fm's names: postgres, postgresql, postgres15_0, ...
    private static DatabaseProvider? ProcessorProvider(string? processor) => processor?.ToLowerInvariant() switch
    {
        "sqlite" => DatabaseProvider.Sqlite,
        { } name when name.StartsWith("postgres", StringComparison.Ordinal) => DatabaseProvider.Postgres,
        _ => null,
    };

    /// <param name="captureSql">Keep the SQL a run executes in its report (for -o).</param>
    public ConsoleMigrator CreateMigrator(ParseResult parseResult, bool captureSql = false)
    {
        var migratorOptions = CreateMigratorOptions(parseResult);
        migratorOptions.CaptureSql = captureSql;
        return new ConsoleMigrator(migratorOptions, new StderrLogger(parseResult.InvocationConfiguration.Error));
    }

    public MigrationOptions CreateMigratorOptions(ParseResult parseResult)
    {
        var keep = parseResult.GetValue(KeepBackups);
        if (keep < 1)
        {
            throw new MigrationException(MigrationErrorKind.Usage, $"--keep-backups must be 1 or more, not {keep} (use --no-backup to take none).");
        }

        var seconds = parseResult.GetValue(Timeout);
        if (!(seconds >= 0 && seconds <= TimeSpan.MaxValue.TotalSeconds))
        {
            throw new MigrationException(MigrationErrorKind.Usage, $"--timeout must be a number of seconds, 0 or more, not {seconds.ToString(CultureInfo.InvariantCulture)}.");
        }

        return new MigrationOptions
        {
            ConnectionString = ConnectionString(parseResult),
            BackupEnabled = !parseResult.GetValue(NoBackup),
            BackupsToKeep = keep,
            LockTimeout = TimeSpan.FromSeconds(seconds),
            AllowNewerDatabase = parseResult.GetValue(AllowNewer),
            AllowSchemaDrift = parseResult.GetValue(AllowDrift),
            AllowChangedScripts = parseResult.GetValue(AllowChangedScripts),
            IntegrityCheck = !parseResult.GetValue(SkipIntegrityCheck),
        };
    }

    /// <summary>For verbs that have no use for an option: say so rather than silently ignore it.</summary>
    public static void Reject(ParseResult parseResult, Option option, string verb)
    {
        if (parseResult.GetResult(option) is { Implicit: false })
        {
            throw new MigrationException(MigrationErrorKind.Usage, $"'{verb}' does not take {option.Name}.");
        }
    }
}
