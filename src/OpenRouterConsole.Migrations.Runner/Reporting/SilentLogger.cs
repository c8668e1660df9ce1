using Microsoft.Extensions.Logging;

namespace OpenRouterConsole.Migrations.Runner.Reporting;

/// <summary>
/// The logger of a migrator given none: logs nothing, as <c>NullLogger</c> does. Ours because the
/// runner ships ReadyToRun and Microsoft.Extensions.Logging.Abstractions does not: NullLogger's
/// first use would JIT-compile 4 methods in every host that passes no logger.
/// </summary>
internal sealed class SilentLogger : ILogger
{
    public static SilentLogger Instance { get; } = new();

    private SilentLogger()
    {
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => false;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
    }
}
