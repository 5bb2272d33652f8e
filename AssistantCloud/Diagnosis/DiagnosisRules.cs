using System.Globalization;
using SmartHome.AssistantCloud.Storage;
using SmartHome.ServiceDefaults;

namespace SmartHome.AssistantCloud.Diagnosis;

/// <summary>
/// The hop table of the contract as a pure function: facts in, the eight hops and the first failing one out.
/// Every hop is judged on its own (a later hop can fail too, e.g. band off and plug offline); the report
/// names the first failed hop in chain order.
/// </summary>
internal static class DiagnosisRules
{
    private const string TryLater = "Nothing to do at home: try again later.";
    private const string GatewayPowerFix = "Check that the gateway has power; after a restart wait a minute.";
    private const string PlugFix = "Check that the plug is plugged in and within Wi-Fi range of the router.";

    public static DiagnosisReport Evaluate(DiagnosisFacts facts, AssistantOptions names)
    {
        var plug = Plug(facts);
        HopReport[] hops =
        [
            Assistant(facts.Assistant),
            Link(facts, names),
            Vendor(facts.Vendor),
            Uplink(facts),
            Gateway(facts.Gateway),
            Band(facts.Gateway),
            plug,
            Lamp(facts, plug),
        ];
        var first = hops.FirstOrDefault(h => h.Status == HopStatus.Failed);
        return new DiagnosisReport(facts.User, facts.Device, EndpointId(facts), facts.CheckedAt, 0, first is null,
            first?.Hop, first?.Cause, first?.Fix, hops, facts.Assistant.LastFailedCommand);
    }

    private static HopReport Assistant(AssistantFacts assistant) => assistant switch
    {
        { Outage: true } => HopReport.Failed(ChainHops.Assistant,
            "The assistant's cloud is in an outage" + (assistant.StoreProblem is { } p ? $", and its store did not answer ({p})." : "."),
            "The assistant's cloud is down.", TryLater),
        { StoreProblem: { } problem } => HopReport.Failed(ChainHops.Assistant, $"The assistant's store did not answer ({problem}).",
            "The assistant's cloud cannot read its own data.", TryLater),
        // Commands still work, but nothing the lamp does by itself reaches the assistant: a real failure of the
        // assistant's own side, which the person cannot fix.
        { EventGatewayDown: true } => HopReport.Failed(ChainHops.Assistant,
            "The assistant's event gateway is down: the maker's reports (a button press, another app's change) wait in the maker's queue"
            + " and arrive once it is back.",
            "The assistant may show stale state because its event gateway is down: the maker's reports cannot be delivered.", TryLater),
        _ => HopReport.Ok(ChainHops.Assistant, "The assistant answers and reads its store."),
    };

    private static HopReport Link(DiagnosisFacts facts, AssistantOptions names)
    {
        var (assistant, vendor) = (facts.Assistant, facts.Vendor);
        var linkAgain = $"Open the {names.AssistantDisplayName} app and link {names.SkillDisplayName} again.";
        var discoverAgain = $"Ask {names.AssistantDisplayName} to discover devices again, or check the device's name.";
        if (assistant.StoreProblem is not null)
        {
            return HopReport.Unknown(ChainHops.Link, "The link could not be read: the assistant's store did not answer.");
        }

        if (assistant.Link is null or LinkState.Unlinked)
        {
            var reporting = ReturnPathRules.EndedWithTheSkill(assistant.ReturnPath) is { } ended ? $" {ended}" : "";
            return HopReport.Failed(ChainHops.Link, $"{names.SkillDisplayName} is not linked.{reporting}",
                $"{names.SkillDisplayName} is not linked to your {names.AssistantDisplayName} account.", linkAgain);
        }

        if (assistant.Link == LinkState.Expired)
        {
            var why = assistant.LinkReason is { Length: > 0 } reason ? $" ({reason})" : "";
            return HopReport.Failed(ChainHops.Link, $"The link has expired{why}.",
                $"The link between your {names.AssistantDisplayName} account and {names.SkillDisplayName} has expired.", linkAgain);
        }

        if (vendor.View?.Grant is { State: not "active" } grant)
        {
            var because = grant.Reason is { Length: > 0 } r ? $" because {Reason(r)}" : "";
            return HopReport.Failed(ChainHops.Link, $"The assistant holds a link, but the maker reports the grant {grant.State}{because}.",
                $"The maker has ended the link with your account{because}.", linkAgain);
        }

        if (assistant.Endpoint is null)
        {
            return HopReport.Failed(ChainHops.Link, $"No discovered device is called \"{facts.Device}\".",
                $"{names.SkillDisplayName} has not reported a device called \"{facts.Device}\".", discoverAgain);
        }

        if (vendor.Outcome == ProbeOutcome.NotFound)
        {
            return HopReport.Failed(ChainHops.Link, $"The maker does not know {assistant.Endpoint.EndpointId} for the linked account.",
                $"The maker no longer has \"{facts.Device}\" on your account.", discoverAgain);
        }

        if (ReturnPathRules.Problem(assistant.ReturnPath, vendor.View?.AssistantGrant) is { } stale)
        {
            return HopReport.Failed(ChainHops.Link, stale.Detail, stale.Cause, linkAgain);
        }

        return HopReport.Ok(ChainHops.Link, vendor.View?.Grant is not null
            ? $"Linked, and the maker reports the grant active (last used {At(vendor.View.Grant.LastUsedAt)})."
            : "Linked, as the assistant sees it.");
    }

    private static HopReport Vendor(VendorFacts vendor) => vendor.Outcome switch
    {
        ProbeOutcome.Answered or ProbeOutcome.NotFound => HopReport.Ok(ChainHops.Vendor, "The maker's cloud answers."),
        ProbeOutcome.NotAsked => HopReport.Unknown(ChainHops.Vendor, $"Not asked: {vendor.Problem}."),
        _ => HopReport.Failed(ChainHops.Vendor, $"The maker's support view: {Problem(vendor.Problem, Timeouts.Vendor)}.", vendor.Problem switch
        {
            "timeout" => "The maker's cloud is too slow: it did not answer in time.",
            "refused" or "unreachable" => "The maker's cloud cannot be reached.",
            "401" => "The maker's cloud refused the assistant's support credentials.",
            _ => "The maker's cloud is down.",
        }, "Nothing to do at home: the maker's cloud is down or slow. Try again later."),
    };

    private static HopReport Uplink(DiagnosisFacts facts)
    {
        var vendorSees = facts.Vendor.View?.Uplink;
        var home = facts.Gateway.View;
        var broadbandDown = home?.Broadband == "down";
        if (vendorSees is { Connected: false } || broadbandDown || home?.Uplink is { Connected: false })
        {
            var detail = vendorSees is { Connected: false }
                ? $"The maker sees the home's uplink down since {At(vendorSees.Since)}."
                : "The gateway reports its uplink to the maker disconnected.";
            if (broadbandDown)
            {
                return HopReport.Failed(ChainHops.Uplink, detail + " The gateway reports the broadband down.",
                    "The router has no internet.", "Check the router's internet connection (its lights, or call your internet provider).");
            }

            if (facts.Gateway.Outcome == ProbeOutcome.Failed)
            {
                return HopReport.Failed(ChainHops.Uplink, detail + " The gateway does not answer at home either.",
                    "The gateway is not answering: it has no power or is restarting.", GatewayPowerFix);
            }

            return HopReport.Failed(ChainHops.Uplink, detail, "The gateway cannot reach the maker's cloud.",
                "Check the router's internet connection and that the gateway has power.");
        }

        if (vendorSees is { Connected: true })
        {
            return HopReport.Ok(ChainHops.Uplink, $"The maker sees the home's uplink connected since {At(vendorSees.Since)} (last frame {At(vendorSees.LastFrameAt)}).");
        }

        return home?.Uplink is { Connected: true }
            ? HopReport.Ok(ChainHops.Uplink, $"The gateway reports its uplink connected since {At(home.Uplink.Since)}.")
            : HopReport.Unknown(ChainHops.Uplink, "Neither the maker nor the gateway could tell.");
    }

    private static HopReport Gateway(GatewayFacts gateway) => gateway.Outcome switch
    {
        ProbeOutcome.Answered => HopReport.Ok(ChainHops.Gateway, $"The gateway answers on the home network (home {gateway.View!.HomeId})."),
        ProbeOutcome.NotAsked => HopReport.Unknown(ChainHops.Gateway, $"Not asked: {gateway.Problem}."),
        _ => HopReport.Failed(ChainHops.Gateway, $"The gateway on the home network: {Problem(gateway.Problem, Timeouts.Gateway)}.",
            "The gateway does not answer on the home network: it has no power or is restarting.", GatewayPowerFix),
    };

    private static HopReport Band(GatewayFacts gateway) => gateway.View?.Band24 switch
    {
        "off" => HopReport.Failed(ChainHops.Band, "The gateway reports the 2.4 GHz band off.",
            "The router's 2.4 GHz band is off, and the plug speaks 2.4 GHz only.", "Turn the 2.4 GHz band back on in the router's Wi-Fi settings."),
        "on" => HopReport.Ok(ChainHops.Band, "The router's 2.4 GHz band is on."),
        _ when gateway.View is not null => HopReport.Unknown(ChainHops.Band, "The gateway did not say whether the 2.4 GHz band is on."),
        _ => HopReport.Unknown(ChainHops.Band, "Only the gateway sees the band, and it could not be asked."),
    };

    private static HopReport Plug(DiagnosisFacts facts)
    {
        if (EndpointId(facts) is not { } deviceId)
        {
            return HopReport.Unknown(ChainHops.Plug, "Which device is meant is not known.");
        }

        var bandOff = facts.Gateway.View?.Band24 == "off";
        var (cause, fix) = bandOff
            ? ("The plug is off the Wi-Fi: the router's 2.4 GHz band it needs is off.", "Turn the 2.4 GHz band back on; the plug reconnects by itself.")
            : ("The plug is offline: it has no power or is out of Wi-Fi range.", PlugFix);
        if (facts.Gateway.View is { } home)
        {
            return home.Devices?.FirstOrDefault(d => d.DeviceId == deviceId) switch
            {
                { Online: true } device => HopReport.Ok(ChainHops.Plug, $"{deviceId} is online at the gateway since {At(device.Since)}."),
                { } device => HopReport.Failed(ChainHops.Plug, $"{deviceId} is offline at the gateway since {At(device.Since)}.", cause, fix),
                null => HopReport.Failed(ChainHops.Plug, $"The gateway has never heard from {deviceId}.", bandOff ? cause : "The plug has not joined the home network.", fix),
            };
        }

        return facts.Vendor.View?.Device?.Online switch
        {
            true => HopReport.Ok(ChainHops.Plug, $"{deviceId} is online, as the maker last heard ({At(facts.Vendor.View.Device.ReportedAt)})."),
            false => HopReport.Failed(ChainHops.Plug, $"{deviceId} is offline, as the maker last heard.", cause, fix),
            null => HopReport.Unknown(ChainHops.Plug, "Neither the gateway nor the maker can tell whether the plug is online."),
        };
    }

    private static HopReport Lamp(DiagnosisFacts facts, HopReport plug)
    {
        if (plug.Status != HopStatus.Ok)
        {
            return HopReport.Unknown(ChainHops.Lamp, "Nobody can see the bulb, and the plug cannot be reached.");
        }

        var output = facts.Gateway.View?.Devices?.FirstOrDefault(d => d.DeviceId == EndpointId(facts))?.State
                     ?? facts.Vendor.View?.Device?.State;
        return output switch
        {
            { State: "ON" } => HopReport.Ok(ChainHops.Lamp,
                $"The plug is on{(output.Brightness is { } b ? $" at {b.ToString(CultureInfo.InvariantCulture)} percent" : "")}: the lamp should be lit. "
                + "If it is dark, check the bulb and the lamp's own switch."),
            { State: "OFF" } => HopReport.Ok(ChainHops.Lamp, "The plug is off, so the lamp is dark until it is turned on."),
            _ => HopReport.Ok(ChainHops.Lamp, "The plug is online; what it outputs is not known."),
        };
    }

    private static string? EndpointId(DiagnosisFacts facts) => facts.Assistant.Endpoint?.EndpointId;

    private static string Problem(string? problem, TimeSpan budget) => problem switch
    {
        "timeout" => $"no answer within {budget.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms",
        "refused" => "the connection was refused",
        "unreachable" => "it cannot be reached",
        { Length: 3 } code when int.TryParse(code, CultureInfo.InvariantCulture, out _) => $"it answered HTTP {code}",
        _ => problem ?? "no usable answer",
    };

    private static string Reason(string reason) => reason switch
    {
        "password_changed" => "the account's password was changed",
        "sign_in_age" => "there was no sign-in for too long",
        "idle" => "it was not used for too long",
        "client_revoked" => "the skill was disabled",
        "refresh_token_reuse" or "code_reuse" => "a credential was used twice",
        "simulated" => "the maker revoked it",
        _ => reason.Replace('_', ' '),
    };

    private static string At(DateTimeOffset? at) => at?.ToString("u", CultureInfo.InvariantCulture) ?? "an unknown time";
}
