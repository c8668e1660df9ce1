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

    /// <summary>A step's failure, in the words of whatever failed underneath (the run is rolled back).</summary>
    internal static MigrationException StepFailed(MigrationStep step, Exception inner) =>
        Failed($"Migration {step.Version} ({step.Description}) failed {step.Direction.ToString().ToLowerInvariant()}: {inner.Innermost().Message}", inner);

    /// <summary>The commit (or the transaction's start) failed: a reader kept the file locked past the busy timeout, say.</summary>
    internal static MigrationException CommitFailed(Exception sqliteError, Exception inner) =>
        Failed($"The migration could not commit: {sqliteError.Message.TrimEnd('.')}; it was rolled back and nothing was changed.", inner);
}
