using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.Build;

/// <summary>
/// build/ReadyToRunLibrary.targets: the runner package a host references carries precompiled
/// linux-x64 code (a ReadyToRun header) and still every method's IL, the fallback on any other
/// platform or runtime. Packs the runner in Release, as `dotnet cake --target=Pack` does.
/// </summary>
[Category("Slow")]
[NonParallelizable]
public sealed class ReadyToRunLibraryTests
{
    [Test]
    public void RunnerPackage_OnLinuxX64_IsReadyToRunAndKeepsItsIl()
    {
        if (!OperatingSystem.IsLinux() || System.Runtime.InteropServices.RuntimeInformation.OSArchitecture != System.Runtime.InteropServices.Architecture.X64)
        {
            Assert.Ignore("ReadyToRunLibrary precompiles only where crossgen2 for linux-x64 runs.");
        }

        var output = Path.Combine(Path.GetTempPath(), $"orc-r2r-{Guid.NewGuid():N}");
        try
        {
            var (exitCode, log) = Dotnet("pack", RepositoryRoot.Combine("src", "OpenRouterConsole.Migrations.Runner"), "-c", "Release", "-o", output);
            exitCode.ShouldBe(0, log);

            var package = Directory.GetFiles(output, "OpenRouterConsole.Migrations.Runner.*.nupkg").ShouldHaveSingleItem();
            using var zip = ZipFile.OpenRead(package);
            var entry = zip.GetEntry("lib/net10.0/OpenRouterConsole.Migrations.Runner.dll").ShouldNotBeNull();
            using var image = new MemoryStream();
            using (var stream = entry.Open())
            {
                stream.CopyTo(image);
            }

            image.Position = 0;
            using var pe = new PEReader(image);
            var headers = pe.PEHeaders;
            // A ReadyToRun image names its target: the machine XOR the OS's value (Linux: 0x7B79).
            const int linuxOs = 0x7B79;
            headers.CoffHeader.Machine.ShouldBe((Machine)((int)Machine.Amd64 ^ linuxOs), "x64 Linux code");
            headers.CorHeader!.ManagedNativeHeaderDirectory.Size.ShouldBeGreaterThan(0, "the ReadyToRun header");

            // Every method that has a body still has its IL, for the JIT where the native code does not fit.
            var metadata = pe.GetMetadataReader();
            var withIl = metadata.MethodDefinitions.Select(metadata.GetMethodDefinition).Count(method => method.RelativeVirtualAddress != 0);
            withIl.ShouldBeGreaterThan(500);
            pe.GetMethodBody(metadata.MethodDefinitions
                .Select(metadata.GetMethodDefinition)
                .First(method => metadata.GetString(method.Name) == "Migrate" && method.RelativeVirtualAddress != 0)
                .RelativeVirtualAddress).GetILBytes()!.Length.ShouldBeGreaterThan(0);
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }

    private static (int ExitCode, string Log) Dotnet(params string[] args)
    {
        var (exitCode, stdout, stderr) = Shell.Capture("dotnet", TimeSpan.FromMinutes(5), args);
        return (exitCode, stdout + stderr);
    }
}
