using System.Diagnostics;
using System.Globalization;
using Npgsql;
using OpenRouterConsole.Migrations.Runner.Providers;

namespace OpenRouterConsole.Migrations.Runner.Postgres;

/// <summary>
/// A session-level advisory lock on the migrating database, held by a dedicated non-pooled connection:
/// the server releases it when that connection closes or its process dies. Advisory locks belong to
/// one database, so different console databases on one server never wait for each other.
/// </summary>
internal sealed class PostgresAdvisoryLock : IHeldLock
{
    /// <summary>"ORCMIGRA": the lock's key, the same in every process.</summary>
    public const long Key = 0x4F52_434D_4947_5241;

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    private readonly Action _release;

    private PostgresAdvisoryLock(Action release, TimeSpan waited)
    {
        _release = release;
        Waited = waited;
    }

    public TimeSpan Waited { get; }

    /// <summary>Takes the database's migration lock on <paramref name="connection"/>, waiting up to <paramref name="timeout"/>.</summary>
    /// <param name="connection">The session that holds the lock until it is released.</param>
    /// <param name="databaseName">The database named in the wait message.</param>
    /// <param name="timeout">How long to wait for another session's lock.</param>
    /// <param name="onWait">Called once when another session holds the lock, with who that is (see <see cref="DescribeHolder"/>).</param>
    /// <param name="release">Undoes the lock; run on dispose.</param>
    /// <param name="cancellationToken">Ends the wait.</param>
    /// <remarks>The wait ends at once, with <see cref="OperationCanceledException"/>, when <paramref name="cancellationToken"/> fires.</remarks>
    public static PostgresAdvisoryLock Acquire(
        NpgsqlConnection connection, string databaseName, TimeSpan timeout, Action<string> onWait, Action release, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var clock = Stopwatch.StartNew();
        var announced = false;
        using var command = new NpgsqlCommand($"SELECT pg_try_advisory_lock({Key})", connection);
        while (!(bool)command.ExecuteScalar()!)
        {
            if (clock.Elapsed >= timeout)
            {
                throw MigrationException.Failed(
                    $"Timed out after {timeout.TotalSeconds:0.#} s waiting for the migration lock on {databaseName}, held by {DescribeHolder(connection)}.");
            }

            if (!announced)
            {
                onWait(DescribeHolder(connection));
                announced = true;
            }

            // Wakes at once on cancellation; the caller's connection (and so any lock) is closed by its owner.
            cancellationToken.WaitHandle.WaitOne(PollInterval);
            cancellationToken.ThrowIfCancellationRequested();
        }

        return new PostgresAdvisoryLock(release, announced ? clock.Elapsed : TimeSpan.Zero);
    }

    /// <summary>Closing the dedicated connection releases the lock without another round trip.</summary>
    public void Dispose() => _release();

    /// <summary>The session that holds the lock, from pg_locks and pg_stat_activity.</summary>
    internal static string DescribeHolder(NpgsqlConnection connection)
    {
        // A bigint key is stored as classid (high half), objid (low half), objsubid 1.
        using var command = new NpgsqlCommand(
            $"""
            SELECT a.pid, coalesce(a.application_name, ''), coalesce(host(a.client_addr), 'local socket'), a.backend_start
            FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
              AND l.classid = {Key >> 32} AND l.objid = {Key & 0xFFFF_FFFF} AND l.objsubid = 1
            """,
            connection);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return "another session (it has just let go)";
        }

        var application = reader.GetString(1);
        var since = reader.GetFieldValue<DateTimeOffset>(3).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return $"server process {reader.GetInt32(0)}{(application.Length > 0 ? $" ({application})" : string.Empty)} from {reader.GetString(2)} since {since}";
    }
}
