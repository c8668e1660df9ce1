namespace OpenRouterConsole.Migrations.Benchmarks;

/// <summary>One run of one case: milliseconds (whole process, or the child's own Stopwatch) and peak RSS.</summary>
internal sealed record Sample(double Milliseconds, long? PeakRssKilobytes);
