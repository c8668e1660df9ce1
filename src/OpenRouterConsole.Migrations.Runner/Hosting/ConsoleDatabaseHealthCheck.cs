using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OpenRouterConsole.Migrations.Runner.Hosting;

/// <summary>
/// Healthy when the console database is at the latest version with the schema that version should
/// have; otherwise the registration's failure status (Unhealthy by default). Reads only: it never
/// migrates, locks or creates the file. The data names the versions so a dashboard shows why.
/// </summary>
internal sealed class ConsoleDatabaseHealthCheck(ConsoleMigrator migrator) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var failure = context.Registration.FailureStatus;
        try
        {
            return Task.FromResult(Check(failure));
        }
        catch (MigrationException ex)
        {
            return Task.FromResult(new HealthCheckResult(failure, ex.Message, ex));
        }
    }

    private HealthCheckResult Check(HealthStatus failure)
    {
        var status = migrator.GetStatus();
        var data = new Dictionary<string, object>
        {
            ["database"] = status.DatabasePath,
            ["currentVersion"] = status.CurrentVersion,
            ["latestVersion"] = status.Catalog.LatestVersion,
        };

        if (status.UnknownVersions is { Count: > 0 } unknown)
        {
            data["unknownVersions"] = unknown.ToArray();
            return new HealthCheckResult(failure,
                $"The database records version(s) {string.Join(", ", unknown)} that this code does not know (it knows up to {status.Catalog.LatestVersion}): the database is newer than the code.",
                data: data);
        }

        if (status.Pending is { Count: > 0 } pending)
        {
            var versions = pending.Select(m => m.Version).ToArray();
            data["pendingVersions"] = versions;
            var where = status.Exists ? $"at version {status.CurrentVersion}" : "missing";
            return new HealthCheckResult(failure,
                $"The database is {where}; migration(s) {string.Join(", ", versions)} pending.",
                data: data);
        }

        var verify = migrator.Verify();
        if (!verify.IsClean)
        {
            data["drift"] = verify.Differences.Select(d => d.Message).ToArray();
            data["changedScripts"] = verify.ChecksumMismatches.Select(m => m.ToString()).ToArray();
            var what = verify.Differences.Count > 0
                ? $"its schema differs from version {verify.ComparedVersion}'s ({verify.Differences.Count} difference(s); see 'drift')"
                : "applied migration scripts changed after they were applied (see 'changedScripts')";
            return new HealthCheckResult(failure, $"The database is at version {status.CurrentVersion} but {what}.", data: data);
        }

        return HealthCheckResult.Healthy($"The database is at the latest version, {status.CurrentVersion}.", data);
    }
}
