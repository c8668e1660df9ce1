using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace OpenRouterConsole.Migrations.Runner.Postgres;

/// <summary>
/// A <c>pg_dump -Fc</c> of the database before a rollback, named <c>console.v2.20261124T101500123Z.dump</c>
/// in <see cref="MigrationOptions.BackupDirectory"/> (default: the current directory). Written as
/// <c>.partial</c> and renamed when pg_dump succeeds. Restore with
/// <c>pg_restore --clean --if-exists --single-transaction -d DATABASE FILE</c>.
/// </summary>
internal static class PostgresBackup
{
    private const string Extension = ".dump";

    public static string Create(NpgsqlConnectionStringBuilder settings, string databaseName, long version, MigrationOptions options)
    {
        var pgDump = FindOnPath("pg_dump")
            ?? throw MigrationException.Failed(
                $"Cannot back up {databaseName} before changing it: pg_dump is not on the PATH. " +
                "Install the PostgreSQL client tools, or pass --no-backup (BackupEnabled = false) to go on without a backup.");

        var directory = Path.GetFullPath(options.BackupDirectory ?? Directory.GetCurrentDirectory());
        Directory.CreateDirectory(directory);
        var stem = settings.Database!;
        var path = Path.Combine(directory, $"{stem}.v{version}.{DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture)}{Extension}");
        var partial = path + ".partial";

        var start = new ProcessStartInfo(pgDump)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-Fc", "--no-password", "-f", partial, "-h", settings.Host!, "-p", settings.Port.ToString(CultureInfo.InvariantCulture), "-d", stem })
        {
            start.ArgumentList.Add(argument);
        }

        if (!string.IsNullOrEmpty(settings.Username))
        {
            start.ArgumentList.Add("-U");
            start.ArgumentList.Add(settings.Username);
        }

        if (!string.IsNullOrEmpty(settings.Password))
        {
            start.Environment["PGPASSWORD"] = settings.Password;
        }

        using (var process = Process.Start(start)!)
        {
            var errors = process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                File.Delete(partial);
                var reason = errors.Result.Trim().Split('\n')[0];
                throw MigrationException.Failed($"Backing up {databaseName} with pg_dump failed ({reason}); nothing was changed.");
            }
        }

        File.Move(partial, path);
        Prune(directory, stem, options.BackupsToKeep, keep: path);
        return path;
    }

    /// <summary>Keeps the newest <paramref name="count"/> dumps of this database, by the time in their names.</summary>
    private static void Prune(string directory, string stem, int count, string keep)
    {
        var dumps = Directory.GetFiles(directory, $"{stem}.v*{Extension}")
            .OrderByDescending(f => Path.GetFileName(f)[(Path.GetFileName(f).LastIndexOf('.', Path.GetFileName(f).Length - Extension.Length - 1) + 1)..], StringComparer.Ordinal)
            .Skip(count)
            .Where(f => f != keep);
        foreach (var old in dumps)
        {
            try
            {
                File.Delete(old);
            }
            catch (IOException)
            {
                // Best effort: an old backup left behind does no harm.
            }
        }
    }

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);
}
