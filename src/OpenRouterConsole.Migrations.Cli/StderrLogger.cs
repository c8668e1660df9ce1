using Microsoft.Extensions.Logging;
using OpenRouterConsole.Migrations.Runner;

namespace OpenRouterConsole.Migrations.Cli;

/// <summary>
/// The runner's log as the tool shows it: warnings (what an --allow-… option let through, the wait
/// for another process's lock) as "warning: …" lines on stderr; information stays quiet, since the
/// report on stdout already says it.
/// </summary>
internal sealed class StderrLogger(TextWriter stderr) : ILogger<ConsoleMigrator>
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    // Warnings only: an error (a refusal, say) ends the run and is printed once, as its "error:" line.
    public bool IsEnabled(LogLevel logLevel) => logLevel == LogLevel.Warning;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            stderr.WriteLine($"warning: {formatter(state, exception).ReplaceLineEndings(" ").Trim()}");
            stderr.Flush();
        }
    }
}
