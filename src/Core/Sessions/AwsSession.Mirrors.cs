using System;
using Amazon.DynamoDBv2;

namespace SessionEffects;

/// <content>
/// Mirrored sessions: one session that reads from a primary and mirrors each accepted write to a secondary, for moving
/// a table that is being written to another account, region or table.
/// </content>
public sealed partial class AwsSession
{
    private SessionMirror? mirror;

    /// <summary>
    /// A session for a table that is moving: reads go to <paramref name="primary"/>; each write the primary accepts is
    /// followed by the item state it produced on <paramref name="secondary"/> (a put of the item as stored — an update
    /// asks for <c>ALL_NEW</c> —, a delete, each item of a batch's processed part, a transaction's items in one
    /// transaction). A secondary write that fails records the key for repair and, unless
    /// <see cref="MirrorOptions.Strict"/>, does not fail the caller. Bind the table to this session (in every process
    /// that writes it) for the whole migration; every write effect, and every request sent through
    /// <see cref="DynamoDB"/>, is mirrored without callers changing code.
    /// </summary>
    /// <remarks>
    /// The mirror (<see cref="Mirror"/>) is shared by every flow using the session: a swap changes the direction for all
    /// of them at once. Writes of one item by flows of this process reach the secondary in the order they reached the
    /// primary; writes of one item by different processes may not, which is why a migration ends with a reconcile.
    /// Tables are named as the primary's <see cref="TableNames"/> names them, and on the secondary as its own naming
    /// names them (<c>orders</c> here, <c>prod-orders</c> there). PartiQL statements are refused. A mirrored session reaches the same as itself only: a transaction that mixes it
    /// with another session is refused. Disposing it releases the mirror's clients, not the two sessions.
    /// </remarks>
    /// <param name="primary">The side that is the truth: reads go to it, writes go to it first.</param>
    /// <param name="secondary">The side writes are mirrored to.</param>
    /// <param name="options">Strict mode, the dirty-key file and its bound.</param>
    /// <exception cref="ArgumentNullException"><paramref name="primary"/> or <paramref name="secondary"/> is null.</exception>
    /// <exception cref="ArgumentException">The two sessions are one, or one of them is mirrored already.</exception>
    public static AwsSession Mirrored(AwsSession primary, AwsSession secondary, MirrorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(primary);
        ArgumentNullException.ThrowIfNull(secondary);
        if (ReferenceEquals(primary, secondary) || primary.mirror is not null || secondary.mirror is not null)
        {
            throw new ArgumentException("A mirror needs two different sessions, neither of them mirrored itself.", nameof(secondary));
        }

        options ??= new MirrorOptions();
        if (options.MaxDirtyKeys < 1)
        {
            throw new ArgumentException($"MirrorOptions.MaxDirtyKeys must be at least 1; it was {options.MaxDirtyKeys}.", nameof(options));
        }

        // Requests are named as the primary names its tables; the mirror names them for the secondary by its naming.
        var session = new AwsSession(
            primary.credentials.Share(), primary.Region, primary.Endpoint, primary.StsEndpoint, $"{primary.Label}+{secondary.Label}", primary.configureClients, primary.configuredProfile)
        {
            TableNames = primary.TableNames,
        };
        session.mirror = new SessionMirror(primary, secondary, options);
        return session;
    }

    /// <summary>The mirror of a session made by <see cref="Mirrored"/>; absent for every other session.</summary>
    public SessionMirror? Mirror => mirror;

    /// <summary>This session's DynamoDB client with the mirror's step in its pipeline, for one side of <paramref name="owner"/>.</summary>
    internal IAmazonDynamoDB CreateMirrorClient(SessionMirror owner)
    {
        var config = new AmazonDynamoDBConfig();
        ApplyEndpoint(config, Region, Endpoint, "DynamoDB");
        configureClients?.Invoke(config);
        return SessionDynamoClient.Create(credentials.Value, config, this, SessionEffectsDiagnostics.RecordConsumedCapacity, owner);
    }
}
