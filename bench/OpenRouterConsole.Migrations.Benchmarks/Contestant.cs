namespace OpenRouterConsole.Migrations.Benchmarks;

/// <summary>
/// A program of the whole-process comparison. Its arguments may hold <c>{cs}</c> (the connection
/// string) and <c>{mode}</c> ("version" or "fresh", for the plain baseline). A peer that journals in
/// a table of its own names <see cref="OwnDatabase"/>: its up-to-date database is one it migrated.
/// </summary>
internal sealed record Contestant(string Name, string Executable, string[] Arguments, string? OwnDatabase = null);
