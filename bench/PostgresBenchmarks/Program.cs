using OpenRouterConsole.Migrations.PostgresBenchmarks;

// dotnet run -c Release --project bench/PostgresBenchmarks [-- --rounds N]
// Needs a server: eval "$(build/postgres-test-server.sh start)" (exports ORC_TEST_POSTGRES).
var rounds = 21;
if (args.Length == 2 && args[0] == "--rounds" && int.TryParse(args[1], out var parsed) && parsed > 0)
{
    rounds = parsed;
}
else if (args.Length != 0)
{
    Console.Error.WriteLine("usage: PostgresBenchmarks [--rounds N]");
    return 2;
}

var server = Environment.GetEnvironmentVariable("ORC_TEST_POSTGRES");
if (string.IsNullOrWhiteSpace(server))
{
    Console.Error.WriteLine("error: no server. Run: eval \"$(build/postgres-test-server.sh start)\" (exports ORC_TEST_POSTGRES), then this again.");
    return 2;
}

return new PostgresBenchmark(server, rounds).Run();
