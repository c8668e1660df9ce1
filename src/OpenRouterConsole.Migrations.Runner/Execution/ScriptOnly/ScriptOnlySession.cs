using System.Diagnostics;
using System.Reflection;
using FluentMigrator;
using FluentMigrator.Expressions;
using Microsoft.Data.Sqlite;
using OpenRouterConsole.Migrations.Runner.History;
using OpenRouterConsole.Migrations.Runner.Integrity;

namespace OpenRouterConsole.Migrations.Runner.Execution.ScriptOnly;

/// <summary>
/// A SQLite run without FluentMigrator's runner, taken when every step's migration only executes
/// SQL text (<c>Execute.EmbeddedScript</c> or <c>Execute.Sql</c>, without parameters): the migration
/// classes still say what runs (their <c>Up()</c>/<c>Down()</c> fill a small context), the texts run on
/// one connection in one transaction (<c>BEGIN IMMEDIATE</c>, as FluentMigrator's processor begins it),
/// and <c>VersionInfo</c> and <c>MigrationChecksums</c> get the rows <see cref="FluentMigratorSession"/>
/// writes. Building FluentMigrator's service provider and runner costs a JIT process ~370 ms; the
/// scripts themselves take a few. Anything else (rebuilds, fluent expressions, <c>WithConnection</c>,
/// parameters, a <c>GO</c> batch, an older <c>VersionInfo</c>) is left to <see cref="FluentMigratorSession"/>.
/// </summary>
internal static class ScriptOnlySession
{
    /// <summary>
    /// Runs <paramref name="steps"/> in one transaction, calling <paramref name="onStepDone"/> after
    /// each; false, with nothing changed, when the run needs FluentMigrator's runner instead.
    /// </summary>
    /// <remarks>
    /// Which path a run takes is decided before its first step, from what each migration produces
    /// against the database as it is. Only a migration whose <c>Up()</c> branches on a schema that an
    /// earlier step of the same run changed can still turn out to need FluentMigrator; that run is
    /// rolled back and false returned after some steps were reported.
    /// </remarks>
    public static bool TryRun(
        MigrationCatalog catalog, string connectionString, IReadOnlyList<MigrationStep> steps, Action<MigrationStep, TimeSpan> onStepDone, CancellationToken cancellationToken)
    {
        var migrations = PlainMigrations(catalog, steps);
        if (migrations is null)
        {
            return false;
        }

        try
        {
            using var connection = new SqliteConnection(connectionString);
            connection.Open();
            using var transaction = connection.BeginTransaction();
            var processor = new ScriptOnlyProcessor(connection, transaction);
            var services = new MigrationAssemblyServices(catalog.Assembly);
            var history = new SqliteMigrationHistory(catalog);
            var versionTable = VersionTableState(processor);
            if (versionTable == VersionInfoState.Unusable || !AllScriptOnly(steps, migrations, processor, services))
            {
                return false;
            }

            if (versionTable == VersionInfoState.Missing)
            {
                processor.Execute(SqliteMigrationHistory.CreateVersionTableSql);
            }

            foreach (var step in steps)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var started = Stopwatch.GetTimestamp();
                try
                {
                    Apply(history, step, migrations, processor, services);
                }
                catch (NotScriptOnlyException)
                {
                    return false;
                }
                catch (Exception ex) when (ex is not MigrationException)
                {
                    throw MigrationException.StepFailed(step, ex);
                }

                onStepDone(step, Stopwatch.GetElapsedTime(started));
            }

            cancellationToken.ThrowIfCancellationRequested();
            transaction.Commit();
            return true;
        }
        catch (SqliteException ex)
        {
            // The same message as FluentMigratorSession's: the commit (or the transaction's start) can fail
            // when a reader kept the file locked past the busy timeout.
            throw MigrationException.CommitFailed(ex, ex);
        }
    }

    private static void Apply(SqliteMigrationHistory history, MigrationStep step, IReadOnlyDictionary<long, PlainMigration> migrations, ScriptOnlyProcessor processor, MigrationAssemblyServices services)
    {
        if (step.RecordOnly)
        {
            processor.Execute(SqliteMigrationHistory.RecordVersionSql(step.Version, step.Description));
            processor.Execute(history.RecordChecksumSql(step.Version));
            return;
        }

        var migration = migrations[step.Version];
        foreach (var expression in Expressions(migration, step.Direction, processor, services))
        {
            expression.ExecuteWith(processor);
        }

        if (step.Direction == MigrationDirection.Up)
        {
            processor.Execute(SqliteMigrationHistory.RecordVersionSql(step.Version, migration.Description));
            processor.Execute(history.RecordChecksumSql(step.Version));
        }
        else
        {
            processor.Execute(SqliteMigrationHistory.ForgetVersionSql(step.Version));
            processor.Execute(history.ForgetChecksumSql(step.Version));
        }
    }

    // Each migration's expressions, against the database before the run, with their SQL collected and
    // not run. Any failure here (a script not found, say) is FluentMigrator's to report, in its words.
    private static bool AllScriptOnly(IReadOnlyList<MigrationStep> steps, IReadOnlyDictionary<long, PlainMigration> migrations, ScriptOnlyProcessor processor, MigrationAssemblyServices services)
    {
        processor.CollectOnly = true;
        try
        {
            foreach (var step in steps)
            {
                if (step.RecordOnly)
                {
                    continue;
                }

                foreach (var expression in Expressions(migrations[step.Version], step.Direction, processor, services))
                {
                    expression.ExecuteWith(processor);
                }
            }

            return !processor.Collected.Any(ContainsGoSeparator);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return false;
        }
        finally
        {
            processor.CollectOnly = false;
        }
    }

    private static List<IMigrationExpression> Expressions(PlainMigration migration, MigrationDirection direction, ScriptOnlyProcessor processor, MigrationAssemblyServices services)
    {
        var context = new ScriptOnlyContext(processor, services);
        if (direction == MigrationDirection.Up)
        {
            migration.Instance.GetUpExpressions(context);
        }
        else
        {
            migration.Instance.GetDownExpressions(context);
        }

        var expressions = new List<IMigrationExpression>(context.Expressions);
        foreach (var expression in expressions)
        {
            var plainText = expression switch
            {
                ExecuteEmbeddedSqlScriptExpression script => !string.IsNullOrEmpty(script.SqlScript) && (script.Parameters is null || script.Parameters.Count == 0),
                ExecuteSqlStatementExpression statement => !string.IsNullOrEmpty(statement.SqlStatement),
                _ => false,
            };
            if (!plainText)
            {
                throw new NotScriptOnlyException(expression.GetType().Name);
            }
        }

        return expressions;
    }

    // FluentMigrator's SQLite processor splits a script at GO lines with its batch parser; such a
    // script (or one that merely looks like it) is left to it.
    private static bool ContainsGoSeparator(string sql)
    {
        foreach (var line in sql.AsSpan().EnumerateLines())
        {
            var trimmed = line.Trim();
            if (trimmed.StartsWith("GO", StringComparison.OrdinalIgnoreCase) && (trimmed.Length == 2 || !char.IsLetterOrDigit(trimmed[2]) && trimmed[2] != '_'))
            {
                return true;
            }
        }

        return false;
    }

    // The migrations of the steps, when each is a plain FluentMigrator Migration the path can run:
    // not a table rebuild (foreign keys off, WithConnection), not a breaking change (FluentMigrator
    // refuses those), constructed without services. Null otherwise.
    private static Dictionary<long, PlainMigration>? PlainMigrations(MigrationCatalog catalog, IReadOnlyList<MigrationStep> steps)
    {
        Dictionary<long, Type>? types = null;
        var migrations = new Dictionary<long, PlainMigration>();
        foreach (var step in steps)
        {
            if (step.RecordOnly || migrations.ContainsKey(step.Version))
            {
                continue;
            }

            if (catalog.Find(step.Version) is not { RebuildsTables: false })
            {
                return null;
            }

            types ??= MigrationTypes(catalog.Assembly);
            if (types is null
                || !types.TryGetValue(step.Version, out var type)
                || type.IsAbstract
                || !typeof(Migration).IsAssignableFrom(type)
                || type.GetConstructor(Type.EmptyTypes) is null
                || type.GetCustomAttribute<MigrationAttribute>() is not { BreakingChange: false } attribute)
            {
                return null;
            }

            migrations[step.Version] = new PlainMigration((Migration)Activator.CreateInstance(type)!, attribute.Description ?? type.Name);
        }

        return migrations;
    }

    // Null when two types claim one version: FluentMigrator's loader refuses that, in its words.
    private static Dictionary<long, Type>? MigrationTypes(Assembly assembly)
    {
        var types = new Dictionary<long, Type>();
        foreach (var type in assembly.GetTypes())
        {
            if (type.GetCustomAttribute<MigrationAttribute>() is { } attribute && !types.TryAdd(attribute.Version, type))
            {
                return null;
            }
        }

        return types;
    }

    // FluentMigrator's version loader creates the table when it is missing and adds AppliedOn (with
    // the unique index) and Description when an older FluentMigrator made it without them.
    private static VersionInfoState VersionTableState(ScriptOnlyProcessor processor)
    {
        if (processor.TableExists(string.Empty, MigrationHistory.VersionTableName))
        {
            return processor.ColumnExists(string.Empty, MigrationHistory.VersionTableName, "AppliedOn") && processor.ColumnExists(string.Empty, MigrationHistory.VersionTableName, "Description")
                ? VersionInfoState.Ready
                : VersionInfoState.Unusable;
        }

        // Another spelling of the name would make FluentMigrator's CREATE TABLE fail: its error, then.
        return processor.TableExistsIgnoringCase(MigrationHistory.VersionTableName) ? VersionInfoState.Unusable : VersionInfoState.Missing;
    }
}
