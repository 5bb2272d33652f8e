using System.Globalization;
using ScottPlot;

namespace SmartHome.LoadDriver;

/// <summary>Charts of a run as PNG or SVG: latency percentiles over time, and latency against the offered rate.</summary>
public static class ChartWriter
{
    private const int Width = 1000;
    private const int Height = 500;

    /// <summary>Percentiles per second of each stage, stages side by side; the fault's window between two lines.</summary>
    public static string Timeline(RunResult run, string directory, string format)
    {
        var plot = new Plot();
        var xs = new List<double>();
        var p50 = new List<double>();
        var p90 = new List<double>();
        var p99 = new List<double>();
        var max = new List<double>();
        var errors = new List<double>();
        var offset = 0.0;
        foreach (var stage in run.Stages)
        {
            foreach (var point in stage.Timeline)
            {
                xs.Add(offset + point.Second);
                p50.Add(point.P50Ms);
                p90.Add(point.P90Ms);
                p99.Add(point.P99Ms);
                max.Add(point.MaxMs);
                errors.Add(point.Errors);
            }

            if (stage.Fault is { } fault)
            {
                var down = plot.Add.VerticalLine(offset + fault.AfterSeconds, 1, Colors.Red, LinePattern.Dashed);
                var up = plot.Add.VerticalLine(offset + fault.AfterSeconds + fault.ForSeconds, 1, Colors.Green, LinePattern.Dashed);
                if (offset == 0)
                {
                    down.LegendText = $"{fault.Kind} down ({fault.Homes.Count} homes)";
                    up.LegendText = $"{fault.Kind} up";
                }
            }

            offset += stage.DurationSeconds;
        }

        AddLine(plot, xs, max, "max", Colors.Gray);
        AddLine(plot, xs, p99, "p99", Colors.Purple);
        AddLine(plot, xs, p90, "p90", Colors.DarkOrange);
        AddLine(plot, xs, p50, "p50", Colors.Blue);
        if (errors.Any(e => e > 0))
        {
            // What the people felt: failed requests per second, on the right axis.
            var failed = plot.Add.Scatter(xs.ToArray(), errors.ToArray());
            failed.LegendText = "errors per second (right axis)";
            failed.Color = Colors.Red;
            failed.LinePattern = LinePattern.Dotted;
            failed.MarkerSize = 0;
            failed.Axes.YAxis = plot.Axes.Right;
            plot.Axes.Right.Label.Text = "errors per second";
            plot.Axes.Right.Min = 0;
            plot.Axes.Right.Max = Math.Max(1, errors.Max() * 1.1);
        }

        var rates = string.Join(", ", run.Stages.Select(s => s.OfferedRate.ToString("0.##", CultureInfo.InvariantCulture)));
        plot.Title($"{run.Name}: latency from intended start, per second ({rates}/s offered)");
        plot.XLabel("seconds into the measured run");
        plot.YLabel("latency (ms)");
        plot.Axes.SetLimitsY(0, Math.Max(1, max.DefaultIfEmpty(0).Max() * 1.05));
        plot.ShowLegend(Alignment.UpperLeft);
        return Save(plot, Path.Combine(directory, $"{run.Name}-timeline.{format}"), format);
    }

    /// <summary>Each stage's percentiles against its offered rate (meaningful with several rates).</summary>
    public static string LatencyVsRate(RunResult run, string directory, string format)
    {
        var plot = new Plot();
        var rates = run.Stages.Select(s => s.OfferedRate).ToList();
        AddLine(plot, rates, run.Stages.Select(s => s.Latency.P99Ms).ToList(), "p99", Colors.Purple);
        AddLine(plot, rates, run.Stages.Select(s => s.Latency.P90Ms).ToList(), "p90", Colors.DarkOrange);
        AddLine(plot, rates, run.Stages.Select(s => s.Latency.P50Ms).ToList(), "p50", Colors.Blue);
        plot.Title($"{run.Name}: latency vs offered rate");
        plot.XLabel("offered rate (utterances/s)");
        plot.YLabel("latency (ms)");
        plot.Axes.SetLimitsY(0, Math.Max(1, run.Stages.Max(s => s.Latency.P99Ms) * 1.1));
        plot.ShowLegend(Alignment.UpperLeft);
        return Save(plot, Path.Combine(directory, $"{run.Name}-vs-rate.{format}"), format);
    }

    private static void AddLine(Plot plot, List<double> xs, List<double> ys, string label, Color color)
    {
        if (xs.Count == 0)
        {
            return;
        }

        var line = plot.Add.Scatter(xs.ToArray(), ys.ToArray());
        line.LegendText = label;
        line.Color = color;
        line.MarkerSize = xs.Count > 40 ? 0 : 5;
    }

    private static string Save(Plot plot, string path, string format)
    {
        if (format == "svg")
        {
            plot.SaveSvg(path, Width, Height);
        }
        else
        {
            plot.SavePng(path, Width, Height);
        }

        return path;
    }
}
