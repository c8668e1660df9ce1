using FluentMigrator;

namespace OpenRouterConsole.Migrations.RebuildExamples.Migrations;

/// <summary>The console's migration 1, on its own script.</summary>
[Migration(1, "Initial schema")]
public sealed class M001_InitialSchema : Migration
{
    public override void Up() => Execute.EmbeddedScript("Sqlite.001_initial_schema.sql");

    public override void Down() => Execute.EmbeddedScript("Sqlite.001_initial_schema_down.sql");
}
