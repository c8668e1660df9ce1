using System.Reflection;
using DbUp;

// The least a DbUp user writes: embedded scripts, run in name order, journalled in SchemaVersions.
var upgrade = DeployChanges.To
    .SqliteDatabase(args[0])
    .WithScriptsEmbeddedInAssembly(Assembly.GetExecutingAssembly())
    .LogToNowhere()
    .Build()
    .PerformUpgrade();
if (!upgrade.Successful)
{
    Console.Error.WriteLine($"error: {upgrade.Error.Message}");
    return 1;
}

Console.WriteLine($"applied {upgrade.Scripts.Count()}");
return 0;
