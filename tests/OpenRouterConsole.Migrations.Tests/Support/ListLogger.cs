using Microsoft.Extensions.Logging;

namespace OpenRouterConsole.Migrations.Tests.Support;

/// <summary>A logger that adds every entry to its <see cref="ListLoggerProvider"/>.</summary>
internal sealed class ListLogger(ListLoggerProvider provider, string category) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        provider.Entries.Enqueue((logLevel, category, formatter(state, exception), eventId));
}
