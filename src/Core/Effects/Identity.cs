using System;
using System.Diagnostics.Contracts;
using LanguageExt;
using static LanguageExt.Prelude;

namespace SessionEffects;

/// <summary>Who a session is, as an effect (STS <c>GetCallerIdentity</c>, fetched once per session and cached).</summary>
public static class Identity
{
    /// <summary>The caller identity of <paramref name="session"/>, using the environment's cancellation token.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="session"/> is null.</exception>
    [Pure]
    public static Aff<SessionEnv, CallerIdentity> callerIdentity(AwsSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return LanguageExt.Aff<SessionEnv, CallerIdentity>.EffectMaybe(async env =>
        {
            try
            {
                return FinSucc(await session.GetCallerIdentityAsync(env.CancellationToken).ConfigureAwait(false));
            }
            catch (Exception ex)
            {
                return FinFail<CallerIdentity>(LanguageExt.Common.Error.New(ex));
            }
        });
    }

    /// <summary>The caller identity of the session <paramref name="table"/> resolves to when the effect runs.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    [Pure]
    public static Aff<SessionEnv, CallerIdentity> callerIdentityOf(DynamoTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return Scope.currentSession(table).Bind(callerIdentity);
    }
}
