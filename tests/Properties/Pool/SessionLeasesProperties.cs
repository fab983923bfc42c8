using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;

namespace SessionEffects.Properties.Pool;

/// <summary>
/// A pooled session's leases and retirement on their own (<see cref="SessionLeases"/>), without a session: for random
/// runs of leases taken and given back and a retirement somewhere in between, the session is to be disposed exactly
/// once, exactly when it is retired and no lease holds it, and no lease is granted after that. Also under contention.
/// </summary>
public sealed class SessionLeasesProperties
{
    public enum Step
    {
        Take,
        Release,
        Retire,
    }

    public static class Arbitraries
    {
        public static Arbitrary<ImmutableList<Step>> Runs() => Arb.From(
            Gen.ListOf(Gen.Frequency((4, Gen.Constant(Step.Take)), (4, Gen.Constant(Step.Release)), (1, Gen.Constant(Step.Retire))))
                .Select(steps => steps.ToImmutableList()));
    }

    [Property(MaxTest = 500, Arbitrary = [typeof(Arbitraries)])]
    public Property Disposal_comes_once_when_the_session_is_retired_and_idle_and_no_lease_follows_it(ImmutableList<Step> run)
    {
        var leases = new SessionLeases();
        var (held, retired, disposals) = (0, false, 0);
        foreach (var step in run)
        {
            var disposedBefore = disposals > 0;
            switch (step)
            {
                case Step.Take:
                    var taken = leases.TryTake();
                    if (taken == disposedBefore)
                    {
                        return false.Label($"{string.Join(", ", run)}: a lease was {(taken ? "granted after" : "refused before")} disposal");
                    }

                    held += taken ? 1 : 0;
                    break;
                case Step.Release when held > 0:
                    held--;
                    disposals += leases.Release() ? 1 : 0;
                    break;
                case Step.Retire when !retired:
                    retired = true;
                    disposals += leases.Retire() ? 1 : 0;
                    break;
            }

            var due = retired && held == 0 ? 1 : 0;
            if (disposals != due || leases.Count != held || leases.IsRetired != retired)
            {
                return false.Label($"{string.Join(", ", run)}: after {step}, {disposals} disposals (due {due}), {leases.Count} leases (held {held})");
            }
        }

        return true.ToProperty();
    }

    [Fact]
    public async Task Under_contention_a_retired_session_is_disposed_exactly_once_and_only_when_no_lease_is_held()
    {
        for (var round = 0; round < 200; round++)
        {
            var leases = new SessionLeases();
            var disposals = 0;
            var leaseAfterDisposal = 0;
            var workers = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
            {
                for (var i = 0; i < 200; i++)
                {
                    if (leases.TryTake())
                    {
                        if (Volatile.Read(ref disposals) > 0)
                        {
                            Interlocked.Increment(ref leaseAfterDisposal);
                        }

                        if (leases.Release())
                        {
                            Interlocked.Increment(ref disposals);
                        }
                    }
                }
            })).ToList();
            if (leases.Retire())
            {
                Interlocked.Increment(ref disposals);
            }

            await Task.WhenAll(workers);
            Assert.Equal(1, disposals);
            Assert.Equal(0, leaseAfterDisposal);
            Assert.False(leases.TryTake());
        }
    }
}
