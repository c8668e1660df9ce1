using System.Reflection;
using FluentMigrator.Infrastructure;

namespace OpenRouterConsole.Migrations.Runner.Execution.ScriptOnly;

/// <summary>
/// The one service FluentMigrator's expression builders ask of a migration context here: where
/// <c>Execute.EmbeddedScript</c> looks for its script (the migration assembly, as <c>ScanIn</c> sets it
/// up for FluentMigrator's runner). Everything else is absent, as <see cref="IServiceProvider"/> allows.
/// </summary>
internal sealed class MigrationAssemblyServices(Assembly assembly) : IServiceProvider, IEmbeddedResourceProvider
{
    public object? GetService(Type serviceType) =>
        serviceType == typeof(IEnumerable<IEmbeddedResourceProvider>) ? new IEmbeddedResourceProvider[] { this } : null;

    public IEnumerable<(string name, Assembly assembly)> GetEmbeddedResources()
    {
        foreach (var name in assembly.GetManifestResourceNames())
        {
            yield return (name, assembly);
        }
    }
}
