using Microsoft.Extensions.Configuration;

namespace SessionEffects.Extensions.DependencyInjection;

/// <summary>
/// The AWS SDK's own <c>"AWS"</c> section (what AWSSDK.Extensions.NETCore.Setup's <c>AddDefaultAWSOptions</c> reads) as
/// the default session when SessionEffects' options give none: <c>Profile</c>, <c>ProfilesLocation</c>, <c>Region</c>
/// and <c>ServiceURL</c> (the DynamoDB endpoint). Read here from <see cref="IConfiguration"/>, so the package does not
/// depend on the SDK's setup package. Other keys of that section (client defaults, a role to assume) are not mapped:
/// they have no one-to-one meaning for a session and stay the SDK's.
/// </summary>
internal static class SdkAwsSection
{
    /// <summary>The section's name.</summary>
    public const string Name = "AWS";

    /// <summary>Sets <see cref="SessionEffectsOptions.Default"/> from the section when it is unset and the section has one of the keys.</summary>
    public static void Apply(SessionEffectsOptions options, IConfiguration? configuration)
    {
        if (options.Default is not null || configuration is null)
        {
            return;
        }

        var aws = configuration.GetSection(Name);
        var settings = new SessionSettings
        {
            Profile = aws["Profile"],
            ProfilesLocation = aws["ProfilesLocation"],
            Region = aws["Region"],
            Endpoint = aws["ServiceURL"],
        };
        if (settings.Profile is not null || settings.ProfilesLocation is not null || settings.Region is not null || settings.Endpoint is not null)
        {
            options.Default = settings;
        }
    }
}
