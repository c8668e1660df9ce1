using Microsoft.Extensions.Logging;
using OpenRouterConsole.Migrations.Runner;

namespace OpenRouterConsole.Migrations.Tests.Support;

/// <summary>
/// A logger that runs <paramref name="onMessage"/> for each entry: lets a test act at an exact stage
/// of a run (e.g. lock the database right after the runner announced what it will do).
/// </summary>
internal sealed class CallbackLogger(Action<string> onMessage) : ILogger<ConsoleMigrator>
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        onMessage(formatter(state, exception));
}
