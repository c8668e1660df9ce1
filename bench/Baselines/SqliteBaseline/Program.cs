using System.Reflection;
using Microsoft.Data.Sqlite;

// Plain Microsoft.Data.Sqlite doing the least the tool must do:
//   version <connection string>:  open the database and read max(Version) from VersionInfo;
//   fresh <connection string>:    create the v2 schema and the VersionInfo rows in one transaction;
//   rollback <database path>:     migration 2's down script and its version row, in one transaction;
//   rollback-safe <database path>: the same after the safety work the tool does by default: a
//                                  durable copy with SQLite's backup API and PRAGMA quick_check.
if (args.Length != 2 || args[0] is not ("version" or "fresh" or "rollback" or "rollback-safe"))
{
    Console.Error.WriteLine("usage: SqliteBaseline version|fresh <connection string> | rollback|rollback-safe <database path>");
    return 2;
}

var connectionString = args[0].StartsWith("rollback", StringComparison.Ordinal)
    ? new SqliteConnectionStringBuilder { DataSource = args[1], Pooling = false }.ConnectionString
    : args[1];
using var connection = new SqliteConnection(connectionString);
connection.Open();
using var command = connection.CreateCommand();
switch (args[0])
{
    case "version":
        command.CommandText = "SELECT max(Version) FROM VersionInfo";
        Console.WriteLine($"version {command.ExecuteScalar()}");
        return 0;

    case "rollback-safe":
        command.CommandText = "PRAGMA quick_check";
        if (command.ExecuteScalar() as string != "ok")
        {
            Console.Error.WriteLine("error: quick_check failed");
            return 1;
        }

        // Written under a temporary name and renamed when complete, as the tool's backup is.
        var backupPath = args[1] + ".baseline.bak";
        using (var backup = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = backupPath + ".partial", Pooling = false }.ConnectionString))
        {
            backup.Open();
            connection.BackupDatabase(backup);
        }

        File.Move(backupPath + ".partial", backupPath, overwrite: true);
        goto case "rollback";

    case "rollback":
        using (var rollback = connection.BeginTransaction())
        {
            command.Transaction = rollback;
            command.CommandText = "ALTER TABLE profiles DROP COLUMN openrouter_preset; DELETE FROM VersionInfo WHERE Version = 2;";
            command.ExecuteNonQuery();
            rollback.Commit();
        }

        Console.WriteLine("version 1");
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
