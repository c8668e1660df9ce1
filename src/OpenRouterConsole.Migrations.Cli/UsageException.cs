namespace OpenRouterConsole.Migrations.Cli;

/// <summary>A combination of options the parser accepts but the verb cannot honour (exit code 2).</summary>
public sealed class UsageException(string message) : Exception(message);
