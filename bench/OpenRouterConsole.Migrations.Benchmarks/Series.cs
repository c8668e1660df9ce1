namespace OpenRouterConsole.Migrations.Benchmarks;

/// <summary>The samples of one case in one run, in round order; reported as medians.</summary>
internal sealed class Series(string name)
{
    private readonly List<Sample> _samples = [];

    public string Name { get; } = name;

    public int Count => _samples.Count;

    public void Add(Sample sample) => _samples.Add(sample);

    public double MedianMilliseconds => Median(_samples.Select(s => s.Milliseconds));

    public double? MedianPeakRssMegabytes =>
        _samples.Count > 0 && _samples.All(s => s.PeakRssKilobytes is not null)
            ? Median(_samples.Select(s => (double)s.PeakRssKilobytes!.Value)) / 1024.0
            : null;

    public double MinMilliseconds => _samples.Min(s => s.Milliseconds);

    public double MaxMilliseconds => _samples.Max(s => s.Milliseconds);

    /// <summary>
    /// The median of the per-round ratios this / baseline: each round ran both back to back, so a
    /// spell of machine load weighs on the two samples of a pair alike.
    /// </summary>
    public double TimeRatio(Series baseline) =>
        Median(_samples.Zip(baseline._samples, (a, b) => a.Milliseconds / b.Milliseconds));

    /// <summary>The median of the per-round peak-RSS ratios, or null when RSS was not measured.</summary>
    public double? RssRatio(Series baseline) =>
        MedianPeakRssMegabytes is null || baseline.MedianPeakRssMegabytes is null
            ? null
            : Median(_samples.Zip(baseline._samples, (a, b) => (double)a.PeakRssKilobytes!.Value / b.PeakRssKilobytes!.Value));

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
