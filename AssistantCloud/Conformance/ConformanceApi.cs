namespace SmartHome.AssistantCloud.Conformance;

/// <summary><c>POST /api/skill/conformance</c>: runs the skill conformance check against the configured skill and answers its report.</summary>
internal static class ConformanceApi
{
    public const string Path = "/api/skill/conformance";

    public static IEndpointRouteBuilder MapConformanceApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, async (SkillConformanceCheck check, CancellationToken cancellationToken) =>
            TypedResults.Ok(await check.RunAsync(cancellationToken)));
        return app;
    }
}
