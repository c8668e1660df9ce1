using Microsoft.Extensions.Logging;

namespace OpenRouterConsole.Migrations.Runner.Execution;

/// <summary>
/// What a run did, as log events with stable ids (1000–1099) an operator can filter on.
/// Source-generated: a disabled level costs one check, and no template is parsed at run time.
/// </summary>
internal static partial class ExecutionLog
{
    [LoggerMessage(EventId = 1000, EventName = "NothingToDo", Level = LogLevel.Information,
        Message = "{Database} is at version {Version}; nothing to do")]
    public static partial void NothingToDo(ILogger logger, string database, long version);

    [LoggerMessage(EventId = 1001, EventName = "MigrationsPending", Level = LogLevel.Information,
        Message = "{Database} is at version {Version}; {Count} migration(s) to {Direction}")]
    public static partial void MigrationsPending(ILogger logger, string database, long version, int count, string direction);

    [LoggerMessage(EventId = 1002, EventName = "MigrationApplied", Level = LogLevel.Information,
        Message = "Applied migration {Version} ({Description}) in {Milliseconds:0} ms")]
    public static partial void MigrationApplied(ILogger logger, long version, string description, double milliseconds);

    [LoggerMessage(EventId = 1003, EventName = "MigrationReverted", Level = LogLevel.Information,
        Message = "Reverted migration {Version} ({Description}) in {Milliseconds:0} ms")]
    public static partial void MigrationReverted(ILogger logger, long version, string description, double milliseconds);

    [LoggerMessage(EventId = 1004, EventName = "MigrationRecorded", Level = LogLevel.Information,
        Message = "Recorded (schema already present) migration {Version} ({Description}) in {Milliseconds:0} ms")]
    public static partial void MigrationRecorded(ILogger logger, long version, string description, double milliseconds);

    [LoggerMessage(EventId = 1005, EventName = "DatabaseMigrated", Level = LogLevel.Information,
        Message = "{Database} is now at version {Version}")]
    public static partial void DatabaseMigrated(ILogger logger, string database, long version);

    [LoggerMessage(EventId = 1006, EventName = "RunCancelled", Level = LogLevel.Warning,
        Message = "Cancelled before {Database} was changed; it stays at version {Version}")]
    public static partial void RunCancelled(ILogger logger, string database, long version);
}
