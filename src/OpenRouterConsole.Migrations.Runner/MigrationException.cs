namespace OpenRouterConsole.Migrations.Runner;

/// <summary>
/// A failure with a message fit to show a user on one line. The database is left as it was whenever
/// this is thrown.
/// </summary>
public sealed class MigrationException : Exception
{
    public MigrationException(MigrationErrorKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
    }

    public MigrationErrorKind Kind { get; }

    internal static MigrationException Usage(string message) => new(MigrationErrorKind.Usage, message);

    internal static MigrationException Failed(string message, Exception? inner = null) =>
        new(MigrationErrorKind.Failed, message, inner);
}
