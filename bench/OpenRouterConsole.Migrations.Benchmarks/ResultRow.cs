namespace OpenRouterConsole.Migrations.Benchmarks;

/// <summary>
/// A line of the result table: a case, the baseline of the same run it is set beside, and optionally
/// a second one (the baseline built the other way: JIT or ReadyToRun).
/// </summary>
internal sealed record ResultRow(string Section, Series Case, Series? Baseline, Series? SecondBaseline = null, string? Note = null);
