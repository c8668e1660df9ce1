using System.Data;
using System.Text.RegularExpressions;

namespace OpenRouterConsole.Migrations.Rebuilds;

/// <summary>
/// SQLite's documented 12-step procedure for a table change <c>ALTER TABLE</c> cannot make
/// (https://www.sqlite.org/lang_altertable.html#otheralter), over plain System.Data so that any runner
/// can execute it. Steps 1, 2, 11 and 12 (foreign keys off, the transaction) belong to the runner; this
/// does 3 to 10 inside the transaction it is given. No row passes through .NET: the copy is one
/// INSERT ... SELECT.
/// </summary>
internal sealed partial class TableRebuild(string table, string script, IReadOnlyDictionary<string, string> fill)
{
    public void Run(IDbConnection connection, IDbTransaction? transaction)
    {
        var db = new SqlCommands(connection, transaction);
        var statements = SqlStatements.Split(script);
        var create = statements.Count > 0 ? CreateTablePattern().Match(statements[0]) : Match.Empty;
        if (!create.Success || !Unquote(create.Groups["name"].Value).Equals(table, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"The rebuild script of '{table}' must begin with CREATE TABLE {table} (...).");
        }

        if (db.Scalar("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = @p0", table) is 0L)
        {
            throw new InvalidOperationException($"Cannot rebuild table '{table}': the database has no such table.");
        }

        // Step 1 is the runner's: with foreign keys on, dropping a parent would fire its children's
        // ON DELETE actions (CASCADE erases them, SET NULL cuts the links). Refuse rather than lose rows.
        var children = ChildTables(db);
        if (children.Count > 0 && db.Scalar("PRAGMA foreign_keys") is 1L)
        {
            throw new InvalidOperationException(
                $"Cannot rebuild table '{table}' with foreign keys on: {string.Join(", ", children)} point at it, and dropping it " +
                "would fire their ON DELETE actions. Nothing was changed. Foreign keys must be off before the transaction begins: " +
                "orc-migrate and the console's start-up runner do this themselves; with dotnet-fm add 'Foreign Keys=False' to the connection string.");
        }

        // Step 3: remember the table's indexes and triggers, every view, and the AUTOINCREMENT sequence.
        var redefined = statements.Skip(1).Select(ObjectName).Where(n => n is not null).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var dependents = db.Rows("SELECT type, name, sql FROM sqlite_master WHERE tbl_name = @p0 AND type IN ('index', 'trigger') AND sql IS NOT NULL", table);
        var views = db.Rows("SELECT type, name, sql FROM sqlite_master WHERE type = 'view'");
        var sequence = db.Scalar("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_sequence'") is 1L
            ? db.Scalar("SELECT seq FROM sqlite_sequence WHERE name = @p0", table)
            : null;
        var oldColumns = Columns(db, table);

        // Step 4: the new table, under a scratch name.
        var scratch = table + "__rebuild";
        db.Execute($"DROP TABLE IF EXISTS {Quote(scratch)}");
        db.Execute(statements[0][..create.Groups["name"].Index] + Quote(scratch) + statements[0][(create.Groups["name"].Index + create.Groups["name"].Length)..]);
        var newColumns = Columns(db, scratch);

        // Step 5: copy every row, ids (and the rowid of a table without INTEGER PRIMARY KEY) included.
        foreach (var column in fill.Keys.Where(c => !newColumns.Contains(c, StringComparer.OrdinalIgnoreCase)))
        {
            throw new InvalidOperationException($"The rebuild of '{table}' fills column '{column}', which its new CREATE TABLE does not have.");
        }

        var targets = new List<string>();
        var sources = new List<string>();
        if (HasOwnRowid(db, table, statements[0]) && HasOwnRowid(db, scratch, statements[0]))
        {
            targets.Add("rowid");
            sources.Add("rowid");
        }

        foreach (var column in newColumns)
        {
            var expression = fill.FirstOrDefault(f => f.Key.Equals(column, StringComparison.OrdinalIgnoreCase)).Value
                ?? (oldColumns.Contains(column, StringComparer.OrdinalIgnoreCase) ? Quote(column) : null);
            if (expression is not null)
            {
                targets.Add(Quote(column));
                sources.Add(expression);
            }
        }

        db.Execute($"INSERT INTO {Quote(scratch)} ({string.Join(", ", targets)}) SELECT {string.Join(", ", sources)} FROM {Quote(table)}");

        // Steps 6 and 7. The legacy rename leaves views and triggers that name the table alone (the
        // modern one would re-parse them against a schema that momentarily lacks it, and fail).
        var legacyAlterTable = db.Scalar("PRAGMA legacy_alter_table");
        db.Execute("PRAGMA legacy_alter_table = ON");
        db.Execute($"DROP TABLE {Quote(table)}");
        db.Execute($"ALTER TABLE {Quote(scratch)} RENAME TO {Quote(table)}");
        db.Execute($"PRAGMA legacy_alter_table = {legacyAlterTable}");

        // The sequence may be above every id (rows deleted at the top): AUTOINCREMENT must never reuse those.
        if (sequence is not null && AutoincrementPattern().IsMatch(statements[0]))
        {
            db.Execute("DELETE FROM sqlite_sequence WHERE name = @p0", table);
            db.Execute("INSERT INTO sqlite_sequence (name, seq) SELECT @p0, max(@p1, coalesce((SELECT max(rowid) FROM " + Quote(table) + "), 0))", table, sequence);
        }

        // Step 8: the old indexes and triggers, unless the script redefines them; then the script's own.
        foreach (var (type, name, sql) in dependents.Where(d => !redefined.Contains(d.Name)))
        {
            Recreate(db, type, name, sql);
        }

        foreach (var statement in statements.Skip(1))
        {
            if (ViewPattern().Match(statement) is { Success: true } view)
            {
                db.Execute($"DROP VIEW IF EXISTS {view.Groups["name"].Value}");
            }

            db.Execute(statement);
        }

        // Step 9: every view still works on the new table.
        foreach (var (_, name, _) in views.Where(v => !redefined.Contains(v.Name)))
        {
            try
            {
                db.Execute($"SELECT * FROM {Quote(name)} LIMIT 0");
            }
            catch (Exception ex) when (ex is System.Data.Common.DbException)
            {
                throw new InvalidOperationException(
                    $"View '{name}' no longer works on the rebuilt '{table}' ({ex.Message}); redefine it in the rebuild script.", ex);
            }
        }

        // Step 10: no row may point at nothing, in the table or in its children.
        foreach (var checkedTable in children.Prepend(table))
        {
            var violations = db.Rows($"SELECT \"table\", parent, count(*) FROM pragma_foreign_key_check({Literal(checkedTable)}) GROUP BY \"table\", parent");
            if (violations.Count > 0)
            {
                var (child, parent, count) = violations[0];
                throw new InvalidOperationException(
                    $"Rebuilding '{table}' would leave {count} row(s) of '{child}' pointing at no row of '{parent}'; the migration was rolled back and nothing was changed.");
            }
        }
    }

    private static void Recreate(SqlCommands db, string type, string name, string sql)
    {
        try
        {
            db.Execute(sql);
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException)
        {
            throw new InvalidOperationException(
                $"The {type} '{name}' cannot be recreated on the rebuilt table ({ex.Message}); redefine it in the rebuild script.", ex);
        }
    }

    private List<string> ChildTables(SqlCommands db) =>
        db.Rows(
                "SELECT DISTINCT m.name, '', '' FROM sqlite_master m, pragma_foreign_key_list(m.name) f " +
                "WHERE m.type = 'table' AND f.\"table\" = @p0 COLLATE NOCASE AND m.name <> @p0 COLLATE NOCASE ORDER BY m.name",
                table)
            .Select(r => r.Type)
            .ToList();

    private static List<string> Columns(SqlCommands db, string table) =>
        db.Rows($"SELECT name, '', '' FROM pragma_table_xinfo({Literal(table)}) WHERE hidden = 0 ORDER BY cid").Select(r => r.Type).ToList();

    // A rowid table whose rowid is not an INTEGER PRIMARY KEY column: its rowids are copied too.
    private static bool HasOwnRowid(SqlCommands db, string table, string createSql)
    {
        var sql = db.Scalar("SELECT sql FROM sqlite_master WHERE name = @p0", table) as string ?? createSql;
        if (WithoutRowidPattern().IsMatch(sql))
        {
            return false;
        }

        var keys = db.Rows($"SELECT name, type, '' FROM pragma_table_info({Literal(table)}) WHERE pk > 0");
        return !(keys.Count == 1 && keys[0].Name.Trim().Equals("INTEGER", StringComparison.OrdinalIgnoreCase));
    }

    private static string? ObjectName(string statement) =>
        ObjectPattern().Match(statement) is { Success: true } match ? Unquote(match.Groups["name"].Value) : null;

    private static string Unquote(string name) =>
        name.Length >= 2 && name[0] is '"' or '`' or '[' ? name[1..^1].Replace("\"\"", "\"") : name;

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";

    private static string Literal(string value) => "'" + value.Replace("'", "''") + "'";

    [GeneratedRegex(@"^CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(?<name>""(?:[^""]|"""")+""|`[^`]+`|\[[^\]]+\]|[\w$]+)", RegexOptions.IgnoreCase)]
    private static partial Regex CreateTablePattern();

    [GeneratedRegex(@"^CREATE\s+(?:UNIQUE\s+|TEMP\s+|TEMPORARY\s+)?(?:INDEX|TRIGGER|VIEW)\s+(?:IF\s+NOT\s+EXISTS\s+)?(?<name>""(?:[^""]|"""")+""|`[^`]+`|\[[^\]]+\]|[\w$]+)", RegexOptions.IgnoreCase)]
    private static partial Regex ObjectPattern();

    [GeneratedRegex(@"^CREATE\s+(?:TEMP\s+|TEMPORARY\s+)?VIEW\s+(?:IF\s+NOT\s+EXISTS\s+)?(?<name>""(?:[^""]|"""")+""|`[^`]+`|\[[^\]]+\]|[\w$]+)", RegexOptions.IgnoreCase)]
    private static partial Regex ViewPattern();

    [GeneratedRegex(@"\bAUTOINCREMENT\b", RegexOptions.IgnoreCase)]
    private static partial Regex AutoincrementPattern();

    [GeneratedRegex(@"\)\s*WITHOUT\s+ROWID\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex WithoutRowidPattern();
}
