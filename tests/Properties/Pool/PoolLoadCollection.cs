using Xunit;

namespace SessionEffects.Properties.Pool;

/// <summary>
/// The pool's load tests run alone, one after another: each drives DynamoDB Local and the STS double hard on a small
/// machine, and their proofs (high-water marks, sampled session counts) should not share the cores with other tests.
/// They share one set of 1,000 tenant databases (<see cref="ThousandTenants"/>), created once.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PoolLoadCollection : ICollectionFixture<ThousandTenants>
{
    public const string Name = "pool load";
}
