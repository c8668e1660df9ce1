using FluentMigrator;
using FluentMigrator.Expressions;
using FluentMigrator.Infrastructure;

namespace OpenRouterConsole.Migrations.Runner.Execution.ScriptOnly;

/// <summary>The context a migration's <c>Up()</c>/<c>Down()</c> fills with its expressions on the script-only path.</summary>
internal sealed class ScriptOnlyContext(IQuerySchema querySchema, IServiceProvider services) : IMigrationContext
{
    public IQuerySchema QuerySchema { get; } = querySchema;

    public ICollection<IMigrationExpression> Expressions { get; set; } = new List<IMigrationExpression>();

    public IServiceProvider ServiceProvider { get; } = services;

#pragma warning disable CS0618, CS0612 // obsolete member of the interface
    public string Connection { get; set; } = string.Empty;
#pragma warning restore CS0618, CS0612
}
