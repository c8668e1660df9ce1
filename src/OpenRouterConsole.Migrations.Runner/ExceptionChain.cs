namespace OpenRouterConsole.Migrations.Runner;

/// <summary>
/// FluentMigrator and Npgsql wrap the failure a user can act on (SQLite's or the server's own message)
/// in exceptions of their own: the innermost one is the one worth showing.
/// </summary>
internal static class ExceptionChain
{
    public static Exception Innermost(this Exception ex)
    {
        while (ex.InnerException is not null)
        {
            ex = ex.InnerException;
        }

        return ex;
    }
}
