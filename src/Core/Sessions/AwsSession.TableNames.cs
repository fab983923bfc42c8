using System.Text;

namespace SessionEffects;

/// <content>
/// The session's table naming (<see cref="SessionEffects.TableNames"/>): which physical table a table class reaches
/// through this session. A table's physical name is resolved, like its session, when each operation runs.
/// </content>
public sealed partial class AwsSession
{
    /// <summary>
    /// How this session names tables (prefix, suffix, aliases); <see cref="TableNames.None"/> unless made with
    /// <see cref="WithTableNames"/>. Every operation on a table bound to this session addresses
    /// <c>TableNames.Resolve(table.Name)</c>.
    /// </summary>
    public TableNames TableNames { get; private init; } = TableNames.None;

    /// <summary>
    /// The same session with a table naming: <c>AwsSession.FromProfile("dev").WithTableNames(TableNames.Prefix("dev-"))</c>
    /// makes every table bound to it reach <c>dev-</c> + its name. Like every <c>With…</c> session it shares the
    /// credentials and owns its own clients; it replaces any naming this session had. Sessions derived from the result
    /// with <see cref="WithRegion"/>, <see cref="WithEndpoint(System.Uri)"/>, <see cref="WithLabel"/> and the other
    /// <c>With…</c> methods keep the naming; a role assumed from it (<see cref="AssumeRole"/>) has the naming of its
    /// <see cref="AssumeRoleOptions.TableNames"/>, none by default (another account names its tables its own way).
    /// </summary>
    /// <param name="tableNames">The naming; <see cref="TableNames.None"/> for plain names.</param>
    /// <exception cref="System.ArgumentNullException"><paramref name="tableNames"/> is null.</exception>
    public AwsSession WithTableNames(TableNames tableNames)
    {
        System.ArgumentNullException.ThrowIfNull(tableNames);
        return new(credentials.Share(), Region, Endpoint, StsEndpoint, label, configureClients, configuredProfile) { TableNames = tableNames };
    }

    /// <summary>Adds the naming to <see cref="ToString"/> when there is one (table names are not secrets).</summary>
    private void DescribeTableNames(StringBuilder text)
    {
        if (!TableNames.IsNone)
        {
            text.Append(", tables=").Append(TableNames);
        }
    }
}
