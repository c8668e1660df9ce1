using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenRouterConsole.Migrations.Runner;
using OpenRouterConsole.Migrations.Runner.Hosting;

// In this namespace so that a host's Program.cs needs no extra using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the console database's health check: <c>services.AddHealthChecks().AddOpenRouterConsoleDatabase()</c>.</summary>
public static class HealthChecksBuilderExtensions
{
    /// <summary>The name the check is registered under unless the caller gives another.</summary>
    public const string DefaultName = "console-database";

    /// <summary>
    /// Checks the console database configured by <c>AddOpenRouterConsoleMigrations</c>: healthy at
    /// the latest version; <paramref name="failureStatus"/> (default Unhealthy) when migrations are
    /// pending, the database is newer than the code, or its schema drifted.
    /// </summary>
    public static IHealthChecksBuilder AddOpenRouterConsoleDatabase(
        this IHealthChecksBuilder builder,
        string name = DefaultName,
        HealthStatus? failureStatus = null,
        IEnumerable<string>? tags = null) =>
        builder.Add(new HealthCheckRegistration(
            name,
            provider => new ConsoleDatabaseHealthCheck(provider.GetService<ConsoleMigrator>()
                ?? throw new InvalidOperationException("The console database health check needs services.AddOpenRouterConsoleMigrations().")),
            failureStatus,
            tags));
}
