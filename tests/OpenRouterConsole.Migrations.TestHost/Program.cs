// The README's host wiring, verbatim apart from the service that stops the host once it has started.
var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddOpenRouterConsoleMigrations();
builder.Services.AddHostedService<StopOnceStarted>();
using var host = builder.Build();
return await host.RunWithConsoleMigrationsAsync();
