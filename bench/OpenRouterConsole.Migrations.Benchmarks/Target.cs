namespace OpenRouterConsole.Migrations.Benchmarks;

/// <summary>A goal of issue 7: a ratio to the baseline of the same run that must not be exceeded.</summary>
internal sealed record Target(string Name, double Ratio, double Limit)
{
    public bool Met => Ratio <= Limit;
}
