using FluentMigrator;

namespace OpenRouterConsole.Migrations.RebuildExamples.Migrations;

/// <summary>The console's migration 2, on its own script.</summary>
[Migration(2, "Add profiles.openrouter_preset")]
public sealed class M002_AddOpenRouterPreset : Migration
{
    public override void Up()
    {
        if (!Schema.Table("profiles").Column("openrouter_preset").Exists())
        {
            Execute.EmbeddedScript("Sqlite.002_add_openrouter_preset.sql");
        }
    }

    public override void Down() => Execute.EmbeddedScript("Sqlite.002_add_openrouter_preset_down.sql");
}
