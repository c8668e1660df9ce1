using System.Reflection.PortableExecutable;

namespace OpenRouterConsole.Migrations.Benchmarks;

/// <summary>Whether an assembly file carries precompiled (ReadyToRun) code beside its IL.</summary>
internal static class ReadyToRunImage
{
    public static bool Is(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        return pe.PEHeaders.CorHeader is { ManagedNativeHeaderDirectory.Size: > 0 };
    }
}
