using System.Reflection;
using Npgsql;

// Plain Npgsql doing the least the tool must do on PostgreSQL:
//   version <connection string>: connect and read max("Version") from "VersionInfo";
//   fresh <connection string>:   create the latest schema, "VersionInfo" and its rows in one transaction.
if (args.Length != 2 || args[0] is not ("version" or "fresh"))
{
    Console.Error.WriteLine("usage: NpgsqlBaseline version|fresh <connection string>");
    return 2;
}

using var connection = new NpgsqlConnection(args[1]);
connection.Open();
if (args[0] == "version")
{
    using var read = new NpgsqlCommand("SELECT max(\"Version\") FROM \"VersionInfo\"", connection);
    Console.WriteLine($"version {read.ExecuteScalar()}");
    return 0;
}

using var transaction = connection.BeginTransaction();
using var create = new NpgsqlCommand(
    Script("Postgres.001_initial_schema.sql") + ";\n" +
    Script("Postgres.002_add_openrouter_preset.sql") + ";\n" +
    """
    CREATE TABLE "VersionInfo" ("Version" bigint NOT NULL, "AppliedOn" timestamp, "Description" varchar(1024));
    CREATE UNIQUE INDEX "UC_Version" ON "VersionInfo" ("Version" ASC);
    INSERT INTO "VersionInfo" ("Version", "AppliedOn", "Description") VALUES (1, now(), 'Initial schema');
    INSERT INTO "VersionInfo" ("Version", "AppliedOn", "Description") VALUES (2, now(), 'Add profiles.openrouter_preset');
    """,
    connection,
    transaction);
create.ExecuteNonQuery();
transaction.Commit();
Console.WriteLine("version 2");
return 0;

static string Script(string name)
{
    using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)!;
    using var reader = new StreamReader(stream);
    return reader.ReadToEnd();
}
