using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SessionEffects;

/// <summary>
/// Writes the standard DynamoDB tenant-isolation policy (AWS's "fine-grained access control" pattern): item operations
/// are allowed only on items whose partition key (<c>dynamodb:LeadingKeys</c>) is the tenant's, on the given tables
/// and their indexes, so callers never hand-write IAM JSON. Pass the result as <see cref="AssumeRoleOptions.Policy"/>
/// (a session policy: the session gets the intersection of the role's permissions and this policy), or attach the
/// <see cref="ForPrincipalTag"/> form to the role itself and send the tenant as a session tag.
/// </summary>
/// <remarks>
/// <para>The policy allows GetItem, BatchGetItem, Query, PutItem, UpdateItem, DeleteItem, BatchWriteItem and
/// ConditionCheckItem under <c>ForAllValues:StringEquals</c> on <c>dynamodb:LeadingKeys</c>, plus DescribeTable.
/// <b>Scan is deliberately absent</b>: a Scan carries no leading key, and <c>ForAllValues</c> is true for a request
/// without the key, so allowing Scan would let a tenant read every tenant's items.</para>
/// <para>The JSON is compact (no whitespace), because STS limits the plain text of a session policy to 2,048
/// characters; it is written with <see cref="Utf8JsonWriter"/>, so a tenant value is always a correctly escaped JSON
/// string (and only ASCII, as STS requires).</para>
/// </remarks>
public static class TenantPolicy
{
    /// <summary>The item-level actions the policy allows; each of them always names the partition key it touches.</summary>
    public static IReadOnlyList<string> ItemActions { get; } =
    [
        "dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:PutItem", "dynamodb:UpdateItem",
        "dynamodb:DeleteItem", "dynamodb:BatchWriteItem", "dynamodb:ConditionCheckItem",
    ];

    private static readonly Regex TableArnPattern = new(
        @"^arn:aws[a-z-]*:dynamodb:[a-z0-9-]+:(\d{12}|\*):table/[A-Za-z0-9_.-]{3,255}$", RegexOptions.CultureInvariant);

    /// <summary>
    /// The session policy that confines the session to the items of <paramref name="tenant"/>: the partition key of
    /// every item it reads or writes must equal <paramref name="tenant"/> exactly.
    /// </summary>
    /// <param name="tenant">The tenant's partition-key value (exact match; no wildcards, no IAM policy variables).</param>
    /// <param name="tableArns">The tables, as ARNs (<see cref="TableArn"/> builds one); their indexes are included.</param>
    /// <returns>The policy document as compact JSON.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tenant"/> or <paramref name="tableArns"/> is null.</exception>
    /// <exception cref="SessionConfigurationException">
    /// The tenant is empty or contains <c>${</c> (IAM would read it as a policy variable), no table was given, or a
    /// table ARN is malformed.
    /// </exception>
    public static string ForTenant(string tenant, IEnumerable<string> tableArns)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(tableArns);
        if (tenant.Length == 0)
        {
            throw new SessionConfigurationException("TenantPolicy.ForTenant: the tenant value was empty.");
        }

        if (tenant.Contains("${", StringComparison.Ordinal))
        {
            // IAM substitutes ${...} in condition values; a tenant id must never become a policy variable.
            throw new SessionConfigurationException(
                "TenantPolicy.ForTenant: the tenant value contains '${', which IAM reads as a policy variable; use ForPrincipalTag for variables.");
        }

        return Write(CheckTables(tableArns), tenant);
    }

    /// <summary>
    /// The same policy with the tenant taken from a session tag: the condition value is
    /// <c>${aws:PrincipalTag/<paramref name="tagKey"/>}</c>, so one policy serves every tenant and each session is
    /// confined by the tag it was assumed with (<see cref="AssumeRoleOptions.Tags"/>). Attach it to the role (or pass it
    /// as the session policy); the role's trust policy must allow <c>sts:TagSession</c>.
    /// </summary>
    /// <param name="tagKey">The session tag that holds the tenant (for example <c>tenant</c>).</param>
    /// <param name="tableArns">The tables, as ARNs; their indexes are included.</param>
    /// <returns>The policy document as compact JSON.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tagKey"/> or <paramref name="tableArns"/> is null.</exception>
    /// <exception cref="SessionConfigurationException">The tag key is not a valid session tag key, no table was given, or a table ARN is malformed.</exception>
    public static string ForPrincipalTag(string tagKey, IEnumerable<string> tableArns)
    {
        ArgumentNullException.ThrowIfNull(tagKey);
        ArgumentNullException.ThrowIfNull(tableArns);
        // A tag key STS accepts, and no spaces: it is written into a policy variable, ${aws:PrincipalTag/key}.
        if (!SessionPolicyRules.IsTagKey(tagKey) || tagKey.Any(char.IsWhiteSpace))
        {
            throw new SessionConfigurationException(
                $"TenantPolicy.ForPrincipalTag: '{tagKey}' is not a session tag key (1 to 128 of letters, digits and _.:/=+-@).");
        }

        return Write(CheckTables(tableArns), "${aws:PrincipalTag/" + tagKey + "}");
    }

    /// <summary>The ARN of a DynamoDB table: <c>arn:aws:dynamodb:eu-west-1:123456789012:table/orders</c>.</summary>
    /// <param name="region">The table's region, for example <c>eu-west-1</c>.</param>
    /// <param name="accountId">The 12-digit account id that owns the table.</param>
    /// <param name="tableName">The table name.</param>
    /// <param name="partition">The AWS partition: <c>aws</c>, <c>aws-cn</c>, <c>aws-us-gov</c>.</param>
    /// <exception cref="SessionConfigurationException">A part is empty or malformed.</exception>
    public static string TableArn(string region, string accountId, string tableName, string partition = "aws")
    {
        var arn = $"arn:{partition}:dynamodb:{region}:{accountId}:table/{tableName}";
        return TableArnPattern.IsMatch(arn)
            ? arn
            : throw new SessionConfigurationException(
                $"TenantPolicy.TableArn: '{arn}' is not a table ARN (a region, a 12-digit account id and a 3 to 255 character table name).");
    }

    /// <summary>
    /// The ARN of the table a session with <paramref name="tableNames"/> reaches for <paramref name="logicalTableName"/>:
    /// <c>NamedTableArn(TableNames.Prefix("tenant42_"), "eu-west-1", "123456789012", "orders")</c> is
    /// <c>arn:aws:dynamodb:eu-west-1:123456789012:table/tenant42_orders</c>.
    /// </summary>
    /// <param name="tableNames">The naming of the session the policy is for (<see cref="AwsSession.TableNames"/>).</param>
    /// <param name="region">The table's region.</param>
    /// <param name="accountId">The 12-digit account id that owns the table.</param>
    /// <param name="logicalTableName">The table's logical name (its class's <c>[DynamoDBTable]</c> name).</param>
    /// <param name="partition">The AWS partition.</param>
    /// <exception cref="SessionConfigurationException">A part is empty or malformed, or the naming makes an illegal name.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="tableNames"/> or <paramref name="logicalTableName"/> is null.</exception>
    public static string NamedTableArn(TableNames tableNames, string region, string accountId, string logicalTableName, string partition = "aws")
    {
        ArgumentNullException.ThrowIfNull(tableNames);
        return TableArn(region, accountId, tableNames.Resolve(logicalTableName), partition);
    }

    private static List<string> CheckTables(IEnumerable<string> tableArns)
    {
        var tables = tableArns.ToList();
        if (tables.Count == 0)
        {
            throw new SessionConfigurationException("TenantPolicy: at least one table ARN is needed.");
        }

        var bad = tables.FindIndex(t => t is null || !TableArnPattern.IsMatch(t));
        if (bad >= 0)
        {
            throw new SessionConfigurationException(
                $"TenantPolicy: '{tables[bad] ?? "<null>"}' is not a DynamoDB table ARN (arn:aws:dynamodb:REGION:ACCOUNT:table/NAME).");
        }

        return tables.Distinct(StringComparer.Ordinal).ToList();
    }

    private static string Write(List<string> tables, string leadingKey)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("Version", "2012-10-17");
            json.WriteStartArray("Statement");

            json.WriteStartObject();
            json.WriteString("Sid", "TenantItems");
            json.WriteString("Effect", "Allow");
            WriteArray(json, "Action", ItemActions);
            WriteArray(json, "Resource", tables.SelectMany(t => new[] { t, t + "/index/*" }));
            json.WriteStartObject("Condition");
            json.WriteStartObject("ForAllValues:StringEquals");
            WriteArray(json, "dynamodb:LeadingKeys", [leadingKey]);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();

            json.WriteStartObject();
            json.WriteString("Sid", "TenantTables");
            json.WriteString("Effect", "Allow");
            WriteArray(json, "Action", ["dynamodb:DescribeTable"]);
            WriteArray(json, "Resource", tables);
            json.WriteEndObject();

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteArray(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
