using System;
using System.Collections.Generic;
using System.Linq;
using Amazon.Runtime;

namespace SessionEffects.Extensions.DependencyInjection;

/// <summary>
/// Builds the sessions of <see cref="SessionEffectsOptions"/>, sources before the roles assumed from them, and keeps
/// every session it creates (intermediate ones included) so they can be disposed newest first — a role before the
/// session it was assumed from. Building talks to nobody; a problem is reported with the configuration key it came
/// from (<c>SessionEffects:Sessions:project:RoleArn: …</c>).
/// </summary>
internal sealed class SessionBuilder
{
    private readonly SessionEffectsOptions options;
    private readonly Dictionary<string, AwsSession> built = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> building = new(StringComparer.OrdinalIgnoreCase);

    public SessionBuilder(SessionEffectsOptions options) => this.options = options;

    /// <summary>Every session made, in the order made.</summary>
    public List<AwsSession> Created { get; } = [];

    /// <summary>The problems found so far, each naming its key.</summary>
    public List<string> Problems { get; } = [];

    /// <summary>Builds the default and every named session; the problems, if any, are in <see cref="Problems"/>.</summary>
    public (AwsSession? Default, Dictionary<string, AwsSession> Named) BuildAll()
    {
        var defaultSession = Get(SessionEffectsOptions.DefaultName, options.Path);
        var named = new Dictionary<string, AwsSession>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in options.Sessions.Keys)
        {
            if (Get(name, options.Path) is { } session)
            {
                named[name] = session;
            }
        }

        return (defaultSession, named);
    }

    /// <summary>Disposes every session made, newest first.</summary>
    public void DisposeAll()
    {
        for (var i = Created.Count - 1; i >= 0; i--)
        {
            Created[i].Dispose();
        }

        Created.Clear();
    }

    /// <summary>The configuration key of a session.</summary>
    public string KeyOf(string name) =>
        IsDefault(name) ? $"{options.Path}:{SessionEffectsOptions.DefaultName}" : $"{options.Path}:Sessions:{name}";

    /// <summary>The session named <paramref name="name"/> (built once), or null after reporting why it cannot be.</summary>
    /// <param name="name">A session name, or <c>Default</c>.</param>
    /// <param name="referrer">The key that asked for it, for the message when there is no such session.</param>
    public AwsSession? Get(string name, string referrer)
    {
        if (built.TryGetValue(name, out var done))
        {
            return done;
        }

        var settings = IsDefault(name) ? options.Default ?? new SessionSettings() : options.Sessions.GetValueOrDefault(name);
        if (settings is null)
        {
            var known = string.Join(", ", new[] { SessionEffectsOptions.DefaultName }.Concat(options.Sessions.Keys.Order(StringComparer.Ordinal)));
            Problems.Add($"{referrer}: there is no session named '{name}'; the sessions are {known}.");
            return null;
        }

        if (!building.Add(name))
        {
            Problems.Add($"{KeyOf(name)}:{nameof(SessionSettings.SourceSession)}: '{name}' is assumed from itself through a cycle of SourceSession settings.");
            return null;
        }

        try
        {
            var session = Build(name, settings);
            if (session is not null)
            {
                built[name] = session;
            }

            return session;
        }
        finally
        {
            building.Remove(name);
        }
    }

    private static bool IsDefault(string name) => name.Equals(SessionEffectsOptions.DefaultName, StringComparison.OrdinalIgnoreCase);

    private AwsSession? Build(string name, SessionSettings s)
    {
        var key = KeyOf(name);
        if (!Check(key, s))
        {
            return null;
        }

        // The setting being applied, so a problem the core finds is reported under the key that caused it.
        var setting = string.Empty;
        try
        {
            AwsSession session;
            if (s.SourceSession is { } sourceName)
            {
                if (Get(sourceName, $"{key}:{nameof(SessionSettings.SourceSession)}") is not { } source)
                {
                    return null;
                }

                // A role on a named session reaches AWS as that session does; its own settings come after the role.
                setting = ":" + nameof(SessionSettings.RoleArn);
                session = Track(source.AssumeRole(Role(s)));
                setting = string.Empty;
                session = Own(session, s, regionToo: true);
                session = s.ConfigureClient is { } configure ? Track(session.WithClientConfiguration(configure)) : session;
            }
            else
            {
                setting = s.Profile is null ? string.Empty : ":" + nameof(SessionSettings.Profile);
                session = Track(
                    s.Credentials is { } credentials ? AwsSession.FromCredentials(credentials, s.Region)
                    : s.Profile is { } profile ? AwsSession.FromProfile(profile, s.Region, s.ProfilesLocation)
                    : AwsSession.FromDefaultChain(s.Region));
                setting = string.Empty;
                session = s.ConfigureClient is { } configure ? Track(session.WithClientConfiguration(configure)) : session;
                session = Own(session, s, regionToo: false);
                if (s.RoleArn is not null)
                {
                    setting = ":" + nameof(SessionSettings.RoleArn);
                    session = Track(session.AssumeRole(Role(s)));
                    setting = string.Empty;
                }
            }

            setting = ":" + nameof(SessionSettings.Label);
            session = Track(session.WithLabel(s.Label ?? (IsDefault(name) ? "default" : name)));
            return HostedTableNames.From(key, s.TableNamePrefix, s.TableNameSuffix, s.TableAliases, Problems) is not { } names ? null
                : names.IsNone ? session : Track(session.WithTableNames(names));
        }
        catch (SessionConfigurationException ex)
        {
            Problems.Add($"{key}{setting}: {ex.Message}");
            return null;
        }
    }

    /// <summary>The endpoints (and, for a role on a named session, the region) the settings give the session itself.</summary>
    private AwsSession Own(AwsSession session, SessionSettings s, bool regionToo)
    {
        if (regionToo && s.Region is { } region && region != session.Region)
        {
            session = Track(session.WithRegion(region));
        }

        if (s.StsEndpoint is { } sts)
        {
            session = Track(session.WithStsEndpoint(new Uri(sts)));
        }

        if (s.Endpoint is { } endpoint)
        {
            session = Track(session.WithEndpoint(endpoint));
        }

        return session;
    }

    private AwsSession Track(AwsSession session)
    {
        Created.Add(session);
        return session;
    }

    private static AssumeRoleOptions Role(SessionSettings s) => new(s.RoleArn!)
    {
        ExternalId = s.ExternalId,
        SessionName = s.RoleSessionName,
        Duration = s.Duration,
        Tags = s.Tags.Count > 0 ? new Dictionary<string, string>(s.Tags, StringComparer.Ordinal) : null,
        Policy = s.Policy,
        PolicyArns = s.PolicyArns.Count > 0 ? [.. s.PolicyArns] : null,
        SourceIdentity = s.SourceIdentity,
        StsRegion = s.StsRegion,
        RefreshBeforeExpiry = s.RefreshBeforeExpiry,
    };

    /// <summary>What can be said about one key before building; false when the session cannot be built.</summary>
    private bool Check(string key, SessionSettings s)
    {
        var before = Problems.Count;
        var sources = new[] { (nameof(SessionSettings.Profile), s.Profile is not null), (nameof(SessionSettings.SourceSession), s.SourceSession is not null), (nameof(SessionSettings.Credentials), s.Credentials is not null) }
            .Where(x => x.Item2).Select(x => x.Item1).ToList();
        if (sources.Count > 1)
        {
            Problems.Add($"{key}: {string.Join(" and ", sources)} both say where the credentials come from; keep one.");
        }

        if (s.SourceSession is not null && s.RoleArn is null)
        {
            Problems.Add($"{key}:{nameof(SessionSettings.SourceSession)}: a source session is only used to assume a role; set {nameof(SessionSettings.RoleArn)} too.");
        }

        if (s.RoleArn is { } arn && !(arn.StartsWith("arn:", StringComparison.Ordinal) && arn.Split(':').Length >= 6 && arn.Contains(":role/", StringComparison.Ordinal)))
        {
            Problems.Add($"{key}:{nameof(SessionSettings.RoleArn)}: '{arn}' is not a role ARN (arn:aws:iam::123456789012:role/Name).");
        }

        if (s.RoleArn is null)
        {
            foreach (var (setting, present) in new[]
            {
                (nameof(SessionSettings.ExternalId), s.ExternalId is not null), (nameof(SessionSettings.RoleSessionName), s.RoleSessionName is not null),
                (nameof(SessionSettings.Duration), s.Duration is not null), (nameof(SessionSettings.Tags), s.Tags.Count > 0),
                (nameof(SessionSettings.Policy), s.Policy is not null), (nameof(SessionSettings.PolicyArns), s.PolicyArns.Count > 0),
                (nameof(SessionSettings.SourceIdentity), s.SourceIdentity is not null), (nameof(SessionSettings.StsRegion), s.StsRegion is not null),
                (nameof(SessionSettings.RefreshBeforeExpiry), s.RefreshBeforeExpiry is not null),
            })
            {
                if (present)
                {
                    Problems.Add($"{key}:{setting}: only used to assume a role; set {nameof(SessionSettings.RoleArn)} too, or remove it.");
                }
            }
        }

        if (s.Duration is { } d && (d < TimeSpan.FromMinutes(15) || d > TimeSpan.FromHours(12)))
        {
            Problems.Add($"{key}:{nameof(SessionSettings.Duration)}: {d} is outside STS's range of 15 minutes to 12 hours.");
        }

        if (s.RefreshBeforeExpiry is { } margin && margin < TimeSpan.Zero)
        {
            Problems.Add($"{key}:{nameof(SessionSettings.RefreshBeforeExpiry)}: {margin} is negative.");
        }

        CheckUri(key, nameof(SessionSettings.Endpoint), s.Endpoint);
        CheckUri(key, nameof(SessionSettings.StsEndpoint), s.StsEndpoint);
        if (s.Region is { } region && (string.IsNullOrWhiteSpace(region) || !region.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')))
        {
            Problems.Add($"{key}:{nameof(SessionSettings.Region)}: '{region}' is not a region name such as eu-west-1.");
        }

        if (s.Profile is { Length: 0 } || (s.Profile is not null && string.IsNullOrWhiteSpace(s.Profile)))
        {
            Problems.Add($"{key}:{nameof(SessionSettings.Profile)}: the profile name is empty.");
        }

        return Problems.Count == before;
    }

    private void CheckUri(string key, string setting, string? value)
    {
        if (value is not null && !(Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)))
        {
            Problems.Add($"{key}:{setting}: '{value}' is not an absolute http or https URI such as http://127.0.0.1:8000.");
        }
    }
}
