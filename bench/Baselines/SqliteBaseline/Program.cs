using System.Reflection;
using Microsoft.Data.Sqlite;

// Plain Microsoft.Data.Sqlite doing the least the tool must do:
//   version <connection string>: open the database and read max(Version) from VersionInfo;
//   fresh <connection string>:   create the v2 schema and the VersionInfo rows in one transaction.
if (args.Length != 2 || args[0] is not ("version" or "fresh"))
{
    Console.Error.WriteLine("usage: SqliteBaseline version|fresh <connection string>");
    return 2;
}

using var connection = new SqliteConnection(args[1]);
connection.Open();
using var command = connection.CreateCommand();
if (args[0] == "version")
{
    command.CommandText = "SELECT max(Version) FROM VersionInfo";
    Console.WriteLine($"version {command.ExecuteScalar()}");
    return 0;
}

using var transaction = connection.BeginTransaction();
command.Transaction = transaction;
command.CommandText =
    Script("Sqlite.001_initial_schema.sql") + ";\n" +
    Script("Sqlite.002_add_openrouter_preset.sql") + ";\n" +
    """
    CREATE TABLE VersionInfo (Version INTEGER NOT NULL, AppliedOn DATETIME, Description TEXT);
    CREATE UNIQUE INDEX UC_Version ON VersionInfo (Version ASC);
    INSERT INTO VersionInfo (Version, AppliedOn, Description) VALUES (1, datetime('now'), 'Initial schema');
    INSERT INTO VersionInfo (Version, AppliedOn, Description) VALUES (2, datetime('now'), 'Add profiles.openrouter_preset');
    """;
command.ExecuteNonQuery();
transaction.Commit();
Console.WriteLine("version 2");
return 0;

static string Script(string name)
{
    using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)!;
    using var reader = new StreamReader(stream);
    return reader.ReadToEnd();
}
