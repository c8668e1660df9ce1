using System.Text;
using Microsoft.Data.Sqlite;
using OpenRouterConsole.Migrations.Runner.History;

namespace OpenRouterConsole.Migrations.Runner.Integrity;

/// <summary>
/// The tables a run can change, so that the integrity check before it reads those (with their
/// indexes) rather than the whole file: on a large database the rollback of one column then checks
/// one table, not a million messages.
/// </summary>
/// <remarks>
/// Why this is still safe. The check is there so that a run never writes into a damaged b-tree (and
/// makes the damage worse) and never reports success over one. A run writes only to: the tables its
/// scripts name; VersionInfo and MigrationChecksums; the schema table (DDL); and, when a script
/// deletes, updates or replaces rows, the tables whose foreign keys point at those (ON DELETE /
/// ON UPDATE actions), transitively. All of these are checked. Damage elsewhere is left exactly as
/// it was, and the backup (on by default) is a page-for-page copy taken before the run. Whenever the
/// scope cannot be known — a step without a script, a table rebuild, an unreadable schema — the whole file is checked.
/// What a table check does not cover is the freelist: pages a run allocates come from it.
/// </remarks>
internal static class IntegrityScope
{
    // Statements that can fire foreign-key actions in other tables.
    private static readonly string[] RowChangingWords = ["DELETE", "UPDATE", "REPLACE", "DROP TABLE"];

    /// <summary>The tables to check before running <paramref name="steps"/>, or null for the whole file.</summary>
    public static IReadOnlyCollection<string>? TablesTouchedBy(SqliteConnection connection, MigrationCatalog catalog, IReadOnlyList<MigrationStep> steps)
    {
        var scripts = new StringBuilder();
        foreach (var step in steps)
        {
            if (step.RecordOnly)
            {
                continue; // writes only the version and checksum rows
            }

            // A table rebuild copies and drops tables in code, not in its script: check everything.
            if (catalog.Find(step.Version) is not { RebuildsTables: false } || ScriptOf(catalog, step) is not { } script)
            {
                return null;
            }

            scripts.AppendLine(WithoutComments(script));
        }

        // One space between words, so that "DROP\n  TABLE" reads as "DROP TABLE".
        var sql = string.Join(' ', scripts.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var tables = TablesAndParents(connection);
        var touched = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "sqlite_schema" };
        foreach (var table in tables.Keys)
        {
            // sqlite_sequence: any insert into an AUTOINCREMENT table writes it.
            if (Mentions(sql, table) || table.Equals(MigrationHistory.VersionTableName, StringComparison.OrdinalIgnoreCase)
                || table.Equals(MigrationHistory.ChecksumTableName, StringComparison.OrdinalIgnoreCase) || table == "sqlite_sequence")
            {
                touched.Add(table);
            }
        }

        if (RowChangingWords.Any(word => Mentions(sql, word)))
        {
            // Children of a touched table, until no table is added.
            bool added;
            do
            {
                added = false;
                foreach (var (table, parents) in tables)
                {
                    if (!touched.Contains(table) && parents.Any(touched.Contains))
                    {
                        added |= touched.Add(table);
                    }
                }
            }
            while (added);
        }

        // A trigger writes where its script says; rather than follow it, check everything.
        return HasTriggerOn(connection, touched) ? null : touched;
    }

    private static bool HasTriggerOn(SqliteConnection connection, HashSet<string> tables)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT tbl_name FROM sqlite_schema WHERE type = 'trigger'";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            if (tables.Contains(reader.GetString(0)))
            {
                return true;
            }
        }

        return false;
    }

    // By the convention the tests enforce: migration N runs Sqlite.NNN_name.sql up and Sqlite.NNN_name_down.sql down.
    private static string? ScriptOf(MigrationCatalog catalog, MigrationStep step)
    {
        var assembly = catalog.Assembly;
        var prefix = $"Sqlite.{step.Version:000}_";
        var down = step.Direction == MigrationDirection.Down;
        var name = assembly.GetManifestResourceNames().FirstOrDefault(n =>
            n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal)
            && n.EndsWith("_down.sql", StringComparison.Ordinal) == down);
        if (name is null)
        {
            return null;
        }

        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    // Every table and the tables its foreign keys point at.
    private static Dictionary<string, string[]> TablesAndParents(SqliteConnection connection)
    {
        var tables = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT m.name, f.\"table\" FROM sqlite_schema m LEFT JOIN pragma_foreign_key_list(m.name) f " +
            "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_stat%'";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var table = reader.GetString(0);
            if (!tables.TryGetValue(table, out var parents))
            {
                tables[table] = parents = [];
            }

            if (!reader.IsDBNull(1))
            {
                parents.Add(reader.GetString(1));
            }
        }

        return tables.ToDictionary(t => t.Key, t => t.Value.ToArray(), StringComparer.OrdinalIgnoreCase);
    }

    // A whole word (or words), in any case: "profiles" in "ALTER TABLE profiles", not in "profiles_v2".
    private static bool Mentions(string sql, string word)
    {
        for (var at = sql.IndexOf(word, StringComparison.OrdinalIgnoreCase); at >= 0; at = sql.IndexOf(word, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            var end = at + word.Length;
            if ((at == 0 || !IsWordCharacter(sql[at - 1])) && (end == sql.Length || !IsWordCharacter(sql[end])))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsWordCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c == '_' || c == '$';

    // Comments may name tables and statements the script does not run ("-- would fire ON DELETE ...").
    private static string WithoutComments(string script)
    {
        var text = new StringBuilder(script.Length);
        for (var i = 0; i < script.Length; i++)
        {
            if (script[i] == '-' && i + 1 < script.Length && script[i + 1] == '-')
            {
                i = script.IndexOf('\n', i) is var end and >= 0 ? end : script.Length;
                text.Append('\n');
            }
            else if (script[i] == '/' && i + 1 < script.Length && script[i + 1] == '*')
            {
                i = script.IndexOf("*/", i + 2, StringComparison.Ordinal) is var end and >= 0 ? end + 1 : script.Length;
                text.Append(' ');
            }
            else if (script[i] == '\'')
            {
                // A string literal: copied whole, so that "--" inside it is not taken for a comment.
                var end = script.IndexOf('\'', i + 1);
                end = end < 0 ? script.Length - 1 : end;
                text.Append(script, i, end - i + 1);
                i = end;
            }
            else
            {
                text.Append(script[i]);
            }
        }

        return text.ToString();
    }
}
