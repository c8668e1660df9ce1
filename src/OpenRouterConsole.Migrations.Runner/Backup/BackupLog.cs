using Microsoft.Extensions.Logging;

namespace OpenRouterConsole.Migrations.Runner.Backup;

/// <summary>Backup and restore log events (ids 1200–1299).</summary>
internal static partial class BackupLog
{
    [LoggerMessage(EventId = 1200, EventName = "BackupTaken", Level = LogLevel.Information,
        Message = "Backed up {Database} to {Backup}")]
    public static partial void BackupTaken(ILogger logger, string database, string backup);

    [LoggerMessage(EventId = 1201, EventName = "DatabaseRestored", Level = LogLevel.Information,
        Message = "Restored {Database} from {Backup}: version {Before} -> {After}")]
    public static partial void DatabaseRestored(ILogger logger, string database, string backup, long before, long after);

    [LoggerMessage(EventId = 1202, EventName = "UnreadableDatabaseSetAside", Level = LogLevel.Warning,
        Message = "{Database} cannot be read by SQLite; moved it to {Aside}")]
    public static partial void UnreadableDatabaseSetAside(ILogger logger, string database, string aside);
}
