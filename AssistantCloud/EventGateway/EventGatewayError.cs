using System.Globalization;

namespace SmartHome.AssistantCloud.EventGateway;

/// <summary>
/// The event gateway's own error answer:
/// <c>{"header":{"namespace":"System","messageId"},"payload":{"code","description"}}</c> with its HTTP status.
/// </summary>
public sealed record EventGatewayError(string Code, string Description)
{
    public const string InvalidRequest = "INVALID_REQUEST_EXCEPTION";
    public const string InvalidAccessToken = "INVALID_ACCESS_TOKEN_EXCEPTION";
    public const string SkillDisabled = "SKILL_DISABLED_EXCEPTION";
    public const string InsufficientPermission = "INSUFFICIENT_PERMISSION_EXCEPTION";
    public const string NoSuchEndpoint = "NO_SUCH_ENDPOINT_EXCEPTION";
    public const string Throttling = "THROTTLING_EXCEPTION";
    public const string InternalService = "INTERNAL_SERVICE_EXCEPTION";
    public const string ServiceUnavailable = "SERVICE_UNAVAILABLE_EXCEPTION";

    /// <summary>What a 503 from the fault switch asks the sender to wait.</summary>
    public const int UnavailableRetryAfterSeconds = 5;

    public int StatusCode => Code switch
    {
        InvalidRequest => StatusCodes.Status400BadRequest,
        InvalidAccessToken => StatusCodes.Status401Unauthorized,
        SkillDisabled or InsufficientPermission => StatusCodes.Status403Forbidden,
        NoSuchEndpoint => StatusCodes.Status404NotFound,
        Throttling => StatusCodes.Status429TooManyRequests,
        ServiceUnavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>The answer, with <c>Retry-After</c> when given.</summary>
    public IResult ToResult(int? retryAfterSeconds = null) => new ErrorResult(this, retryAfterSeconds);

    private sealed class ErrorResult(EventGatewayError error, int? retryAfterSeconds) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            if (retryAfterSeconds is { } seconds)
            {
                httpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            }

            var body = new
            {
                header = new { @namespace = "System", messageId = Guid.NewGuid().ToString() },
                payload = new { code = error.Code, description = error.Description },
            };
            return TypedResults.Json(body, statusCode: error.StatusCode).ExecuteAsync(httpContext);
        }
    }
}
