using FluentMigrator.Runner;
using FluentMigrator.Runner.Processors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenRouterConsole.Migrations.Runner.History;

namespace OpenRouterConsole.Migrations.Runner.Copy;

/// <summary>
/// FluentMigrator's PostgreSQL processor over the migration assembly, holding one open transaction
/// on the target. The copy runs its COPY statements over the same connection, so the schema, the
/// version rows and every copied row commit together or not at all.
/// </summary>
/// <remarks>
/// Not the runner's migration path: the copy brings an empty target to the source's version and needs
/// no lock file, backup or drift check. Its history rows are the runner's, written by <see cref="PostgresMigrationHistory"/>.
/// </remarks>
internal sealed class PostgresSchemaSession : IDisposable
{
    private static readonly PostgresMigrationHistory History = new(MigrationCatalog.Console);

    private readonly ServiceProvider _services;
    private readonly MigrationRunner _runner;
    private readonly IMigrationScope _scope;

    public PostgresSchemaSession(string connectionString)
    {
        _services = new ServiceCollection()
            .AddFluentMigratorCore()
            .ConfigureRunner(runner => runner
                .AddPostgres()
                .WithGlobalConnectionString(connectionString)
                .ScanIn(MigrationsAssembly.Assembly).For.All())
            .AddLogging(logging => logging.ClearProviders())
            .BuildServiceProvider(validateScopes: false);
        _runner = (MigrationRunner)_services.GetRequiredService<IMigrationRunner>();
        // Begun before anything reads or creates VersionInfo, so that its creation is part of the transaction.
        _scope = _runner.BeginScope();
        Connection = (NpgsqlConnection)((GenericProcessorBase)_runner.Processor).Connection;
    }

    /// <summary>The processor's connection, inside the open transaction.</summary>
    public NpgsqlConnection Connection { get; }

    /// <summary>Applies every migration up to <paramref name="version"/> that the target does not record.</summary>
    public void MigrateUpTo(long version)
    {
        _runner.VersionLoader.LoadVersionInfo();
        var migrations = _runner.MigrationLoader.LoadMigrations();
        foreach (var (migrationVersion, migration) in migrations)
        {
            if (migrationVersion > version || _runner.VersionLoader.VersionInfo.HasAppliedMigration(migrationVersion))
            {
                continue;
            }

            try
            {
                // ApplyMigrationUp joins the open transaction (MigrateUp would first roll it back).
                _runner.ApplyMigrationUp(migration, useTransaction: true);
                // The runner's history, as its PostgreSQL provider writes it: without the checksum row every
                // later start would take the slower status read and could not tell a changed script.
                History.Record(_runner, new MigrationStep(migrationVersion, migration.Description, MigrationDirection.Up, migrationVersion));
            }
            catch (Exception ex) when (ex is not MigrationException)
            {
                throw MigrationException.Failed($"Migration {migrationVersion} failed on the target: {ex.Innermost().Message}", ex);
            }
        }
    }

    public void Commit() => _scope.Complete();

    public void Dispose()
    {
        // Without Complete, disposing the scope rolls the transaction back.
        _scope.Dispose();
        _services.Dispose();
    }
}
