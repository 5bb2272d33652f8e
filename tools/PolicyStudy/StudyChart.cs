using ScottPlot;

namespace SmartHome.PolicyStudy;

/// <summary>The study's chart (ScottPlot, as the load driver's): share of households still linked over time, one line per policy.</summary>
public static class StudyChart
{
    private const int Width = 1000;
    private const int Height = 500;

    private static readonly Color[] Palette = [Colors.Red, Colors.Green, Colors.Blue, Colors.DarkOrange, Colors.Purple, Colors.Gray, Colors.Brown];

    public static string Write(IReadOnlyList<PolicyResult> results, StudyOptions options, string path)
    {
        var plot = new Plot();
        for (var i = 0; i < results.Count; i++)
        {
            var result = results[i];
            var line = plot.Add.Scatter(result.Linked.Select(s => (double)s.Day).ToArray(), result.Linked.Select(s => s.Share * 100).ToArray());
            line.LegendText = result.Policy;
            line.Color = Palette[i % Palette.Length];
            line.MarkerSize = 0;
            line.LineWidth = 2;
        }

        plot.Title($"Households still linked ({options.Households} households, {options.Days} days, seed {options.Seed})");
        plot.XLabel("day of the study");
        plot.YLabel("% of households whose link the vendor holds alive");
        plot.Axes.SetLimits(0, options.Days, 0, 105);
        plot.ShowLegend(Alignment.LowerLeft);
        if (options.ChartFormat == "png")
        {
            plot.SavePng(path, Width, Height);
        }
        else
        {
            plot.SaveSvg(path, Width, Height);
        }

        return path;
    }
}
