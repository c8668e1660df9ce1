namespace OpenRouterConsole.Migrations.Runner.Execution.ScriptOnly;

/// <summary>A migration asked for more than running SQL text: the run goes through FluentMigrator instead.</summary>
internal sealed class NotScriptOnlyException(string what) : Exception($"The migration needs {what}, which only FluentMigrator's runner does.");
