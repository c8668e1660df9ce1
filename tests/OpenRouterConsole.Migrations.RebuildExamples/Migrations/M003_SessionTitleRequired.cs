using FluentMigrator;
using OpenRouterConsole.Migrations.Rebuilds;

namespace OpenRouterConsole.Migrations.RebuildExamples.Migrations;

/// <summary>
/// Rebuilds a parent: <c>sessions.title</c> becomes NOT NULL DEFAULT ''. messages and usage_logs point
/// at sessions with ON DELETE CASCADE: every one of their rows must survive.
/// </summary>
[Migration(3, "Require sessions.title")]
public sealed class M003_SessionTitleRequired : TableRebuildMigration
{
    public override void Up() =>
        RebuildTable("sessions", "Sqlite.003_session_title_required.sql", new Dictionary<string, string> { ["title"] = "coalesce(title, '')" });

    public override void Down() =>
        RebuildTable("sessions", "Sqlite.003_session_title_required_down.sql", new Dictionary<string, string> { ["title"] = "nullif(title, '')" });
}
