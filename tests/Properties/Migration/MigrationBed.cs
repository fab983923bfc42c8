using System;
using System.Linq;
using System.Threading.Tasks;
using SessionEffects.Properties.Bed;
using SessionEffects.Properties.Fixtures;
using static SessionEffects.Dynamo;

namespace SessionEffects.Properties.Migration;

/// <summary>
/// Two accounts on the shared DynamoDB Local (one database per access key), each with the users table: the setup every
/// migration test starts from. The access keys are kept so the command-line tool can be pointed at the same accounts
/// (<c>--local URL --from-key … --to-key …</c>).
/// </summary>
internal sealed class MigrationBed : IDisposable
{
    public static readonly DynamoTable<User> Users = DynamoTable.Of<User>();

    private MigrationBed(string sourceKey, string targetKey, AwsSession source, AwsSession target, Uri endpoint)
    {
        (SourceKey, TargetKey, Source, Target, Endpoint) = (sourceKey, targetKey, source, target, endpoint);
    }

    public string SourceKey { get; }

    public string TargetKey { get; }

    /// <summary>The account the table moves from (the mirror's first primary).</summary>
    public AwsSession Source { get; }

    /// <summary>The account the table moves to.</summary>
    public AwsSession Target { get; }

    public Uri Endpoint { get; }

    /// <summary>Two new accounts named after <paramref name="prefix"/>, the users table created (empty) in both.</summary>
    public static async Task<MigrationBed> CreateAsync(string prefix)
    {
        var (sourceKey, targetKey) = (LocalDynamo.NewAccessKey(prefix + "S"), LocalDynamo.NewAccessKey(prefix + "T"));
        var source = await LocalDynamo.SessionAsync(sourceKey);
        var target = await LocalDynamo.SessionAsync(targetKey);
        await Run.Value(createTable(Users), source);
        await Run.Value(createTable(Users), target);
        return new MigrationBed(sourceKey, targetKey, source, target, await LocalDynamo.EndpointAsync());
    }

    /// <summary>The tool's options for these two accounts: <c>--table users --local URL --from-key … --to-key …</c>.</summary>
    public string[] ToolSides => ["--table", "users", "--local", Endpoint.ToString(), "--from-key", SourceKey, "--to-key", TargetKey];

    /// <summary>Writes users <c>u0</c>… straight into <paramref name="side"/> (not mirrored: as seeded before the migration, or by an instance that does not mirror).</summary>
    public static Task SeedAsync(AwsSession side, int count, string name = "seeded", int from = 0) =>
        Run.Value(batchSave(Users, Enumerable.Range(from, count).Select(i => new User { Id = "u" + i, Name = name, Account = "a" + (i % 7) })), side);

    /// <summary>The comparison of the two sides, <paramref name="primary"/> first.</summary>
    public Task<VerifyResult> CompareAsync(AwsSession? primary = null) =>
        primary is null || ReferenceEquals(primary, Source)
            ? Run.Value(verifyCopy(Users, Target), Source)
            : Run.Value(verifyCopy(Users, Source), Target);

    public void Dispose()
    {
        Source.Dispose();
        Target.Dispose();
    }
}
