using System.Data;
using System.Globalization;
using FluentMigrator;
using FluentMigrator.Expressions;
using Microsoft.Data.Sqlite;

namespace OpenRouterConsole.Migrations.Runner.Execution.ScriptOnly;

/// <summary>
/// What a migration's SQL expressions execute with on the script-only path: SQL text runs on the
/// session's connection and transaction (or, while only checking, is collected and not run), the
/// schema questions of <c>Up()</c>/<c>Down()</c> are answered as FluentMigrator's SQLite processor
/// answers them, and every other kind of expression refuses, which sends the run to FluentMigrator.
/// </summary>
internal sealed class ScriptOnlyProcessor(SqliteConnection connection, SqliteTransaction transaction) : IMigrationProcessor
{
    /// <summary>While true, SQL is collected into <see cref="Collected"/> instead of being run.</summary>
    public bool CollectOnly { get; set; }

    public List<string> Collected { get; } = [];

    // FluentMigrator's SQLite processor: IfDatabase(ProviderIds.Sqlite) selects its branch.
    public string DatabaseType => "SQLite";

    public IList<string> DatabaseTypeAliases { get; } = [];

#pragma warning disable CS0618, CS0612 // obsolete members of the interface, never read by the expressions run here
    public IMigrationProcessorOptions Options => throw new NotScriptOnlyException("processor options");

    public string ConnectionString => connection.ConnectionString;
#pragma warning restore CS0618, CS0612

    public void Execute(string sql)
    {
        if (CollectOnly)
        {
            Collected.Add(sql);
            return;
        }

        if (string.IsNullOrEmpty(sql))
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    // As FluentMigrator's processors do: the template is formatted even without arguments.
    public void Execute(string template, params object[] args) => Execute(string.Format(CultureInfo.CurrentCulture, template, args));

    // FluentMigrator's SQLite processor: every schema exists (there are no schemas).
    public bool SchemaExists(string schemaName) => true;

    public bool TableExists(string schemaName, string tableName) =>
        Count("SELECT count(*) FROM sqlite_master WHERE name = $name AND type = 'table'", ("$name", tableName)) > 0;

    public bool TableExistsIgnoringCase(string tableName) =>
        Count("SELECT count(*) FROM sqlite_master WHERE name = $name COLLATE NOCASE AND type = 'table'", ("$name", tableName)) > 0;

    // FluentMigrator reads PRAGMA table_info into a DataTable and selects Name='x', which ignores case.
    public bool ColumnExists(string schemaName, string tableName, string columnName) =>
        Count("SELECT count(*) FROM pragma_table_info($table) WHERE name = $column COLLATE NOCASE", ("$table", tableName), ("$column", columnName)) > 0;

    public bool ConstraintExists(string schemaName, string tableName, string constraintName) => false;

    public bool IndexExists(string schemaName, string tableName, string indexName) =>
        Count("SELECT count(*) FROM sqlite_master WHERE name = $index AND tbl_name = $table AND type = 'index'", ("$index", indexName), ("$table", tableName)) > 0;

    public bool SequenceExists(string schemaName, string sequenceName) => false;

    public bool DefaultValueExists(string schemaName, string tableName, string columnName, object defaultValue) => false;

    public DataSet ReadTableData(string schemaName, string tableName) => throw new NotScriptOnlyException("reading table data");

    public DataSet Read(string template, params object[] args) => throw new NotScriptOnlyException("reading a query");

    public bool Exists(string template, params object[] args) => throw new NotScriptOnlyException("an Exists query");

    public void BeginTransaction() => throw new NotScriptOnlyException("its own transaction");

    public void CommitTransaction() => throw new NotScriptOnlyException("its own transaction");

    public void RollbackTransaction() => throw new NotScriptOnlyException("its own transaction");

    public void Process(CreateSchemaExpression expression) => throw NotScript(expression);

    public void Process(DeleteSchemaExpression expression) => throw NotScript(expression);

    public void Process(AlterTableExpression expression) => throw NotScript(expression);

    public void Process(AlterColumnExpression expression) => throw NotScript(expression);

    public void Process(CreateTableExpression expression) => throw NotScript(expression);

    public void Process(CreateColumnExpression expression) => throw NotScript(expression);

    public void Process(DeleteTableExpression expression) => throw NotScript(expression);

    public void Process(DeleteColumnExpression expression) => throw NotScript(expression);

    public void Process(CreateForeignKeyExpression expression) => throw NotScript(expression);

    public void Process(DeleteForeignKeyExpression expression) => throw NotScript(expression);

    public void Process(CreateIndexExpression expression) => throw NotScript(expression);

    public void Process(DeleteIndexExpression expression) => throw NotScript(expression);

    public void Process(RenameTableExpression expression) => throw NotScript(expression);

    public void Process(RenameColumnExpression expression) => throw NotScript(expression);

    public void Process(InsertDataExpression expression) => throw NotScript(expression);

    public void Process(AlterDefaultConstraintExpression expression) => throw NotScript(expression);

    public void Process(PerformDBOperationExpression expression) => throw NotScript(expression);

    public void Process(DeleteDataExpression expression) => throw NotScript(expression);

    public void Process(UpdateDataExpression expression) => throw NotScript(expression);

    public void Process(AlterSchemaExpression expression) => throw NotScript(expression);

    public void Process(CreateSequenceExpression expression) => throw NotScript(expression);

    public void Process(DeleteSequenceExpression expression) => throw NotScript(expression);

    public void Process(CreateConstraintExpression expression) => throw NotScript(expression);

    public void Process(DeleteConstraintExpression expression) => throw NotScript(expression);

    public void Process(DeleteDefaultConstraintExpression expression) => throw NotScript(expression);

    // The session owns the connection and the transaction.
    public void Dispose()
    {
    }

    private static NotScriptOnlyException NotScript(IMigrationExpression expression) => new(expression.GetType().Name);

    private long Count(string sql, params (string Name, string Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
