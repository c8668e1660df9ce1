// The README's host wiring, verbatim apart from the service that stops the host once it has started
// and the seeding step that HostProcessTests switches on with TESTHOST_SEED=1.
using Microsoft.Data.Sqlite;

var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddOpenRouterConsoleMigrations();
builder.Services.AddHostedService<StopOnceStarted>();
using var host = builder.Build();
if (Environment.GetEnvironmentVariable("TESTHOST_SEED") != "1")
{
    return await host.RunWithConsoleMigrationsAsync();
}

return await host.RunWithConsoleMigrationsAsync(beforeStart: (services, cancellationToken) =>
{
    // Needs the latest migration's column: it runs only after the migration.
    using var connection = new SqliteConnection(builder.Configuration.GetConnectionString("Console"));
    connection.Open();
    using var command = connection.CreateCommand();
    command.CommandText = "INSERT INTO profiles (name, openrouter_preset) VALUES ('seeded', 'fast')";
    command.ExecuteNonQuery();
    Console.WriteLine("Seeded.");
    return Task.CompletedTask;
});
