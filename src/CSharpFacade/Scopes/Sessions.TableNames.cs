using System;

namespace SessionEffects.CSharp;

/// <content>The physical table name a table has here and now (its session's <see cref="AwsSession.TableNames"/>).</content>
public static partial class Sessions
{
    /// <summary>
    /// The physical name <paramref name="table"/> has here and now: its name as the session it resolves to names it
    /// (<see cref="AwsSession.TableNames"/>) — what every operation on the table called here addresses.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    /// <exception cref="SessionConfigurationException">That session's naming makes an illegal name of the table's.</exception>
    public static string CurrentTableName(DynamoTable table) => CurrentSession(table).TableNames.Resolve(table.Name);
}
