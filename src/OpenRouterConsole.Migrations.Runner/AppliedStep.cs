namespace OpenRouterConsole.Migrations.Runner;

/// <summary>A step that ran, with how long it took.</summary>
public sealed record AppliedStep(MigrationStep Step, TimeSpan Duration);
