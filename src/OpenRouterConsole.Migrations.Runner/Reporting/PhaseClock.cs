using System.Diagnostics;

namespace OpenRouterConsole.Migrations.Runner.Reporting;

/// <summary>Times a run's phases back to back: each <see cref="Mark"/> closes the phase since the last one.</summary>
internal sealed class PhaseClock
{
    private readonly List<PhaseTiming> _phases = new(8);
    private long _since = Stopwatch.GetTimestamp();

    public IReadOnlyList<PhaseTiming> Phases => _phases;

    public void Mark(string phase)
    {
        var now = Stopwatch.GetTimestamp();
        _phases.Add(new PhaseTiming(phase, Stopwatch.GetElapsedTime(_since, now)));
        _since = now;
    }
}
