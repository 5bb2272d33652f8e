using Microsoft.Extensions.Options;

namespace SmartHome.AssistantCloud.Tests;

internal static class TestNames
{
    public static IOptions<AssistantOptions> Default => Options.Create(new AssistantOptions());
}
