using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenRouterConsole.Migrations.Runner;
using OpenRouterConsole.Migrations.Runner.Hosting;

// In this namespace so that a host's Program.cs needs no extra using.
namespace Microsoft.Extensions.DependencyInjection;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Migrates the console database to the latest version while the host starts, before any hosted
    /// service (such as ASP.NET Core's server) starts serving. A failure stops start-up.
    /// The connection string comes from <paramref name="configure"/>, else configuration
    /// <c>ConnectionStrings:Console</c>, else <c>Data Source=console.db</c>.
    /// </summary>
    public static IServiceCollection AddOpenRouterConsoleMigrations(this IServiceCollection services, Action<MigrationOptions>? configure = null)
    {
        var options = services.AddOptions<MigrationOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.PostConfigure<IServiceProvider>((o, provider) =>
            o.ConnectionString ??= provider.GetService<IConfiguration>()?.GetConnectionString("Console"));

        services.TryAddSingleton(provider => new ConsoleMigrator(
            provider.GetRequiredService<IOptions<MigrationOptions>>().Value,
            provider.GetService<ILogger<ConsoleMigrator>>()));
        services.AddHostedService<DatabaseMigrationHostedService>();
        return services;
    }
}
