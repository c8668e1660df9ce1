using Microsoft.Data.Sqlite;
using OpenRouterConsole.Migrations.Runner;

namespace OpenRouterConsole.Migrations.Tests.Files;

/// <summary>
/// DatabaseFile writes the usual "Data Source=FILE" connection string by hand (the builder's
/// serialisation costs a host's first start); it must say exactly what the builder would.
/// </summary>
public sealed class ConnectionStringTests
{
    [TestCase("/srv/console.db")]
    [TestCase("/srv/with space/console.db")]
    [TestCase("/srv/semi;colon/console.db")]
    [TestCase("/srv/quote\"d/it's.db")]
    [TestCase("/srv/equals=sign/console.db")]
    [TestCase(" /srv/leading-space.db")]
    public void PlainConnectionString_ParsesAsTheBuildersDoes(string path)
    {
        foreach (var mode in new[] { SqliteOpenMode.ReadWriteCreate, SqliteOpenMode.ReadWrite, SqliteOpenMode.ReadOnly })
        {
            var built = new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false };
            var plain = new SqliteConnectionStringBuilder(DatabaseFile.PlainConnectionString(path, mode));

            plain.DataSource.ShouldBe(path);
            plain.Mode.ShouldBe(mode);
            plain.Pooling.ShouldBeFalse();
            plain.ConnectionString.ShouldBe(built.ConnectionString);
        }
    }

    [TestCase("Data Source=console.db", true)]
    [TestCase("data source = console.db ;", true)]
    [TestCase("Data Source=/srv/console.db", true)]
    [TestCase("Data Source=console.db;Mode=ReadOnly", false)]
    [TestCase("Data Source=console.db;Default Timeout=5", false)]
    [TestCase("Filename=console.db", false)]
    [TestCase("Data Source='odd;name.db'", false)]
    [TestCase("Data Source=\"x.db\"", false)]
    [TestCase("Data Source=a=b.db", false)]
    public void NamesOnlyTheFile_OnlyForASingleDataSourceKey(string connectionString, bool expected) =>
        DatabaseFile.NamesOnlyTheFile(connectionString).ShouldBe(expected);

    [TestCase("Data Source=console.db;Default Timeout=7;Foreign Keys=False")]
    [TestCase("Data Source=console.db")]
    public void ConnectionString_KeepsTheCallersOtherKeys_AndSetsPathModeAndPooling(string connectionString)
    {
        var database = DatabaseFile.Resolve(connectionString);

        var settings = new SqliteConnectionStringBuilder(database.ConnectionString(SqliteOpenMode.ReadWrite));

        settings.DataSource.ShouldBe(database.Path);
        settings.Mode.ShouldBe(SqliteOpenMode.ReadWrite);
        settings.Pooling.ShouldBeFalse();
        var caller = new SqliteConnectionStringBuilder(connectionString);
        settings.DefaultTimeout.ShouldBe(caller.DefaultTimeout);
        settings.ForeignKeys.ShouldBe(caller.ForeignKeys);
    }
}
