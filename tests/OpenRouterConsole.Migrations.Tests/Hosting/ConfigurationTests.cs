using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenRouterConsole.Migrations.Runner;
using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.Hosting;

/// <summary>AddOpenRouterConsoleMigrations binds its options from configuration and validates them when the host starts.</summary>
public sealed class ConfigurationTests
{
    [Test]
    public async Task MigrationsSection_BindsEveryOptionAndMigratesTheNamedFile()
    {
        using var database = new TestDatabase();
        using var host = TestHosts.Build(builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Migrations:ConnectionString"] = database.ConnectionString,
                ["Migrations:BackupEnabled"] = "false",
                ["Migrations:BackupsToKeep"] = "2",
                ["Migrations:LockTimeout"] = "00:00:07",
                ["Migrations:AllowNewerDatabase"] = "true",
                ["Migrations:AllowSchemaDrift"] = "true",
                ["Migrations:AllowChangedScripts"] = "true",
                ["Migrations:CaptureSql"] = "true",
                ["Migrations:IntegrityCheck"] = "false",
            });
            builder.Services.AddOpenRouterConsoleMigrations();
        });

        var options = host.Services.GetRequiredService<IOptions<MigrationOptions>>().Value;
        options.ShouldBeEquivalentTo(new MigrationOptions
        {
            ConnectionString = database.ConnectionString,
            BackupEnabled = false,
            BackupsToKeep = 2,
            LockTimeout = TimeSpan.FromSeconds(7),
            AllowNewerDatabase = true,
            AllowSchemaDrift = true,
            AllowChangedScripts = true,
            CaptureSql = true,
            IntegrityCheck = false,
        });

        await host.StartAsync();
        await host.StopAsync();
        database.RecordedVersions().ShouldBe(MigrationCatalog.Console.All.Select(m => m.Version));
    }

    [Test]
    public void EnvironmentVariable_OverridesTheValueSetInCode()
    {
        var prefix = $"ORC_TEST_{Guid.NewGuid():N}_";
        Environment.SetEnvironmentVariable(prefix + "Migrations__BackupsToKeep", "3");
        try
        {
            using var host = TestHosts.Build(builder =>
            {
                builder.Configuration.AddEnvironmentVariables(prefix);
                builder.Services.AddOpenRouterConsoleMigrations(o => o.BackupsToKeep = 9);
            });

            host.Services.GetRequiredService<IOptions<MigrationOptions>>().Value.BackupsToKeep.ShouldBe(3);
        }
        finally
        {
            Environment.SetEnvironmentVariable(prefix + "Migrations__BackupsToKeep", null);
        }
    }

    [Test]
    public void OtherSectionName_IsTheOneBound()
    {
        using var host = TestHosts.Build(builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Migrations:BackupsToKeep"] = "4",
                ["Console:Database:BackupsToKeep"] = "6",
            });
            builder.Services.AddOpenRouterConsoleMigrations(configurationSection: "Console:Database");
        });

        host.Services.GetRequiredService<IOptions<MigrationOptions>>().Value.BackupsToKeep.ShouldBe(6);
    }

    [TestCase("BackupsToKeep", "-1", "Migrations:BackupsToKeep must be 0 or more, not -1")]
    [TestCase("LockTimeout", "00:00:00", "Migrations:LockTimeout must be a positive time span")]
    [TestCase("LockTimeout", "-00:00:05", "Migrations:LockTimeout must be a positive time span")]
    public async Task InvalidSetting_StopsStartUpNamingTheSetting_AndTouchesNoFile(string setting, string value, string expected)
    {
        using var database = new TestDatabase();
        using var host = TestHosts.Build(builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [$"Migrations:{setting}"] = value });
            builder.Services.AddOpenRouterConsoleMigrations(o => o.ConnectionString = database.ConnectionString);
        });

        var error = await Should.ThrowAsync<OptionsValidationException>(() => host.StartAsync());

        error.Message.ShouldContain(expected);
        File.Exists(database.Path).ShouldBeFalse();
    }
}
