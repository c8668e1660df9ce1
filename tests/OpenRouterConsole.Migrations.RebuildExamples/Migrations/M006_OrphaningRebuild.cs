using FluentMigrator;
using OpenRouterConsole.Migrations.Rebuilds;

namespace OpenRouterConsole.Migrations.RebuildExamples.Migrations;

/// <summary>A faulty rebuild, on purpose: it renames every session id, so messages and usage logs would point at nothing.</summary>
[Migration(6, "Faulty: rename session ids")]
public sealed class M006_OrphaningRebuild : TableRebuildMigration
{
    public override void Up() =>
        RebuildTable("sessions", "Sqlite.006_orphaning_rebuild.sql", new Dictionary<string, string> { ["id"] = "'moved-' || id" });

    public override void Down() => RebuildTable("sessions", "Sqlite.006_orphaning_rebuild.sql");
}
