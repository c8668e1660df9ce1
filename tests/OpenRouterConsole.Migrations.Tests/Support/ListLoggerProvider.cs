using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace OpenRouterConsole.Migrations.Tests.Support;

/// <summary>Keeps every log entry, so tests can assert what a host logged.</summary>
public sealed class ListLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<(LogLevel Level, string Category, string Message)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new ListLogger(this, categoryName);

    public void Dispose()
    {
    }
}
