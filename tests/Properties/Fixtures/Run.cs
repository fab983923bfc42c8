using System.Threading;
using System.Threading.Tasks;
using LanguageExt;

namespace SessionEffects.Properties.Fixtures;

/// <summary>Runs core effects in tests: a failure becomes the exception it carries, so assertions see the real type.</summary>
internal static class Run
{
    public static async Task<A> Value<A>(Aff<SessionEnv, A> effect, SessionEnv env)
    {
        var result = await effect.Run(env);
        return result.Match(a => a, e => throw e.ToException());
    }

    public static async Task<A> Value<A>(Aff<SessionEnv, A> effect, AwsSession defaultSession, CancellationToken cancellationToken = default) =>
        await Value(effect, SessionEnv.New(defaultSession, cancellationToken));
}
