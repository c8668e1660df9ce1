using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using OpenRouterConsole.Migrations.Runner.History;
using OpenRouterConsole.Migrations.Runner.Locking;
using OpenRouterConsole.Migrations.Runner.Schema;

namespace OpenRouterConsole.Migrations.Runner.Copy;

/// <summary>
/// Moves a console from its SQLite file to an empty PostgreSQL database: every row of every console
/// table with its id, links and exact values, in one transaction on the target, then checks that
/// both sides hold the same rows before committing.
/// </summary>
/// <remarks>
/// Stages: check both connection strings; read the source (read-only) and refuse anything that is not
/// a console database at the latest version (unless asked to migrate it first); check that the target
/// is reachable and holds no console rows. Only then: migrate the source if asked; take the source's
/// migration lock and a read snapshot; open one transaction on the target (advisory lock, schema by
/// FluentMigrator up to the source's version, binary COPY of each table, identity continued); read
/// both sides back into row counts and content checksums; commit only if every table matches.
/// A failure or a kill before the commit leaves the target exactly as it was; so does a cancellation,
/// checked between stages, tables and batches of rows (the target's transaction is rolled back).
/// </remarks>
public sealed class SqliteToPostgresCopy
{
    private const int ProgressCheckEvery = 4096;

    private readonly CopyOptions _options;

    /// <summary>Prepares a copy; nothing is opened until <see cref="Run"/>.</summary>
    public SqliteToPostgresCopy(CopyOptions options)
    {
        _options = options;
    }

    /// <summary>Copies, verifies, and commits only if both sides match (see <see cref="CopyReport.Committed"/>).</summary>
    /// <exception cref="OperationCanceledException">
    /// <paramref name="cancellationToken"/> fired before the commit: the target is left as it was
    /// (a source migrated with <see cref="CopyOptions.MigrateSource"/> stays migrated if that had finished).
    /// </exception>
    public CopyReport Run(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var clock = Stopwatch.StartNew();
        var source = ResolveSource(_options.SourceConnectionString);
        var target = PostgresTarget.Parse(_options.TargetConnectionString);

        // Everything below reads only, until the checks have passed.
        var found = ReadSource(source);
        long targetVersionBefore;
        using (var probe = target.Open())
        {
            targetVersionBefore = CheckTarget(probe, found.Snapshot);
        }

        long? migratedFrom = null;
        string? backup = null;
        // A database without version records is migrated too: migrate records its versions (adoption).
        if (found.Version != MigrationCatalog.Console.LatestVersion || !found.Versioned)
        {
            if (!_options.MigrateSource)
            {
                throw MigrationException.Failed(
                    $"'{source.Path}' is at version {found.Describe()} but copy works at the latest version, {MigrationCatalog.Console.LatestVersion}; " +
                    "migrate it first ('migrate') or pass --migrate-source. Nothing was written.");
            }

            var migrated = new ConsoleMigrator(new MigrationOptions
            {
                ConnectionString = _options.SourceConnectionString,
                BackupEnabled = _options.SourceBackupEnabled,
                LockTimeout = _options.LockTimeout,
            }).Migrate(cancellationToken: cancellationToken);
            migratedFrom = found.Version;
            backup = migrated.BackupPath;
        }

        // Held to the end: no migration changes the source while it is read.
        using var sourceLock = MigrationLock.Acquire(source.Path, _options.LockTimeout, cancellationToken: cancellationToken);
        using var connection = OpenSource(source);
        found = ReadSource(source, connection);
        if (found.Version != MigrationCatalog.Console.LatestVersion || !found.Versioned)
        {
            throw MigrationException.Failed($"'{source.Path}' changed to version {found.Describe()} while the copy started; nothing was written.");
        }

        // One read transaction: every table, count and checksum comes from the same snapshot.
        Execute(connection, "BEGIN");
        try
        {
            var (tables, identities, verifyTime) = CopyInOneTransaction(connection, target, found, cancellationToken);
            return new CopyReport(
                source.Path, found.Version, migratedFrom, backup, target.Description, targetVersionBefore,
                tables, identities, clock.Elapsed, Committed: tables.All(t => t.Matches), verifyTime);
        }
        finally
        {
            Execute(connection, "ROLLBACK");
        }
    }

    private (IReadOnlyList<TableCopyResult> Tables, IReadOnlyList<IdentityContinuation> Identities, TimeSpan VerifyTime) CopyInOneTransaction(
        SqliteConnection connection, PostgresTarget target, SourceState found, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        PostgresSchemaSession session;
        try
        {
            session = new PostgresSchemaSession(target.ConnectionString);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            throw target.Explain(ex);
        }

        using (session)
        {
            var pg = session.Connection;
            // The runner's migration lock key: a copy never runs beside a migration of the same target.
            using (var command = new NpgsqlCommand($"SELECT pg_try_advisory_xact_lock({Postgres.PostgresAdvisoryLock.Key})", pg))
            {
                if (!(bool)command.ExecuteScalar()!)
                {
                    throw MigrationException.Failed($"Another process is migrating or copying into {target.Description}; try again when it is done. Nothing was written.");
                }
            }

            // Checked again inside the transaction, under the lock: nothing can have slipped in since the first look.
            CheckTarget(pg, found.Snapshot);
            session.MigrateUpTo(found.Version);
            // From here on, a cancellation leaves the transaction uncommitted: disposing the session rolls it back.
            var plans = TablePlan.Build(found.Snapshot, PostgresTarget.ReadColumns(pg));

            var copied = new List<(TablePlan Plan, ContentChecksum Source, long MaxId, TimeSpan Time)>();
            foreach (var plan in plans)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var started = Stopwatch.GetTimestamp();
                var (checksum, maxId) = CopyTable(connection, pg, plan, cancellationToken);
                copied.Add((plan, checksum, maxId, Stopwatch.GetElapsedTime(started)));
            }

            var identities = new List<IdentityContinuation>();
            foreach (var (plan, _, maxId, _) in copied.Where(c => c.Plan.IdentityColumn is not null))
            {
                identities.Add(ContinueIdentity(connection, pg, plan, maxId));
            }

            var verifying = Stopwatch.GetTimestamp();
            var results = new List<TableCopyResult>();
            foreach (var (plan, sourceChecksum, _, time) in copied)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var targetChecksum = ChecksumTarget(pg, plan);
                results.Add(new TableCopyResult(
                    plan.Name,
                    SourceCount(connection, plan),
                    sourceChecksum.Rows,
                    targetChecksum.Rows,
                    sourceChecksum.Value,
                    targetChecksum.Value,
                    time));
            }

            var verifyTime = Stopwatch.GetElapsedTime(verifying);
            cancellationToken.ThrowIfCancellationRequested();
            if (results.All(r => r.Matches))
            {
                session.Commit();
            }

            return (results, identities, verifyTime);
        }
    }

    private (ContentChecksum Checksum, long MaxId) CopyTable(SqliteConnection source, NpgsqlConnection target, TablePlan plan, CancellationToken cancellationToken)
    {
        var total = SourceCount(source, plan);
        var checksum = new ContentChecksum();
        var identityOrdinal = plan.IdentityColumn is null ? -1 : plan.Columns.ToList().FindIndex(c => c.Name == plan.IdentityColumn);
        long maxId = 0;
        var clock = Stopwatch.StartNew();
        var lastReport = TimeSpan.Zero;
        Report(plan.Name, "copy", 0, total, clock.Elapsed, done: false);

        using var command = source.CreateCommand();
        command.CommandText = $"SELECT {plan.QuotedColumnList} FROM {plan.QuotedName}";
        using var reader = command.ExecuteReader();
        using var importer = target.BeginBinaryImport($"COPY {plan.QuotedName} ({plan.QuotedColumnList}) FROM STDIN (FORMAT BINARY)");
        var columns = plan.Columns;
        while (reader.Read())
        {
            importer.StartRow();
            for (var i = 0; i < columns.Count; i++)
            {
                if (reader.IsDBNull(i))
                {
                    importer.WriteNull();
                    checksum.AddNull();
                    continue;
                }

                // SQLite types values, not columns: each value's own storage class must fit the target column.
                var storage = reader.GetFieldType(i);
                switch (columns[i].Kind)
                {
                    case ColumnKind.Integer when storage == typeof(long):
                        var integer = reader.GetInt64(i);
                        importer.Write(integer, NpgsqlDbType.Bigint);
                        checksum.AddInteger(integer);
                        if (i == identityOrdinal)
                        {
                            maxId = Math.Max(maxId, integer);
                        }

                        break;
                    case ColumnKind.Real when storage == typeof(double):
                        var real = reader.GetDouble(i);
                        importer.Write(real, NpgsqlDbType.Double);
                        checksum.AddReal(real);
                        break;
                    case ColumnKind.Text when storage == typeof(string):
                        var text = reader.GetString(i);
                        importer.Write(text, NpgsqlDbType.Text);
                        checksum.AddText(text);
                        break;
                    default:
                        throw UnfitValue(reader, plan, i, storage);
                }
            }

            checksum.EndRow();
            if (checksum.Rows % ProgressCheckEvery == 0)
            {
                // Between batches: the importer, disposed without Complete, cancels its COPY.
                cancellationToken.ThrowIfCancellationRequested();
                if (clock.Elapsed - lastReport >= _options.ProgressInterval)
                {
                    lastReport = clock.Elapsed;
                    Report(plan.Name, "copy", checksum.Rows, total, lastReport, done: false);
                }
            }
        }

        importer.Complete();
        Report(plan.Name, "copy", checksum.Rows, total, clock.Elapsed, done: true);
        return (checksum, maxId);
    }

    // The same encoding as the copy's, from the rows the target now holds (inside the transaction).
    private static ContentChecksum ChecksumTarget(NpgsqlConnection target, TablePlan plan)
    {
        var checksum = new ContentChecksum();
        using var exporter = target.BeginBinaryExport($"COPY (SELECT {plan.QuotedColumnList} FROM {plan.QuotedName}) TO STDOUT (FORMAT BINARY)");
        var columns = plan.Columns;
        while (exporter.StartRow() != -1)
        {
            for (var i = 0; i < columns.Count; i++)
            {
                if (exporter.IsNull)
                {
                    exporter.Skip();
                    checksum.AddNull();
                    continue;
                }

                switch (columns[i].Kind)
                {
                    case ColumnKind.Integer:
                        checksum.AddInteger(exporter.Read<long>(NpgsqlDbType.Bigint));
                        break;
                    case ColumnKind.Real:
                        checksum.AddReal(exporter.Read<double>(NpgsqlDbType.Double));
                        break;
                    default:
                        checksum.AddText(exporter.Read<string>(NpgsqlDbType.Text));
                        break;
                }
            }

            checksum.EndRow();
        }

        return checksum;
    }

    // After the highest id the source ever handed out: the copied ids, and AUTOINCREMENT's own
    // counter (ids of deleted rows are never reused by SQLite, so they are not by PostgreSQL either).
    private static IdentityContinuation ContinueIdentity(SqliteConnection source, NpgsqlConnection target, TablePlan plan, long maxCopiedId)
    {
        var last = Math.Max(maxCopiedId, SqliteSequence(source, plan.Name));
        using var command = new NpgsqlCommand("SELECT setval(pg_get_serial_sequence(@table, @column), @value, @called)", target);
        command.Parameters.AddWithValue("table", plan.QuotedName);
        command.Parameters.AddWithValue("column", plan.IdentityColumn!);
        // Nothing handed out yet: the next id is 1, as in a new SQLite table.
        command.Parameters.AddWithValue("value", Math.Max(last, 1));
        command.Parameters.AddWithValue("called", last > 0);
        command.ExecuteNonQuery();
        return new IdentityContinuation(plan.Name, plan.IdentityColumn!, last + 1);
    }

    private static long SqliteSequence(SqliteConnection source, string table)
    {
        using var command = source.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_sequence'";
        if (command.ExecuteScalar() is null)
        {
            return 0;
        }

        command.CommandText = "SELECT seq FROM sqlite_sequence WHERE name = $table";
        command.Parameters.AddWithValue("$table", table);
        return command.ExecuteScalar() is long seq ? seq : 0;
    }

    private static long SourceCount(SqliteConnection source, TablePlan plan)
    {
        using var command = source.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {plan.QuotedName}";
        return (long)command.ExecuteScalar()!;
    }

    private static MigrationException UnfitValue(SqliteDataReader reader, TablePlan plan, int ordinal, Type storage)
    {
        var column = plan.Columns[ordinal];
        var held = storage == typeof(long) ? "an integer" : storage == typeof(double) ? "a real" : storage == typeof(string) ? "text" : "a blob";
        var value = storage == typeof(byte[]) ? $"{((byte[])reader.GetValue(ordinal)).Length} bytes" : $"'{Shorten(Convert.ToString(reader.GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture))}'";
        return MigrationException.Failed(
            $"Cannot copy {plan.Name}.{column.Name}: a row holds {held} ({value}) where PostgreSQL's column is {column.PostgresType}; " +
            "SQLite accepted it, PostgreSQL would change or refuse it. Fix that row in the source; nothing was written.");
    }

    private static string Shorten(string? text) => text is null ? string.Empty : text.Length <= 40 ? text : text[..40] + "…";

    private static DatabaseFile ResolveSource(string connectionString)
    {
        if (LooksLikePostgres(connectionString))
        {
            throw MigrationException.Usage(
                "The source names a PostgreSQL server (Host=...); copy reads the console's SQLite file: give --from \"Data Source=console.db\".");
        }

        var source = DatabaseFile.Resolve(connectionString);
        source.EnsureReadable();
        if (!source.HasContent)
        {
            throw MigrationException.Failed($"'{source.Path}' does not exist or is empty; there is nothing to copy.");
        }

        return source;
    }

    private static bool LooksLikePostgres(string connectionString)
    {
        try
        {
            return !string.IsNullOrWhiteSpace(new NpgsqlConnectionStringBuilder(connectionString).Host);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException)
        {
            return false;
        }
    }

    private static SqliteConnection OpenSource(DatabaseFile source)
    {
        try
        {
            return source.Open(SqliteOpenMode.ReadOnly);
        }
        catch (SqliteException ex)
        {
            throw source.Explain(ex, "open");
        }
    }

    private static SourceState ReadSource(DatabaseFile source)
    {
        using var connection = OpenSource(source);
        return ReadSource(source, connection);
    }

    /// <summary>The source's version and schema; refuses a file that is not a console database, or one newer than this tool.</summary>
    private static SourceState ReadSource(DatabaseFile source, SqliteConnection connection)
    {
        IReadOnlyList<AppliedMigration> applied;
        SchemaSnapshot snapshot;
        try
        {
            applied = SqliteMigrationHistory.Read(connection);
            snapshot = SchemaSnapshot.Read(connection);
        }
        catch (SqliteException ex)
        {
            throw source.Explain(ex, "read");
        }

        var status = new DatabaseStatus(source.Path, true, applied);
        if (status.UnknownVersions.Count > 0)
        {
            throw MigrationException.Failed(
                $"'{source.Path}' records version(s) {string.Join(", ", status.UnknownVersions)} that this tool does not know; it is newer than this tool. Nothing was written.");
        }

        if (applied.Count > 0)
        {
            var drift = SchemaGuard.CompareWithRecorded(MigrationCatalog.Console, snapshot, applied);
            if (drift.Count > 0)
            {
                throw MigrationException.Failed(
                    $"'{source.Path}' records version {status.CurrentVersion} but its schema differs: {SchemaGuard.Summarise(drift)}. Run 'verify' on it; nothing was written.");
            }

            return new SourceState(status.CurrentVersion, Versioned: true, snapshot);
        }

        var (version, closest, differences) = SchemaGuard.IdentifyUnversioned(MigrationCatalog.Console, snapshot);
        if (version is null or 0)
        {
            var why = version == 0 ? "it has none of the console's tables" : $"its schema matches no console version (closest is {closest}: {SchemaGuard.Summarise(differences)})";
            throw MigrationException.Failed($"'{source.Path}' is not a console database: {why}. Nothing was written.");
        }

        return new SourceState(version.Value, Versioned: false, snapshot);
    }

    /// <summary>Refuses a target that records unknown versions or holds console rows; returns its version.</summary>
    private static long CheckTarget(NpgsqlConnection connection, SchemaSnapshot source)
    {
        var versions = PostgresMigrationHistory.ReadVersions(connection);
        var unknown = versions.Where(v => !MigrationCatalog.Console.Contains(v)).ToArray();
        if (unknown.Length > 0)
        {
            throw MigrationException.Failed(
                $"The target records version(s) {string.Join(", ", unknown)} that this tool does not know; it is newer than this tool. Nothing was written.");
        }

        var counts = PostgresTarget.RowCounts(connection, source.Tables.Select(t => t.Name));
        var filled = counts.Where(c => c.Value > 0).Select(c => $"{c.Key}: {c.Value}").ToArray();
        if (filled.Length > 0)
        {
            throw MigrationException.Failed(
                $"The target already holds console rows ({string.Join(", ", filled)}); copy only fills an empty database. Nothing was written.");
        }

        if (versions.Count == 0 && counts.Count > 0)
        {
            throw MigrationException.Failed(
                $"The target has console tables ({string.Join(", ", counts.Keys)}) but no version records; copy needs an empty database or one made by this tool. Nothing was written.");
        }

        return versions.Count == 0 ? 0 : versions.Max();
    }

    private void Report(string table, string stage, long rows, long total, TimeSpan elapsed, bool done) =>
        _options.Progress?.Invoke(new CopyProgress(table, stage, rows, total, elapsed, done));

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private sealed record SourceState(long Version, bool Versioned, SchemaSnapshot Snapshot)
    {
        public string Describe() => Versioned ? Version.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{Version} without version records";
    }
}
