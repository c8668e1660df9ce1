using OpenRouterConsole.Migrations.Benchmarks;

// "child <mode> ..." is this exe re-invoked by the harness to measure one first call in a fresh process.
if (args.Length > 0 && args[0] == "child")
{
    return ChildModes.Run(args[1..]);
}

BenchSettings settings;
try
{
    settings = BenchSettings.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    Console.Error.WriteLine(BenchSettings.Usage);
    return 2;
}

return new BenchmarkRun(settings).Execute();
