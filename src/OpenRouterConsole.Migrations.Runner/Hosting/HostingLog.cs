using Microsoft.Extensions.Logging;

namespace OpenRouterConsole.Migrations.Runner.Hosting;

/// <summary>The host's log events (ids 1400–1499).</summary>
internal static partial class HostingLog
{
    [LoggerMessage(EventId = 1400, EventName = "StartupMigrationFailed", Level = LogLevel.Error,
        Message = "Database migration failed; the host will not start. {Reason}")]
    public static partial void StartupMigrationFailed(ILogger logger, string reason, Exception? exception = null);

    [LoggerMessage(EventId = 1401, EventName = "StartupMigrationCancelled", Level = LogLevel.Warning,
        Message = "Database migration cancelled before the host started; the database was not changed")]
    public static partial void StartupMigrationCancelled(ILogger logger);

    [LoggerMessage(EventId = 1402, EventName = "StartupMigrationAlreadyDone", Level = LogLevel.Debug,
        Message = "The database was migrated before the host started; the start-up pass is skipped")]
    public static partial void StartupMigrationAlreadyDone(ILogger logger);
}
