namespace OpenRouterConsole.Migrations.Runner;

/// <summary>
/// What a migrate or rollback would do, from <see cref="ConsoleMigrator.PreviewMigrate"/> or
/// <see cref="ConsoleMigrator.PreviewRollback"/>: the steps and the SQL they would run. Nothing was
/// changed, locked or created to find out, so it carries no durations and no backup.
/// </summary>
/// <param name="DatabasePath">The database previewed: the resolved file, or the server database's name.</param>
/// <param name="VersionBefore">The version the database records now.</param>
/// <param name="VersionAfter">The version it would record after the steps.</param>
/// <param name="Steps">The migrations that would be applied or reverted, in order.</param>
/// <param name="Sql">The SQL those steps would run, statement by statement; empty when nothing is to do.</param>
public sealed record MigrationPreview(
    string DatabasePath,
    long VersionBefore,
    long VersionAfter,
    IReadOnlyList<MigrationStep> Steps,
    string Sql)
{
    /// <summary>True when the database is already at the target: no step, no SQL.</summary>
    public bool NothingToDo => Steps.Count == 0;

    /// <summary>One line for logs: <c>console.db: 1 -> 2 (would apply 2) (preview: nothing was changed)</c>.</summary>
    public override string ToString()
    {
        if (NothingToDo)
        {
            return $"{DatabasePath}: at version {VersionBefore}, nothing to do (preview)";
        }

        var steps = string.Join(", ", Steps.Select(step => $"{Verb(step)} {step.Version}"));
        return $"{DatabasePath}: {VersionBefore} -> {VersionAfter} ({steps}) (preview: nothing was changed)";
    }

    private static string Verb(MigrationStep step) => (step.RecordOnly, step.Direction) switch
    {
        (true, _) => "would record",
        (_, MigrationDirection.Up) => "would apply",
        _ => "would revert",
    };
}
