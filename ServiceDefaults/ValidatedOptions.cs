using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace SmartHome.ServiceDefaults;

/// <summary>
/// The one way a service reads its configuration: an options class bound to its section, checked by its data
/// annotations (and any registered <see cref="IValidateOptions{TOptions}"/>) when the host starts, so that a bad
/// value stops the start with a message that names the key instead of failing later.
/// </summary>
public static class ValidatedOptions
{
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions>(this IServiceCollection services,
        IConfiguration configuration, string sectionName)
        where TOptions : class =>
        services.AddOptions<TOptions>()
            .Bind(configuration.GetSection(sectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

    /// <summary>
    /// The same with a validator instead of data annotations, for options whose rules span several keys or whose
    /// computed properties throw on a bad value (data annotations would read them).
    /// </summary>
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions, TValidator>(this IServiceCollection services,
        IConfiguration configuration, string sectionName)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
        return services.AddOptions<TOptions>()
            .Bind(configuration.GetSection(sectionName))
            .ValidateOnStart();
    }

    /// <summary>
    /// The same for options whose keys lie in several sections: bound from the whole configuration, each property
    /// naming its key with <see cref="ConfigurationKeyNameAttribute"/> (such as <c>World:HomeId</c>).
    /// </summary>
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions, TValidator>(this IServiceCollection services,
        IConfiguration configuration)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
        return services.AddOptions<TOptions>()
            .Bind(configuration)
            .ValidateOnStart();
    }

    /// <summary>Adds "Configuration '<paramref name="key"/>' is missing." when the value is empty; true when it is there.</summary>
    public static bool RequireValue(this ValidateOptionsResultBuilder builder, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            return true;
        }

        builder.AddError($"Configuration '{key}' is missing.");
        return false;
    }

    /// <summary>Adds an error naming the key, the range and the value when the value lies outside the range.</summary>
    public static void RequireRange(this ValidateOptionsResultBuilder builder, string key, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            builder.AddError($"Configuration '{key}' must be an integer from {min} to {max}, not '{value}'.");
        }
    }
}
