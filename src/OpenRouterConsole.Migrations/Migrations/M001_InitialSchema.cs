using FluentMigrator;

namespace OpenRouterConsole.Migrations.Migrations;

/// <summary>The five tables of the console: models, profiles, sessions, messages, usage_logs.</summary>
[Migration(1, "Initial schema")]
public sealed class M001_InitialSchema : Migration
{
    public override void Up()
    {
        IfDatabase(ProviderIds.Sqlite).Execute.EmbeddedScript("Sqlite.001_initial_schema.sql");
        IfDatabase(ProviderIds.Postgres).Execute.EmbeddedScript("Postgres.001_initial_schema.sql");
    }

    public override void Down()
    {
        IfDatabase(ProviderIds.Sqlite).Execute.EmbeddedScript("Sqlite.001_initial_schema_down.sql");
        IfDatabase(ProviderIds.Postgres).Execute.EmbeddedScript("Postgres.001_initial_schema_down.sql");
    }
}
