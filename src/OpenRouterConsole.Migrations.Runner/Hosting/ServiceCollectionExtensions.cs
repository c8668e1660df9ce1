using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenRouterConsole.Migrations.Runner;
using OpenRouterConsole.Migrations.Runner.Hosting;

// In this namespace so that a host's Program.cs needs no extra using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the start-up migration of the console database: <c>services.AddOpenRouterConsoleMigrations()</c>.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>The configuration section the options bind from unless the caller names another.</summary>
    public const string DefaultConfigurationSection = "Migrations";

    /// <summary>
    /// Migrates the console database to the latest version while the host starts, before any hosted
    /// service (such as ASP.NET Core's server) starts serving. A failure stops start-up.
    /// Options come from <paramref name="configure"/>, then the configuration section
    /// <paramref name="configurationSection"/> (so environment variables such as
    /// <c>Migrations__BackupsToKeep</c> override code), and are validated when the host starts.
    /// The connection string: the options, else configuration <c>ConnectionStrings:Console</c>,
    /// else <c>Data Source=console.db</c>.
    /// </summary>
    public static IServiceCollection AddOpenRouterConsoleMigrations(
        this IServiceCollection services,
        Action<MigrationOptions>? configure = null,
        string configurationSection = DefaultConfigurationSection)
    {
        var options = services.AddOptions<MigrationOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        // After the code's settings: an operator overrides them without a rebuild.
        options.Configure<IServiceProvider>((o, provider) =>
            provider.GetService<IConfiguration>()?.GetSection(configurationSection).Bind(o));
        options.PostConfigure<IServiceProvider>((o, provider) =>
            o.ConnectionString ??= provider.GetService<IConfiguration>()?.GetConnectionString("Console"));
        services.AddSingleton<IValidateOptions<MigrationOptions>>(new MigrationOptionsValidator(configurationSection));
        options.ValidateOnStart();

        services.TryAddSingleton(provider => new ConsoleMigrator(
            provider.GetRequiredService<IOptions<MigrationOptions>>().Value,
            provider.GetService<ILogger<ConsoleMigrator>>()));
        services.TryAddSingleton<MigratedDatabases>();
        services.AddHostedService<DatabaseMigrationHostedService>();
        return services;
    }
}
