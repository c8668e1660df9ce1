namespace OpenRouterConsole.Migrations.Runner.Reporting;

/// <summary>How long one phase of a run took (<see cref="MigrationReport.Phases"/>).</summary>
/// <param name="Phase">The phase, e.g. <c>lock</c>, <c>read versions</c>, <c>backup</c>, <c>execute</c>.</param>
/// <param name="Duration">Its wall-clock time, first-use costs (SQLite's start-up, reflection) included.</param>
public readonly record struct PhaseTiming(string Phase, TimeSpan Duration);
