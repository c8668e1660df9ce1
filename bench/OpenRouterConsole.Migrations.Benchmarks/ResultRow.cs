namespace OpenRouterConsole.Migrations.Benchmarks;

/// <summary>A line of the result table: a case, and the baseline of the same run it is set beside.</summary>
internal sealed record ResultRow(string Section, Series Case, Series? Baseline, string? Note = null);
