using System;
using System.Threading;
using System.Threading.Tasks;

namespace SessionEffects.CSharp;

/// <summary>Whole-table copies, mirroring the core's <c>Dynamo.Copies.cs</c>.</summary>
public static partial class TableOperations
{
    /// <summary>
    /// Copies every item of the table, from the session it is bound to here, into the same table of
    /// <paramref name="target"/>: parallel segments, optional rate limit, target creation, progress and checkpoints
    /// (see <see cref="CopyOptions"/>).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> or <paramref name="target"/> is null.</exception>
    /// <exception cref="CopyInterruptedException">A failure stopped the copy; its <c>Checkpoint</c> says where to resume.</exception>
    public static Task<CopyResult> CopyTableAsync(this DynamoTable table, AwsSession target, CopyOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        return Sessions.RunAsync(Dynamo.copyTable(Check(table), target, options), cancellationToken);
    }

    /// <summary>Compares the table (as bound here) with the same table in <paramref name="target"/>, item by item.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> or <paramref name="target"/> is null.</exception>
    public static Task<VerifyResult> VerifyCopyAsync(this DynamoTable table, AwsSession target, VerifyOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        return Sessions.RunAsync(Dynamo.verifyCopy(Check(table), target, options), cancellationToken);
    }
}
