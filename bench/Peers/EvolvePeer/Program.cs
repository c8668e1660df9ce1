using System.Reflection;
using EvolveDb;
using Microsoft.Data.Sqlite;

// The least an Evolve user writes: embedded V<n>__name.sql scripts, journalled in changelog.
using var connection = new SqliteConnection(args[0]);
var evolve = new Evolve(connection, _ => { })
{
    EmbeddedResourceAssemblies = [Assembly.GetExecutingAssembly()],
    IsEraseDisabled = true,
};
evolve.Migrate();
Console.WriteLine($"applied {evolve.NbMigration}");
return 0;
