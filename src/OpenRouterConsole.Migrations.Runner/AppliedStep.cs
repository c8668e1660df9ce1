namespace OpenRouterConsole.Migrations.Runner;

/// <summary>A step a migrate or rollback ran, with how long it took (<see cref="MigrationReport.Steps"/>).</summary>
/// <param name="Step">The migration applied, reverted or recorded.</param>
/// <param name="Duration">Its wall-clock time inside the run's transaction.</param>
public sealed record AppliedStep(MigrationStep Step, TimeSpan Duration);
