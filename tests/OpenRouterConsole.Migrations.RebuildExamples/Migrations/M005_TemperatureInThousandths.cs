using FluentMigrator;
using OpenRouterConsole.Migrations.Rebuilds;

namespace OpenRouterConsole.Migrations.RebuildExamples.Migrations;

/// <summary>
/// Renames a column and changes its type: <c>profiles.temperature REAL</c> becomes
/// <c>temperature_milli INTEGER</c>. profiles has AUTOINCREMENT and children with ON DELETE SET NULL.
/// </summary>
[Migration(5, "Store profile temperatures in thousandths")]
public sealed class M005_TemperatureInThousandths : TableRebuildMigration
{
    public override void Up() =>
        RebuildTable("profiles", "Sqlite.005_temperature_in_thousandths.sql", new Dictionary<string, string> { ["temperature_milli"] = "CAST(round(temperature * 1000) AS INTEGER)" });

    public override void Down() =>
        RebuildTable("profiles", "Sqlite.005_temperature_in_thousandths_down.sql", new Dictionary<string, string> { ["temperature"] = "temperature_milli / 1000.0" });
}
