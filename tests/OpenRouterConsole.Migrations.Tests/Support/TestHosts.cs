using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OpenRouterConsole.Migrations.Tests.Support;

/// <summary>A Generic Host without the default sources (no appsettings, no environment), for in-process host tests.</summary>
public static class TestHosts
{
    public static IHost Build(Action<HostApplicationBuilder> configure, ListLoggerProvider? logs = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }

        configure(builder);
        return builder.Build();
    }
}
