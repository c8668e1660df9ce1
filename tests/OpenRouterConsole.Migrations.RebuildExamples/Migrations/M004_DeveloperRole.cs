using FluentMigrator;
using OpenRouterConsole.Migrations.Rebuilds;

namespace OpenRouterConsole.Migrations.RebuildExamples.Migrations;

/// <summary>Rebuilds messages so that its CHECK allows the 'developer' role.</summary>
[Migration(4, "Allow the developer role in messages")]
public sealed class M004_DeveloperRole : TableRebuildMigration
{
    public override void Up() => RebuildTable("messages", "Sqlite.004_developer_role.sql");

    // Version 3's CHECK has no 'developer': such messages become 'system' messages, which they extend.
    public override void Down() =>
        RebuildTable("messages", "Sqlite.004_developer_role_down.sql", new Dictionary<string, string> { ["role"] = "CASE role WHEN 'developer' THEN 'system' ELSE role END" });
}
