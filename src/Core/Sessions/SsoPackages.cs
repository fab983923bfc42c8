using System;
using Amazon.Runtime.CredentialManagement;

namespace SessionEffects;

/// <summary>
/// The AWS SDK signs in with IAM Identity Center (SSO) through two packages it loads by name at run time,
/// <c>AWSSDK.SSO</c> and <c>AWSSDK.SSOOIDC</c>. SessionEffects does not depend on them (most applications never use
/// SSO); an SSO profile without them fails here, naming both, instead of with the SDK's assembly-loading error.
/// </summary>
internal static class SsoPackages
{
    private const string SsoClient = "Amazon.SSO.AmazonSSOClient, AWSSDK.SSO";
    private const string OidcClient = "Amazon.SSOOIDC.AmazonSSOOIDCClient, AWSSDK.SSOOIDC";

    /// <summary>Throws when the profile uses SSO and the packages it needs cannot be loaded.</summary>
    /// <exception cref="SessionConfigurationException">The profile uses SSO and AWSSDK.SSO or AWSSDK.SSOOIDC is missing.</exception>
    public static void Check(string profileName, CredentialProfileOptions options)
    {
        if (options.SsoStartUrl is null && options.SsoSession is null)
        {
            return;
        }

        // Constant type names at each call, so trimming sees which types are asked for.
        var missing = (Loadable(() => Type.GetType(SsoClient, throwOnError: false)), Loadable(() => Type.GetType(OidcClient, throwOnError: false))) switch
        {
            (true, true) => null,
            (false, false) => "neither can be loaded",
            (false, true) => "AWSSDK.SSO cannot be loaded",
            _ => "AWSSDK.SSOOIDC cannot be loaded",
        };
        if (missing is not null)
        {
            throw new SessionConfigurationException(
                $"AWS profile '{profileName}' signs in with IAM Identity Center (SSO), which the AWS SDK does through the packages " +
                $"AWSSDK.SSO and AWSSDK.SSOOIDC, and {missing}. Add both packages to your application (the same major version as " +
                $"AWSSDK.Core), sign in with 'aws sso login --profile {profileName}', and try again.");
        }
    }

    private static bool Loadable(Func<Type?> load)
    {
        try
        {
            return load() is not null;
        }
        catch (System.IO.FileLoadException)
        {
            return false;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}
