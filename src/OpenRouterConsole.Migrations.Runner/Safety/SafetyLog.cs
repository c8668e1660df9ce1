using Microsoft.Extensions.Logging;

namespace OpenRouterConsole.Migrations.Runner.Safety;

/// <summary>
/// Safety checks' log events (ids 1300–1399): a refusal, and what an override let through.
/// </summary>
internal static partial class SafetyLog
{
    /// <summary>A check stopped the run before anything changed; the exception carries the same reason.</summary>
    [LoggerMessage(EventId = 1300, EventName = "Refused", Level = LogLevel.Error,
        Message = "Refused: {Reason}")]
    public static partial void Refused(ILogger logger, string reason);

    [LoggerMessage(EventId = 1301, EventName = "SchemaDriftAllowed", Level = LogLevel.Warning,
        Message = "Schema drift in {Database}: {Difference}")]
    public static partial void SchemaDriftAllowed(ILogger logger, string database, string difference);

    [LoggerMessage(EventId = 1302, EventName = "NewerDatabaseAllowed", Level = LogLevel.Warning,
        Message = "{Database} records version(s) {Versions} that this tool does not know; its schema was not checked")]
    public static partial void NewerDatabaseAllowed(ILogger logger, string database, string versions);

    [LoggerMessage(EventId = 1303, EventName = "ChangedScriptsAllowed", Level = LogLevel.Warning,
        Message = "{Message}")]
    public static partial void ChangedScriptsAllowed(ILogger logger, string message);

    [LoggerMessage(EventId = 1304, EventName = "UnversionedDatabaseAdopted", Level = LogLevel.Information,
        Message = "{Database} has no version records but has the schema of version {Version}; recording it")]
    public static partial void UnversionedDatabaseAdopted(ILogger logger, string database, long version);
}
