using System.Text.Json;
using System.Text.Json.Serialization;

namespace SmartHome.ServiceDefaults.Uplink;

/// <summary>
/// Writes <see cref="ResultStatus"/> camelCase; reads a status this side does not know as <see cref="ResultStatus.Error"/>,
/// so that a newer gateway's answer still ends its command (as a failure) instead of leaving it to time out.
/// </summary>
internal sealed class ResultStatusJsonConverter : JsonConverter<ResultStatus>
{
    public override ResultStatus Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("result status must be a string");
        }

        var text = reader.GetString();
        foreach (var status in Enum.GetValues<ResultStatus>())
        {
            if (string.Equals(status.ToString(), text, StringComparison.OrdinalIgnoreCase))
            {
                return status;
            }
        }

        return ResultStatus.Error;
    }

    public override void Write(Utf8JsonWriter writer, ResultStatus value, JsonSerializerOptions options) =>
        writer.WriteStringValue(JsonNamingPolicy.CamelCase.ConvertName(value.ToString()));
}
