using System.Linq;
using System.Reflection;
using Amazon.DynamoDBv2.DataModel;

namespace SessionEffects;

/// <summary>
/// The attribute name the SDK's object-persistence model stores a property under: <c>[DynamoDBProperty("name")]</c>
/// (or a key attribute's name) if given, else the property name, camel-cased when the table asks for it.
/// Shared by table descriptors and query translation so both always agree with the SDK.
/// </summary>
internal static class AttributeNaming
{
    public static string NameOf(PropertyInfo property)
    {
        var named = property.GetCustomAttributes<DynamoDBRenamableAttribute>(inherit: true).FirstOrDefault(a => !string.IsNullOrEmpty(a.AttributeName));
        if (named is not null)
        {
            return named.AttributeName;
        }

        var table = property.DeclaringType?.GetCustomAttribute<DynamoDBTableAttribute>(inherit: true);

        // Obsolete casing modes still exist in data written by older code; the root-level rule is the same.
#pragma warning disable CS0618
        var camel = table is not null && (table.AttributeCasing is CaseMode.CamelCase or CaseMode.LegacyCamelCase || table.LowerCamelCaseProperties);
#pragma warning restore CS0618
        return camel ? char.ToLowerInvariant(property.Name[0]) + property.Name[1..] : property.Name;
    }
}
