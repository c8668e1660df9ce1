using System.Globalization;
using System.Text;

namespace OpenRouterConsole.Migrations.Benchmarks;

/// <summary>The markdown report printed at the end of a run (and written under the artifacts folder).</summary>
internal sealed class ResultTable
{
    private readonly List<ResultRow> _rows = [];
    private readonly List<Target> _targets = [];

    public void Add(ResultRow row) => _rows.Add(row);

    public void AddTarget(string name, double ratio, double limit) => _targets.Add(new Target(name, ratio, limit));

    public string ToMarkdown(string header)
    {
        var text = new StringBuilder();
        text.AppendLine(header);
        text.AppendLine();
        text.AppendLine("| Section | Case | Median ms | Baseline | × baseline | × 2nd baseline | Peak RSS MB | RSS × baseline | min–max ms | n |");
        text.AppendLine("| --- | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var row in _rows)
        {
            var c = row.Case;
            var b = row.Baseline;
            var b2 = row.SecondBaseline;
            text.AppendLine(string.Join(" | ",
                "| " + row.Section,
                c.Name + (row.Note is null ? string.Empty : $" ({row.Note})"),
                F(c.MedianMilliseconds, "0.0"),
                b is null ? "—" : b.Name + (b2 is null ? string.Empty : $"; 2nd: {b2.Name}"),
                b is null ? "—" : F(c.TimeRatio(b), "0.00") + "×",
                b2 is null ? "—" : F(c.TimeRatio(b2), "0.00") + "×",
                c.MedianPeakRssMegabytes is { } rss ? F(rss, "0.0") : "n/a",
                b is not null && c.RssRatio(b) is { } rssRatio ? F(rssRatio, "0.00") + "×" : "—",
                $"{F(c.MinMilliseconds, "0.0")}–{F(c.MaxMilliseconds, "0.0")}",
                c.Count.ToString(CultureInfo.InvariantCulture)) + " |");
        }

        if (_targets.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("| Target | Ratio | Limit | Met |");
            text.AppendLine("| --- | ---: | ---: | --- |");
            foreach (var target in _targets)
            {
                text.AppendLine($"| {target.Name} | {F(target.Ratio, "0.00")}× | ≤ {F(target.Limit, "0.00")}× | {(target.Met ? "yes" : "**no**")} |");
            }
        }

        return text.ToString();
    }

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
