using System.Diagnostics;
using System.Globalization;

namespace OpenRouterConsole.Migrations.Benchmarks;

/// <summary>
/// Runs one child process and measures its wall time (Stopwatch in the harness, from start to exit)
/// and its peak RSS.
/// </summary>
/// <remarks>
/// Peak RSS is the child's <c>ru_maxrss</c> as reported by GNU time (<c>/usr/bin/time -f %M</c>),
/// which forks (a real fork from a ~2 MB process), execs the child and reads wait4()'s rusage.
/// Reading getrusage/wait4 from this harness directly would be wrong: .NET starts children with
/// vfork, and Linux carries the parent's high-water RSS (this harness's) into the child's
/// ru_maxrss at exec. Polling /proc/PID/status VmHWM would miss the peak of a 50 ms process.
/// GNU time adds the same ~1 ms fork/exec to every case, ours and the baselines' alike.
/// </remarks>
internal static class TimedProcess
{
    private const string GnuTime = "/usr/bin/time";

    public static bool MeasuresRss => File.Exists(GnuTime);

    public static (Sample Sample, string Output) Run(string fileName, IEnumerable<string> arguments)
    {
        var rssFile = Path.GetTempFileName();
        try
        {
            var info = new ProcessStartInfo
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            if (MeasuresRss)
            {
                info.FileName = GnuTime;
                info.ArgumentList.Add("-f");
                info.ArgumentList.Add("%M");
                info.ArgumentList.Add("-o");
                info.ArgumentList.Add(rssFile);
                info.ArgumentList.Add(fileName);
            }
            else
            {
                info.FileName = fileName;
            }

            foreach (var argument in arguments)
            {
                info.ArgumentList.Add(argument);
            }

            var started = Stopwatch.GetTimestamp();
            using var process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var output = stdout.Result;
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"'{fileName} {string.Join(' ', info.ArgumentList.SkipWhile(a => a != fileName).Skip(1))}' exited {process.ExitCode}: {stderr.Result}{output}");
            }

            long? rss = null;
            if (MeasuresRss && long.TryParse(File.ReadAllText(rssFile).Trim().Split('\n')[^1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var kb))
            {
                rss = kb;
            }

            return (new Sample(elapsed, rss), output);
        }
        finally
        {
            File.Delete(rssFile);
        }
    }

    /// <summary>
    /// Runs a child mode of this benchmark, started from its own <c>dotnet build</c> output (JIT, as a
    /// host application usually is); the sample's time is the child's own Stopwatch figure.
    /// </summary>
    public static Sample RunChild(params string[] arguments)
    {
        var self = Path.Combine(AppContext.BaseDirectory, "OpenRouterConsole.Migrations.Benchmarks");
        var (sample, output) = Run(self, ["child", .. arguments]);
        var line = output.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith(ChildModes.ElapsedPrefix, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"child {string.Join(' ', arguments)} printed no time: {output}");
        return sample with { Milliseconds = double.Parse(line[ChildModes.ElapsedPrefix.Length..], CultureInfo.InvariantCulture) };
    }
}
