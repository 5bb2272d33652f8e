using System.Text.Json;
using System.Text.Json.Serialization;
using SmartHome.AssistantCloud.Storage;
using SmartHome.AssistantCloud.Users;

namespace SmartHome.AssistantCloud.Tests;

public class UserViewTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    // As the API writes JSON: web defaults and enums as strings.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    [Fact]
    public void A_linked_skill_shows_state_and_dates_but_never_tokens()
    {
        var link = new AccountLink("owner", Skills.VendorSkillId, LinkState.Linked, "access-secret", "refresh-secret", Now.AddHours(1), "owner@example.com",
            Now, LinkedAt: Now.AddDays(-3));

        var json = JsonSerializer.Serialize(SkillLinkView.From(link, "My SmartHome"), Json);

        Assert.DoesNotContain("secret", json, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal(Skills.VendorSkillId, root.GetProperty("skillId").GetString());
        Assert.Equal("My SmartHome", root.GetProperty("displayName").GetString());
        Assert.Equal("Linked", root.GetProperty("state").GetString());
        Assert.Equal(Now.AddDays(-3), root.GetProperty("linkedAt").GetDateTimeOffset());
        Assert.Equal(Now.AddHours(1), root.GetProperty("accessTokenExpiresAt").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("expiredAt").ValueKind);
    }

    [Fact]
    public void An_expired_skill_shows_the_reason_and_when()
    {
        var link = new AccountLink("owner", Skills.VendorSkillId, LinkState.Expired, null, null, null, null, Now, "invalid_grant: sign-in too old",
            Now.AddDays(-366), Now);

        var view = SkillLinkView.From(link, "My SmartHome");

        Assert.Equal(new SkillLinkView(Skills.VendorSkillId, "My SmartHome", LinkState.Expired, "invalid_grant: sign-in too old", null, Now, null), view);
    }

    [Fact]
    public void A_notification_is_listed_with_id_time_kind_skill_text_its_action_and_whether_it_is_resolved()
    {
        var json = JsonSerializer.Serialize(NotificationView.From("owner", new Notification("n-1", Skills.VendorSkillId, "LinkExpired", "The link ...", Now)), Json);

        Assert.Equal("""{"id":"n-1","createdAt":"2026-11-26T12:00:00+00:00","kind":"LinkExpired","skillId":"smarthome-vendor","text":"The link ...","action":{"name":"Link again","method":"POST","href":"/api/users/owner/skills/smarthome-vendor/link"},"resolved":false,"resolvedAt":null}""", json);
    }

    [Fact]
    public void A_resolved_notification_says_when()
    {
        var view = NotificationView.From("owner", new Notification("n-1", Skills.VendorSkillId, "LinkExpired", "The link ...", Now, Now.AddDays(1)));

        Assert.True(view.Resolved);
        Assert.Equal(Now.AddDays(1), view.ResolvedAt);
    }
}
