namespace SessionEffects;

/// <summary>
/// A table as one request addresses it: the table, the physical name its session's <see cref="TableNames"/> gives it,
/// and how messages and traces name the target (both names where they differ). Made where the session is resolved,
/// so the name follows the session the table resolves to at that moment.
/// </summary>
/// <param name="Table">The table (its logical name is <see cref="DynamoTable.Name"/>).</param>
/// <param name="Name">The physical name: what DynamoDB is asked about.</param>
/// <param name="Target">How failures and traces name what the request addresses (<c>table dev-orders (logical orders)</c>).</param>
internal readonly record struct PhysicalTable(DynamoTable Table, string Name, string Target)
{
    /// <summary><paramref name="table"/> as <paramref name="session"/> names it (no allocation for a session without naming).</summary>
    /// <exception cref="SessionConfigurationException">The naming makes an illegal name of this table's.</exception>
    public static PhysicalTable In(AwsSession session, DynamoTable table)
    {
        var names = session.TableNames;
        if (names.IsNone)
        {
            return new PhysicalTable(table, table.Name, table.MessageTarget);
        }

        var resolved = names.Resolved(table.Name);
        return new PhysicalTable(table, resolved.Physical, resolved.Target);
    }

    /// <summary>A table known by name only (by-name copies), as <paramref name="session"/> names it.</summary>
    /// <exception cref="SessionConfigurationException">The naming makes an illegal name of this one.</exception>
    public static (string Name, string Target) Named(AwsSession session, string logicalName)
    {
        var names = session.TableNames;
        if (names.IsNone)
        {
            return (logicalName, "table " + logicalName);
        }

        var resolved = names.Resolved(logicalName);
        return (resolved.Physical, resolved.Target);
    }

    /// <summary>Whether the physical name differs from the logical one.</summary>
    public bool Renamed => !ReferenceEquals(Name, Table.Name) && Name != Table.Name;
}
