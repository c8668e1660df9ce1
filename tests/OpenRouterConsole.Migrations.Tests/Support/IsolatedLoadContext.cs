using System.Reflection;
using System.Runtime.Loader;

namespace OpenRouterConsole.Migrations.Tests.Support;

/// <summary>
/// A collectible load context that loads the test's own assemblies (and native libraries) afresh from
/// its output folder, as a new process would, so a test can see which assemblies a call loads.
/// Framework assemblies come from the default context.
/// </summary>
public sealed class IsolatedLoadContext(string mainAssemblyPath) : AssemblyLoadContext(isCollectible: true)
{
    private readonly AssemblyDependencyResolver _resolver = new(mainAssemblyPath);

    protected override Assembly? Load(AssemblyName assemblyName) =>
        _resolver.ResolveAssemblyToPath(assemblyName) is { } path ? LoadFromAssemblyPath(path) : null;

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName) =>
        _resolver.ResolveUnmanagedDllToPath(unmanagedDllName) is { } path ? LoadUnmanagedDllFromPath(path) : IntPtr.Zero;
}
