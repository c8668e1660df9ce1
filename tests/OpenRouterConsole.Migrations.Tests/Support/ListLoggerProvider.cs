using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace OpenRouterConsole.Migrations.Tests.Support;

/// <summary>Keeps every log entry, so tests can assert what a host logged.</summary>
public sealed class ListLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<(LogLevel Level, string Category, string Message, EventId EventId)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new ListLogger(this, categoryName);

    /// <summary>A typed logger for code that takes one (<c>ILogger&lt;ConsoleMigrator&gt;</c>), writing here.</summary>
    public ILogger<T> CreateLogger<T>() => new Logger<T>(new ListLoggerFactory(this));

    /// <summary>Waits until an entry with <paramref name="eventName"/> arrives; false on time-out.</summary>
    public bool WaitFor(string eventName, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Entries.Any(e => e.EventId.Name == eventName))
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            Thread.Sleep(10);
        }

        return true;
    }

    private sealed class ListLoggerFactory(ListLoggerProvider provider) : ILoggerFactory
    {
        public ILogger CreateLogger(string categoryName) => provider.CreateLogger(categoryName);

        public void AddProvider(ILoggerProvider other) => throw new NotSupportedException();

        public void Dispose()
        {
        }
    }

    public void Dispose()
    {
    }
}
