namespace SmartHome.IntegrationTests;

/// <summary>
/// Two replicas of each cloud behind Aspire's proxy (<c>cloud-replicas=2</c>), the story's link policy: the assistant's
/// single-flight refresh, fault switches and token story across its replicas.
/// </summary>
public sealed class AssistantReplicasAppFixture : SmartHomeAppFixture
{
    public const int Replicas = 2;

    protected override IEnumerable<string> ExtraArguments => [$"--Parameters:cloud-replicas={Replicas}"];
}

[CollectionDefinition(Name)]
public sealed class AssistantReplicasCollection : ICollectionFixture<AssistantReplicasAppFixture>
{
    public const string Name = "SmartHome app, two replicas of each cloud (the assistant's tokens and switches)";
}
