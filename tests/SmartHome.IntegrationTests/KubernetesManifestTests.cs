using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;

namespace SmartHome.IntegrationTests;

/// <summary>
/// The Kubernetes manifests of docs/scale.md (deploy/kubernetes) against what can be checked here without a cluster:
/// every document is a Kubernetes object with no unknown field (the client library's models, strict), the Services
/// find their Deployments, the probes ask the paths every service maps, no secret is written in them, and each
/// cloud gets every setting the AppHost gives it (read from the app model; nothing is started), so that the
/// manifests cannot silently fall behind the code.
/// </summary>
public sealed class KubernetesManifestTests
{
    private static readonly string[] Clouds = ["assistantcloud", "vendorcloud"];

    // What the AppHost sets that has no place on a cluster: the local machine's files, ports and launch profile, the
    // dashboard, the home's gateway (the homes are people's, not the cluster's), the conformance check's test account,
    // the seeded people's app passwords (real people choose theirs), what Aspire adds for itself, and its switches that
    // show URLs unredacted in the local dashboard (on a cluster the query strings, with their codes, stay redacted).
    private static readonly string[] LocalOnlyPrefixes =
    [
        "World__File", "HTTP_PORTS", "ASPNETCORE_URLS", "DOTNET_LAUNCH_PROFILE", "OTEL_DOTNET_EXPERIMENTAL_ASPNETCORE_DISABLE_URL_QUERY_REDACTION",
        "OTEL_DOTNET_EXPERIMENTAL_HTTPCLIENT_DISABLE_URL_QUERY_REDACTION", "EventGateway__SchemaPath", "Diagnosis__GatewayUrl", "PersonApp__DashboardUrl",
        "PersonApp__Passwords__", "Conformance__", "Skill__TestAccount", "OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY",
        "VENDORCLOUD_", "ASSISTANTCLOUD_", "services__vendorcloud__", "services__assistantcloud__https", "services__assistantcloud__app",
        "Redis__", "REDIS_",
    ];

    // What a cluster needs that the AppHost leaves to Aspire or to Development (behind an ingress, ASP.NET Core's
    // own switch honours X-Forwarded-* from any proxy).
    private static readonly string[] ClusterOnly =
    [
        "ASPNETCORE_ENVIRONMENT", "ASPNETCORE_FORWARDEDHEADERS_ENABLED", "Simulation__Enabled", "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_PROTOCOL", "OTEL_SERVICE_NAME",
    ];

    [Fact]
    public void EveryManifestIsKubernetesWithNoUnknownField()
    {
        var objects = LoadAll();
        Assert.Contains(objects, o => o is V1Deployment { Metadata.Name: "assistantcloud" });
        Assert.Contains(objects, o => o is V1Deployment { Metadata.Name: "vendorcloud" });
        Assert.Contains(objects, o => o is V1Ingress);
        Assert.Throws<YamlDotNet.Core.YamlException>(() => KubernetesYaml.LoadAllFromString(
            "apiVersion: v1\nkind: Service\nmetadata:\n  name: x\nspec:\n  selectr: {a: b}\n", strict: true));
    }

    [Fact]
    public void EveryServiceAndIngressFindsItsPodsAndEveryProbeAsksAPathTheServicesMap()
    {
        var objects = LoadAll();
        var deployments = objects.OfType<V1Deployment>().ToList();
        foreach (var service in objects.OfType<V1Service>())
        {
            var selected = deployments.Where(d => service.Spec.Selector.All(s =>
                d.Spec.Template.Metadata.Labels.TryGetValue(s.Key, out var value) && value == s.Value)).ToList();
            var deployment = Assert.Single(selected);
            var portNames = deployment.Spec.Template.Spec.Containers.SelectMany(c => c.Ports).Select(p => p.Name).ToHashSet();
            Assert.All(service.Spec.Ports, port => Assert.Contains(port.TargetPort.Value, portNames));
        }

        var services = objects.OfType<V1Service>().ToDictionary(s => s.Metadata.Name);
        foreach (var backend in objects.OfType<V1Ingress>().SelectMany(i => i.Spec.Rules).SelectMany(r => r.Http.Paths).Select(p => p.Backend.Service))
        {
            Assert.True(services.TryGetValue(backend.Name, out var service), $"the ingress names a Service that does not exist: {backend.Name}");
            Assert.Contains(service.Spec.Ports, p => p.Name == backend.Port.Name);
        }

        foreach (var cloud in Clouds)
        {
            var container = Assert.Single(deployments.Single(d => d.Metadata.Name == cloud).Spec.Template.Spec.Containers);
            // ServiceDefaults' MapDefaultEndpoints: /health (Redis and the service's checks) and /alive (the process).
            Assert.Equal("/health", container.ReadinessProbe.HttpGet.Path);
            Assert.Equal("/alive", container.LivenessProbe.HttpGet.Path);
            Assert.NotNull(container.Resources.Requests);
        }
    }

    [Fact]
    public void NoSecretIsWrittenInTheManifestsAndTheSimulationSwitchesAreOff()
    {
        var objects = LoadAll();
        var settings = objects.OfType<V1ConfigMap>().Single(c => c.Metadata.Name == "smarthome-settings").Data;
        Assert.Equal("Production", settings["ASPNETCORE_ENVIRONMENT"]);
        Assert.Equal("false", settings["Simulation__Enabled"]);
        Assert.Equal("false", settings["PersonApi__AllowWithoutSession"]);
        Assert.DoesNotContain(settings.Keys, key => LooksSecret(key));
        foreach (var cloud in Clouds)
        {
            var container = objects.OfType<V1Deployment>().Single(d => d.Metadata.Name == cloud).Spec.Template.Spec.Containers.Single();
            Assert.All(container.Env.Where(e => LooksSecret(e.Name)), secret =>
                Assert.True(secret.Value is null && secret.ValueFrom?.SecretKeyRef?.Name == "smarthome-secrets",
                    $"{cloud}: {secret.Name} must come from the Secret smarthome-secrets, not be written in the manifest"));
        }
    }

    [Fact]
    public async Task EachCloudGetsEverySettingTheAppHostGivesItAndNothingItDoesNotRead()
    {
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>()
            .WaitAsync(TimeSpan.FromMinutes(1));
        var objects = LoadAll();
        var settings = objects.OfType<V1ConfigMap>().Single(c => c.Metadata.Name == "smarthome-settings").Data.Keys;
        var clusterKeys = new Dictionary<string, HashSet<string>>();
        foreach (var cloud in Clouds)
        {
            var container = objects.OfType<V1Deployment>().Single(d => d.Metadata.Name == cloud).Spec.Template.Spec.Containers.Single();
            clusterKeys[cloud] = [.. settings, .. container.Env.Select(e => e.Name)];
        }

        // Built, never started: the environment callbacks read the app model from its services.
        await using var app = await builder.BuildAsync().WaitAsync(TimeSpan.FromMinutes(1));
        var publish = new DistributedApplicationExecutionContext(
            new DistributedApplicationExecutionContextOptions(DistributedApplicationOperation.Publish) { Services = app.Services });
        var appHostKeys = new HashSet<string>();
        foreach (var cloud in Clouds)
        {
            // As `aspire publish` would resolve it: the keys are what matter, not the local values.
            var configuration = await ExecutionConfigurationBuilder.Create(builder.Resources.Single(r => r.Name == cloud))
                .WithEnvironmentVariablesConfig()
                .BuildAsync(publish, NullLogger.Instance, CancellationToken.None)
                .WaitAsync(TimeSpan.FromMinutes(1));
            Assert.Null(configuration.Exception);
            var keys = configuration.EnvironmentVariables.Select(variable => variable.Key).ToList();
            var needed = keys.Where(key => !LocalOnlyPrefixes.Any(key.StartsWith)).ToList();
            Assert.NotEmpty(needed);
            var missing = needed.Where(key => !clusterKeys[cloud].Contains(key)).ToList();
            Assert.True(missing.Count == 0, $"{cloud}: the AppHost sets these, the Kubernetes manifests do not: {string.Join(", ", missing)}");
            appHostKeys.UnionWith(keys);
        }

        // A key in the manifests that no cloud reads is a typo or a leftover.
        var unknown = clusterKeys.Values.SelectMany(k => k).Distinct()
            .Where(key => !appHostKeys.Contains(key) && !ClusterOnly.Contains(key)).ToList();
        Assert.True(unknown.Count == 0, $"set in the Kubernetes manifests, read by no cloud: {string.Join(", ", unknown)}");
    }

    private static bool LooksSecret(string key) =>
        key.Contains("Secret", StringComparison.OrdinalIgnoreCase) || key.Contains("Password", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("ConnectionStrings__", StringComparison.Ordinal);

    private static List<object> LoadAll()
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "kubernetes");
        var kustomization = File.ReadAllLines(Path.Combine(directory, "kustomization.yaml"));
        // The kustomization's resources: the files it renders, each of which must exist and parse.
        var files = kustomization.SkipWhile(line => line != "resources:").Skip(1)
            .TakeWhile(line => line.StartsWith("  - ", StringComparison.Ordinal)).Select(line => line[4..].Trim()).ToList();
        Assert.NotEmpty(files);
        return [.. files.SelectMany(file => KubernetesYaml.LoadAllFromString(File.ReadAllText(Path.Combine(directory, file)), strict: true))];
    }
}
