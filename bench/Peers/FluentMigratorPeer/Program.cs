using FluentMigrator.Runner;
using Microsoft.Extensions.DependencyInjection;
using OpenRouterConsole.Migrations;

// Plain FluentMigrator: a service container, the SQLite runner, the migration assembly scanned.
using var services = new ServiceCollection()
    .AddFluentMigratorCore()
    .ConfigureRunner(runner => runner
        .AddSQLite()
        .WithGlobalConnectionString(args[0])
        .ScanIn(typeof(MigrationsAssembly).Assembly).For.Migrations().For.EmbeddedResources())
    .BuildServiceProvider(false);
using var scope = services.CreateScope();
scope.ServiceProvider.GetRequiredService<IMigrationRunner>().MigrateUp();
Console.WriteLine("migrated");
return 0;
