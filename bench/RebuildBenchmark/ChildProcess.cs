using System.Diagnostics;
using System.Globalization;

namespace OpenRouterConsole.Migrations.RebuildBenchmark;

/// <summary>Runs this benchmark's exe as a child; wall time from start to exit, peak RSS from GNU time (<c>%M</c>).</summary>
internal static class ChildProcess
{
    public static (double Ms, double Mb) Run(string mode, string databasePath)
    {
        var rssFile = Path.GetTempFileName();
        try
        {
            var info = new ProcessStartInfo { FileName = "/usr/bin/time", UseShellExecute = false, RedirectStandardError = true };
            foreach (var argument in new[] { "-f", "%M", "-o", rssFile, Environment.ProcessPath!, mode, databasePath })
            {
                info.ArgumentList.Add(argument);
            }

            var started = Stopwatch.GetTimestamp();
            using var process = Process.Start(info)!;
            var stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{mode} failed ({process.ExitCode}): {stderr}");
            }

            var kilobytes = double.Parse(File.ReadAllText(rssFile).Trim(), CultureInfo.InvariantCulture);
            return (elapsed, kilobytes / 1024);
        }
        finally
        {
            File.Delete(rssFile);
        }
    }
}
