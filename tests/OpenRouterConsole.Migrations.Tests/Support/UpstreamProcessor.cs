using FluentMigrator.Runner;
using FluentMigrator.Runner.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OpenRouterConsole.Migrations.Tests.Support;

/// <summary>
/// FluentMigrator's plain runner over the migration assembly with one of its processors, as upstream
/// <c>dotnet-fm -p NAME</c> builds it (its defaults: one transaction per migration), writing the SQL it
/// runs to <see cref="Sql"/>.
/// </summary>
public sealed class UpstreamProcessor : IDisposable
{
    private readonly ServiceProvider _services;

    private UpstreamProcessor(Action<IMigrationRunnerBuilder> addProcessor, string connectionString)
    {
        _services = new ServiceCollection()
            .AddFluentMigratorCore()
            .ConfigureRunner(runner =>
            {
                addProcessor(runner);
                runner.WithGlobalConnectionString(connectionString).ScanIn(MigrationsAssembly.Assembly).For.All();
            })
            .AddLogging(logging => logging.AddProvider(new SqlScriptFluentMigratorLoggerProvider(
                Sql, new SqlScriptFluentMigratorLoggerOptions { ShowSql = true }, disposeWriter: false)))
            .BuildServiceProvider(validateScopes: false);
        Runner = _services.GetRequiredService<IMigrationRunner>();
    }

    /// <summary>The processors the assembly must work with, by the name <c>dotnet-fm -p</c> would take.</summary>
    public static readonly IReadOnlyDictionary<string, Action<IMigrationRunnerBuilder>> Processors =
        new Dictionary<string, Action<IMigrationRunnerBuilder>>
        {
            ["sqlite"] = r => r.AddSQLite(),
            ["postgres"] = r => r.AddPostgres(),
            ["postgres92"] = r => r.AddPostgres92(),
            ["postgres10_0"] = r => r.AddPostgres10_0(),
            ["postgres11_0"] = r => r.AddPostgres11_0(),
            ["postgres15_0"] = r => r.AddPostgres15_0(),
        };

    public StringWriter Sql { get; } = new();

    public IMigrationRunner Runner { get; }

    public static UpstreamProcessor Create(string processor, string connectionString) => new(Processors[processor], connectionString);

    /// <summary>The SQL written so far, and a fresh start for what comes next.</summary>
    public string TakeSql()
    {
        var text = Sql.ToString();
        Sql.GetStringBuilder().Clear();
        return text;
    }

    public void Dispose() => _services.Dispose();
}
