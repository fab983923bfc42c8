using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using LanguageExt;
using SessionEffects.Properties.Fixtures;
using static LanguageExt.Prelude;

namespace SessionEffects.Properties.Programs;

/// <summary>
/// The tables and sessions a program's indices refer to, and how a <see cref="Write"/> reaches DynamoDB. The
/// in-memory world never sends a request: its writes only record the session they would use.
/// </summary>
public sealed class World
{
    private readonly Func<int, string, Aff<SessionEnv, Unit>>? writer;
    private readonly Func<int, int, string, Aff<SessionEnv, Unit>>? transactor;

    public World(
        AwsSession defaultSession,
        IReadOnlyList<AwsSession> sessions,
        Func<int, string, Aff<SessionEnv, Unit>>? writer = null,
        Func<int, int, string, Aff<SessionEnv, Unit>>? transactor = null)
    {
        Default = defaultSession;
        Sessions = [.. sessions];
        this.writer = writer;
        this.transactor = transactor;
    }

    /// <summary>Three tables of different shapes (hash only; hash + range + indexes; default attribute names).</summary>
    public static ImmutableArray<DynamoTable> Tables { get; } = [DynamoTable.Of<User>(), DynamoTable.Of<Order>(), DynamoTable.Of<Event>()];

    public AwsSession Default { get; }

    public ImmutableArray<AwsSession> Sessions { get; }

    /// <summary>A world of sessions that are never contacted: for the model property.</summary>
    public static World InMemory(int sessions = 4)
    {
        AwsSession Make(string key) => AwsSession.FromKeys(key, "never-used", "us-east-1").WithEndpoint("http://127.0.0.1:9");
        return new World(Make("DefaultKey0000"), Enumerable.Range(0, sessions).Select(i => Make($"SessionKey{i:0000}")).ToList());
    }

    /// <summary>"S{i}" for a world session, "D" for the default, "?" for anything else (a leak from elsewhere).</summary>
    public string Name(AwsSession session)
    {
        if (ReferenceEquals(session, Default))
        {
            return "D";
        }

        var i = Sessions.IndexOf(session, ReferenceEqualityComparer.Instance);
        return i >= 0 ? $"S{i}" : "?";
    }

    /// <summary>The effect that writes item <paramref name="id"/> to table <paramref name="table"/>; nothing in memory.</summary>
    public Aff<SessionEnv, Unit> Write(int table, string id) => writer?.Invoke(table, id) ?? SuccessAff<SessionEnv, Unit>(unit);

    /// <summary>
    /// The transaction writing <c>{id}a</c> to <paramref name="first"/> and <c>{id}b</c> to <paramref name="second"/>.
    /// In memory nothing is sent: the effect only applies the core's same-session rule, which is what the model checks.
    /// </summary>
    public Aff<SessionEnv, Unit> Transact(int first, int second, string id) =>
        transactor?.Invoke(first, second, id) ?? Dynamo.transactionSession([Tables[first], Tables[second]]).Map(_ => unit);
}
