namespace OpenRouterConsole.Migrations.Benchmarks;

/// <summary>The samples of one case in one run; reported as medians.</summary>
internal sealed class Series(string name)
{
    private readonly List<Sample> _samples = [];

    public string Name { get; } = name;

    public int Count => _samples.Count;

    public void Add(Sample sample) => _samples.Add(sample);

    public double MedianMilliseconds => Median(_samples.Select(s => s.Milliseconds));

    public double? MedianPeakRssMegabytes =>
        _samples.All(s => s.PeakRssKilobytes is not null) && _samples.Count > 0
            ? Median(_samples.Select(s => (double)s.PeakRssKilobytes!.Value)) / 1024.0
            : null;

    public double MinMilliseconds => _samples.Min(s => s.Milliseconds);

    public double MaxMilliseconds => _samples.Max(s => s.Milliseconds);

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
