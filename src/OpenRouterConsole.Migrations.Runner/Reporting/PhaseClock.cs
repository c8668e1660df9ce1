using System.Diagnostics;

namespace OpenRouterConsole.Migrations.Runner.Reporting;

/// <summary>Times a run's phases back to back: each <see cref="Mark"/> closes the phase since the last one.</summary>
/// <remarks>
/// An array rather than a <c>List&lt;PhaseTiming&gt;</c>: <see cref="PhaseTiming"/> is a struct, and
/// List's code over it is not in any ReadyToRun image, so a host's first run JIT-compiled it.
/// </remarks>
internal sealed class PhaseClock
{
    private PhaseTiming[] _phases = new PhaseTiming[8];
    private int _count;
    private long _since = Stopwatch.GetTimestamp();

    /// <summary>The phases marked so far, in order (a copy).</summary>
    public IReadOnlyList<PhaseTiming> Phases
    {
        get
        {
            var phases = new PhaseTiming[_count];
            Array.Copy(_phases, phases, _count);
            return phases;
        }
    }

    public void Mark(string phase)
    {
        var now = Stopwatch.GetTimestamp();
        if (_count == _phases.Length)
        {
            var larger = new PhaseTiming[_count * 2];
            Array.Copy(_phases, larger, _count);
            _phases = larger;
        }

        _phases[_count++] = new PhaseTiming(phase, Stopwatch.GetElapsedTime(_since, now));
        _since = now;
    }
}
