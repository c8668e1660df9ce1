using FluentMigrator;

namespace OpenRouterConsole.Migrations.Migrations;

/// <summary>Adds the nullable <c>profiles.openrouter_preset</c> column.</summary>
[Migration(2, "Add profiles.openrouter_preset")]
public sealed class M002_AddOpenRouterPreset : Migration
{
    public override void Up()
    {
        // The console's older start-up code created profiles with this column already in it;
        // such databases are adopted as they are.
        if (Schema.Table("profiles").Column("openrouter_preset").Exists())
        {
            return;
        }

        IfDatabase(ProviderIds.Sqlite).Execute.EmbeddedScript("Sqlite.002_add_openrouter_preset.sql");
        IfDatabase(ProviderIds.Postgres).Execute.EmbeddedScript("Postgres.002_add_openrouter_preset.sql");
    }

    public override void Down()
    {
        IfDatabase(ProviderIds.Sqlite).Execute.EmbeddedScript("Sqlite.002_add_openrouter_preset_down.sql");
        IfDatabase(ProviderIds.Postgres).Execute.EmbeddedScript("Postgres.002_add_openrouter_preset_down.sql");
    }
}
