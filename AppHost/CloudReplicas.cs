namespace SmartHome.AppHost;

/// <summary>
/// How many replicas of each cloud (assistantcloud, vendorcloud) run behind Aspire's proxy, by the parameter
/// <c>cloud-replicas</c> (default 1). Read at build time: Aspire starts the replicas, so the count cannot change
/// while the world runs. See docs/scale.md.
/// </summary>
internal static class CloudReplicas
{
    public const string Parameter = "cloud-replicas";
    public const int Default = 1;

    // More than a handful on a laptop is only a way to run out of cores; a real cluster scales past this.
    public const int Maximum = 8;

    /// <summary>The count configured; a value that is not a whole number from 1 to <see cref="Maximum"/> stops the start naming the range.</summary>
    public static int From(IDistributedApplicationBuilder builder)
    {
        var configured = builder.Configuration[$"Parameters:{Parameter}"];
        if (string.IsNullOrWhiteSpace(configured))
        {
            return Default;
        }

        return int.TryParse(configured.Trim(), out var replicas) && replicas is >= 1 and <= Maximum
            ? replicas
            : throw new InvalidOperationException($"The parameter '{Parameter}' must be a whole number from 1 to {Maximum}, not '{configured}'.");
    }

    /// <summary>Shows the count in the dashboard's parameters, with what it does.</summary>
    public static int AddParameter(IDistributedApplicationBuilder builder)
    {
        var replicas = From(builder);
        builder.AddParameterWithDefault(Parameter, Default.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithDescription($"How many replicas of assistantcloud and of vendorcloud run behind Aspire's proxy (1 to {Maximum}); they share the world's Redis. See docs/scale.md.");
        return replicas;
    }
}
