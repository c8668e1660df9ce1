namespace OpenRouterConsole.Migrations.Runner;

/// <summary>
/// A failure with a message fit to show a user on one line. The database is left as it was whenever
/// this is thrown.
/// </summary>
public sealed class MigrationException : Exception
{
    /// <summary>Creates the exception; <paramref name="message"/> should be one sentence a user can act on.</summary>
    /// <param name="kind">Whether the request was wrong or the operation failed.</param>
    /// <param name="message">What went wrong, on one line.</param>
    /// <param name="innerException">The underlying failure, if any (shown by the tool with <c>-v</c>).</param>
    public MigrationException(MigrationErrorKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
    }

    /// <summary>Whether the input was wrong (<see cref="MigrationErrorKind.Usage"/>) or the operation failed; the tool's exit code follows it.</summary>
    public MigrationErrorKind Kind { get; }

    internal static MigrationException Usage(string message) => new(MigrationErrorKind.Usage, message);

    internal static MigrationException Failed(string message, Exception? inner = null) =>
        new(MigrationErrorKind.Failed, message, inner);
}
