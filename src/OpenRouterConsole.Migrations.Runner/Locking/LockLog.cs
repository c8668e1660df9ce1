using Microsoft.Extensions.Logging;

namespace OpenRouterConsole.Migrations.Runner.Locking;

/// <summary>The migration lock's log events (ids 1100–1199).</summary>
internal static partial class LockLog
{
    [LoggerMessage(EventId = 1100, EventName = "WaitingForLock", Level = LogLevel.Warning,
        Message = "Waiting for the migration lock on '{Database}', held by {Holder}.")]
    public static partial void WaitingForLock(ILogger logger, string database, string holder);

    [LoggerMessage(EventId = 1101, EventName = "HardLinkedDatabase", Level = LogLevel.Warning,
        Message = "{Database} has {Count} hard links; SQLite does not support hard-linked databases, and a process using another name is not kept out by this lock")]
    public static partial void HardLinkedDatabase(ILogger logger, string database, long count);
}
