using System.Net.Http.Headers;
using System.Text;

namespace SmartHome.VendorCloud.OAuth;

/// <summary>What an <c>Authorization</c> header says about HTTP Basic client credentials.</summary>
internal enum BasicCredentialsStatus
{
    /// <summary>No <c>Authorization</c> header.</summary>
    Absent,

    /// <summary>A header that is not readable HTTP Basic.</summary>
    Malformed,

    Present,
}

/// <summary>
/// HTTP Basic client credentials as RFC 6749 2.3.1 sends them (id and secret form-urlencoded, then base64):
/// read the same way by the token endpoint and by the partner support API.
/// </summary>
internal static class BasicClientCredentials
{
    /// <summary>The realm the vendor's <c>WWW-Authenticate: Basic</c> challenges name.</summary>
    public const string Challenge = "Basic realm=\"vendorcloud\"";

    public static BasicCredentialsStatus Read(HttpRequest request, out string? clientId, out string? clientSecret)
    {
        clientId = clientSecret = null;
        var header = request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            return BasicCredentialsStatus.Absent;
        }

        return AuthenticationHeaderValue.TryParse(header, out var parsed)
            && string.Equals(parsed.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            && TryDecode(parsed.Parameter, out clientId, out clientSecret)
                ? BasicCredentialsStatus.Present
                : BasicCredentialsStatus.Malformed;
    }

    private static bool TryDecode(string? parameter, out string? clientId, out string? clientSecret)
    {
        clientId = clientSecret = null;
        if (string.IsNullOrEmpty(parameter))
        {
            return false;
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(parameter));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                return false;
            }

            clientId = Uri.UnescapeDataString(decoded[..colon].Replace('+', ' '));
            clientSecret = Uri.UnescapeDataString(decoded[(colon + 1)..].Replace('+', ' '));
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
