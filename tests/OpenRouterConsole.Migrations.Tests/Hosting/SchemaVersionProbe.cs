using Microsoft.Extensions.Hosting;
using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.Hosting;

/// <summary>A hosted service that records which versions the database had when it started.</summary>
internal sealed class SchemaVersionProbe(TestDatabase database) : IHostedService
{
    public IReadOnlyList<long>? VersionsSeenAtStart { get; private set; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        VersionsSeenAtStart = database.RecordedVersions();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
