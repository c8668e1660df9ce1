using Microsoft.EntityFrameworkCore.Migrations;

namespace EfCorePeer;

/// <summary>An EF Core migration that runs one of the console's embedded scripts.</summary>
public abstract class ScriptMigration(string script) : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        using var stream = typeof(ScriptMigration).Assembly.GetManifestResourceStream("Scripts." + script)!;
        using var reader = new StreamReader(stream);
        migrationBuilder.Sql(reader.ReadToEnd());
    }
}
