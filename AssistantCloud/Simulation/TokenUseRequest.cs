namespace SmartHome.AssistantCloud.Simulation;

/// <summary>
/// The body of <c>POST /sim/token-uses</c>: the people who use the skill now, and how many of them are served at once
/// (default <see cref="TokenUses.DefaultParallelism"/>, at most <see cref="TokenUses.MaxParallelism"/>).
/// </summary>
public sealed record TokenUseRequest(IReadOnlyList<string>? Users, int? Parallelism);
