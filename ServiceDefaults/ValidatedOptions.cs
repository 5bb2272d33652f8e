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
}
