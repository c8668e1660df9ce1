namespace OpenRouterConsole.Migrations.Benchmarks;

/// <summary>A goal (issues 7 and 13): a ratio to a baseline of the same run that must not be exceeded.</summary>
internal sealed record Target(string Name, double Ratio, double Limit)
{
    public bool Met => Ratio <= Limit;
}
