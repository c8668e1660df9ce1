using FluentMigrator;

namespace OpenRouterConsole.Migrations;

/// <summary>
/// The processor ids each script folder is for, as <c>IfDatabase</c> takes them. Only FluentMigrator's
/// own constants: <c>IfDatabase("postgres")</c> matches no processor in 8.0.1 (they call themselves
/// <c>PostgreSQL</c>, <c>PostgreSQL15_0</c>, …) and the migration would then run empty yet be recorded.
/// MigrationEmitsSqlTests runs every migration on every provider to catch that.
/// </summary>
public static class ProviderIds
{
    public static readonly string[] Sqlite = [ProcessorIdConstants.SQLite];

    // The versioned processors call themselves PostgreSQL too, except the 9.2 one (dotnet-fm -p postgres92).
    public static readonly string[] Postgres =
        [ProcessorIdConstants.PostgreSQL, ProcessorIdConstants.Postgres, ProcessorIdConstants.PostgreSQL92, ProcessorIdConstants.Postgres92];
}
