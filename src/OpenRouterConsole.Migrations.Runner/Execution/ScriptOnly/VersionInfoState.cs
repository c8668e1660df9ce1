namespace OpenRouterConsole.Migrations.Runner.Execution.ScriptOnly;

/// <summary>What the script-only path finds of FluentMigrator's <c>VersionInfo</c> table before a run.</summary>
internal enum VersionInfoState
{
    /// <summary>No such table: created as FluentMigrator creates it.</summary>
    Missing,

    /// <summary>FluentMigrator's current shape: rows are written to it.</summary>
    Ready,

    /// <summary>An older or odd shape that FluentMigrator's version loader would change or refuse: left to it.</summary>
    Unusable,
}
