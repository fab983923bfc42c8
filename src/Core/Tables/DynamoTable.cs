using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Linq;
using System.Reflection;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.DataModel;
using LanguageExt;
using static LanguageExt.Prelude;

namespace SessionEffects;

/// <summary>
/// The identity of a mapped table, derived once from a <c>[DynamoDBTable]</c> class: name, keys, key types and
/// secondary indexes. Tables are values: pass them to <c>useSession</c>, keep them in lists. There is exactly one
/// descriptor per class, so two descriptors of the same class are the same table.
/// </summary>
public abstract class DynamoTable
{
    private readonly ImmutableDictionary<string, PropertyInfo> propertyByAttribute;
    private readonly ImmutableDictionary<string, string> attributeByPropertyName;
    private readonly Lazy<ImmutableArray<MappingFeature>> features;

    private protected DynamoTable([DynamicallyAccessedMembers(ItemMembers.Kept)] Type itemType, TableShape shape)
    {
        ItemType = itemType;
        Name = shape.Name;
        MessageTarget = "table " + shape.Name;
        HashKey = shape.Hash;
        RangeKey = shape.Range;
        Indexes = shape.Indexes;
        Version = shape.Version;
        Rules = shape.Rules;
        features = new(() => MappingFeatures.Of(this), System.Threading.LazyThreadSafetyMode.PublicationOnly);
        StoredMembers = [.. shape.Properties.Select(p => new StoredMember(p, AttributeNaming.NameOf(p), p.IsDefined(typeof(DynamoDBFlattenAttribute), inherit: true)))];
        propertyByAttribute = shape.Properties.ToImmutableDictionary(AttributeNaming.NameOf, p => p, StringComparer.Ordinal);
        attributeByPropertyName = shape.Properties.ToImmutableDictionary(p => p.Name, AttributeNaming.NameOf, StringComparer.Ordinal);
    }

    /// <summary>The mapped class.</summary>
    public Type ItemType { get; }

    /// <summary>The DynamoDB table name from <c>[DynamoDBTable]</c>.</summary>
    public string Name { get; }

    /// <summary>How messages and traces name what a request on this table addresses (<c>table users</c>), built once.</summary>
    internal string MessageTarget { get; }

    /// <summary>The table's hash (partition) key.</summary>
    public KeyAttribute HashKey { get; }

    /// <summary>The table's range (sort) key, if it has one.</summary>
    public KeyAttribute? RangeKey { get; }

    /// <summary>The global and local secondary indexes declared on the class.</summary>
    public ImmutableArray<SecondaryIndex> Indexes { get; }

    /// <summary>The <c>[DynamoDBVersion]</c> property used for optimistic locking, if the class has one.</summary>
    public VersionProperty? Version { get; }

    /// <summary>The class's stored (not ignored) public instance properties, with their stored names.</summary>
    internal ImmutableArray<StoredMember> StoredMembers { get; }

    /// <summary>What a write of this table's items must do beyond storing the properties (counters, timestamps, settings).</summary>
    internal SaveRules Rules { get; }

    /// <summary>
    /// How items of this table are converted to and from attribute maps: the library's compiled mapping, the SDK's
    /// document path for a class the compiled mapping does not cover (see <see cref="MappingFallbackReason"/>), or none at
    /// all for a table known only by name, whose items stay attribute maps.
    /// </summary>
    public virtual ItemMappingPath MappingPath => ItemMappingPath.AttributeMaps;

    /// <summary>Why <see cref="MappingPath"/> is <see cref="ItemMappingPath.Sdk"/>; null otherwise.</summary>
    public virtual string? MappingFallbackReason => null;

    /// <summary>
    /// How reads of this table turn answers into objects: <see cref="ItemReadPath.Direct"/> (from the response JSON,
    /// no attribute maps) on the compiled mapping path, <see cref="ItemReadPath.AttributeMaps"/> otherwise (the reason is
    /// <see cref="MappingFallbackReason"/>).
    /// </summary>
    public virtual ItemReadPath ReadPath => ItemReadPath.AttributeMaps;

    /// <summary>
    /// How many items the direct read has read the attribute-map way since this table descriptor was made, because
    /// their stored form was not the one the compiled mapping writes (attributes written by other code, numbers too
    /// large for the property's type...). Zero on the attribute-map path.
    /// </summary>
    public virtual long DirectReadFallbacks => 0;

    /// <summary>
    /// The DynamoDBContext features the class uses and how each is honoured, one line each (print them:
    /// <c>foreach (var f in table.Features) Console.WriteLine(f);</c>). What cannot be honoured exactly is refused by
    /// <see cref="Of{T}"/> instead, so nothing here is partial.
    /// </summary>
    public ImmutableArray<MappingFeature> Features => features.Value;

    /// <summary>The descriptor of <typeparamref name="T"/>, built on first use and cached.</summary>
    /// <exception cref="TableMappingException">The class cannot be mapped; the message says why.</exception>
    public static DynamoTable<T> Of<[DynamicallyAccessedMembers(ItemMembers.Kept)] T>()
        where T : class, new() =>
        DynamoTable<T>.Instance.Match(t => t, e => throw new TableMappingException(e.Message));

    /// <summary>The descriptor of <typeparamref name="T"/>, or the reason the class cannot be mapped.</summary>
    public static Fin<DynamoTable<T>> TryOf<[DynamicallyAccessedMembers(ItemMembers.Kept)] T>()
        where T : class, new() =>
        DynamoTable<T>.Instance.Match(FinSucc, e => FinFail<DynamoTable<T>>(LanguageExt.Common.Error.New(e)));

    /// <summary>The table name, the class and the keys.</summary>
    public override string ToString() =>
        $"{Name} ({ItemType.Name}; hash {HashKey}" + (RangeKey is null ? ")" : $", range {RangeKey})");

    /// <summary>The mapped property stored as <paramref name="attribute"/>, if any.</summary>
    internal PropertyInfo? PropertyOf(string attribute) => propertyByAttribute.GetValueOrDefault(attribute);

    /// <summary>
    /// The stored name of the property whose C# name is <paramref name="propertyName"/>, when that differs from the C#
    /// name (so a caller who wrote the C# name can be told the stored one); otherwise null.
    /// </summary>
    internal string? StoredNameOf(string propertyName) =>
        attributeByPropertyName.TryGetValue(propertyName, out var stored) && stored != propertyName ? stored : null;

    /// <summary>Reads the mapping attributes of <paramref name="type"/>, or explains why it cannot be a table.</summary>
    private protected static TableShape Describe([DynamicallyAccessedMembers(ItemMembers.Kept)] Type type)
    {
        var tableAttr = type.GetCustomAttribute<DynamoDBTableAttribute>(inherit: true)
            ?? throw new TableMappingException($"{type.FullName} is not a table: it has no [DynamoDBTable] attribute.");
        if (string.IsNullOrWhiteSpace(tableAttr.TableName))
        {
            throw new TableMappingException($"{type.FullName}: [DynamoDBTable] names no table.");
        }

        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<DynamoDBIgnoreAttribute>() is null)
            .ToList();

        KeyAttribute Key(PropertyInfo p, string role)
        {
            var converter = p.GetCustomAttributes<DynamoDBPropertyAttribute>(inherit: true).FirstOrDefault(a => a.Converter is not null);
            if (converter is not null)
            {
                throw new TableMappingException($"{type.FullName}.{p.Name}: a {role} with a property converter is not supported; use a string, number or binary property.");
            }

            return new KeyAttribute(p.Name, AttributeNaming.NameOf(p), ScalarType(p.PropertyType) ?? throw new TableMappingException(
                $"{type.FullName}.{p.Name}: a {role} of type {p.PropertyType.Name} is not supported; DynamoDB keys are strings (string, Guid, DateTime), numbers or binary (byte[])."), p.PropertyType);
        }

        // The index attributes derive from the table key attributes, so the table's own keys are matched by exact type.
        var hashProps = properties.Where(p => p.GetCustomAttributes(inherit: true).Any(a => a.GetType() == typeof(DynamoDBHashKeyAttribute))).ToList();
        var rangeProps = properties.Where(p => p.GetCustomAttributes(inherit: true).Any(a => a.GetType() == typeof(DynamoDBRangeKeyAttribute))).ToList();
        if (hashProps.Count == 0)
        {
            throw new TableMappingException($"{type.FullName} (table {tableAttr.TableName}) has no hash key: mark one property with [DynamoDBHashKey].");
        }

        if (hashProps.Count > 1 || rangeProps.Count > 1)
        {
            throw new TableMappingException($"{type.FullName} (table {tableAttr.TableName}) has more than one [DynamoDBHashKey] or [DynamoDBRangeKey] property.");
        }

        var hash = Key(hashProps[0], "hash key");
        var range = rangeProps.Count == 1 ? Key(rangeProps[0], "range key") : null;

        var gsiHash = new Dictionary<string, KeyAttribute>(StringComparer.Ordinal);
        var gsiRange = new Dictionary<string, KeyAttribute>(StringComparer.Ordinal);
        var lsiRange = new Dictionary<string, KeyAttribute>(StringComparer.Ordinal);
        void IndexKey(Dictionary<string, KeyAttribute> keys, string index, PropertyInfo p, string role, string attribute)
        {
            if (keys.TryGetValue(index, out var other))
            {
                // DynamoDB's multi-attribute index keys (the attributes' Order): one attribute per key is what the library reads.
                throw new TableMappingException(
                    $"{type.FullName}.{p.Name}: [{attribute}] makes a second {role} attribute of index {index} (besides {other.PropertyName}); composite (multi-attribute) index keys are not supported. Keep one property per index key.");
            }

            keys[index] = Key(p, $"{role} of index {index}");
        }

        foreach (var p in properties)
        {
            foreach (var name in p.GetCustomAttributes<DynamoDBGlobalSecondaryIndexHashKeyAttribute>(inherit: true).SelectMany(a => a.IndexNames))
            {
                IndexKey(gsiHash, name, p, "hash key", "DynamoDBGlobalSecondaryIndexHashKey");
            }

            foreach (var name in p.GetCustomAttributes<DynamoDBGlobalSecondaryIndexRangeKeyAttribute>(inherit: true).SelectMany(a => a.IndexNames))
            {
                IndexKey(gsiRange, name, p, "range key", "DynamoDBGlobalSecondaryIndexRangeKey");
            }

            foreach (var name in p.GetCustomAttributes<DynamoDBLocalSecondaryIndexRangeKeyAttribute>(inherit: true).SelectMany(a => a.IndexNames))
            {
                IndexKey(lsiRange, name, p, "range key", "DynamoDBLocalSecondaryIndexRangeKey");
            }
        }

        if (gsiRange.Keys.FirstOrDefault(n => !gsiHash.ContainsKey(n)) is { } orphan)
        {
            throw new TableMappingException($"{type.FullName}: global index {orphan} has a range key but no [DynamoDBGlobalSecondaryIndexHashKey].");
        }

        if (lsiRange.Count > 0 && range is null)
        {
            throw new TableMappingException($"{type.FullName}: local secondary indexes need the table to have a range key.");
        }

        var indexes = gsiHash.Select(kv => new SecondaryIndex(kv.Key, true, kv.Value, gsiRange.GetValueOrDefault(kv.Key)))
            .Concat(lsiRange.Select(kv => new SecondaryIndex(kv.Key, false, hash, kv.Value)))
            .OrderBy(i => i.Name, StringComparer.Ordinal)
            .ToImmutableArray();
        if (tableAttr.Conversion is ConversionSchema.V1)
        {
            throw new TableMappingException(
                $"{type.FullName}: [DynamoDBTable(Conversion = ConversionSchema.V1)] is not supported. SessionEffects stores items, keys, conditions and updates with conversion schema V2 (DynamoDBContext's default since SDK v4), " +
                "and mixing V1 items with V2 conditions would compare values stored in another form. Remove the setting (V2), or keep V1 data under DynamoDBContext.");
        }

        var version = VersionOf(type, properties);
        var keyProperties = new System.Collections.Generic.HashSet<string>(StringComparer.Ordinal) { hash.PropertyName };
        keyProperties.UnionWith(indexes.SelectMany(i => i.RangeKey is { } r ? new[] { i.HashKey.PropertyName, r.PropertyName } : [i.HashKey.PropertyName]));
        if (range is not null)
        {
            keyProperties.Add(range.PropertyName);
        }

        var rules = SaveRuleReader.Read(type, properties, keyProperties, version);
        return new TableShape(tableAttr.TableName, hash, range, indexes, version, [.. properties], rules);
    }

    private static VersionProperty? VersionOf(Type type, List<PropertyInfo> properties)
    {
        var versions = properties.Where(p => p.GetCustomAttribute<DynamoDBVersionAttribute>(inherit: true) is not null).ToList();
        if (versions.Count == 0)
        {
            return null;
        }

        var p = versions.Count == 1 ? versions[0] : throw new TableMappingException($"{type.FullName} has more than one [DynamoDBVersion] property.");
        var underlying = Nullable.GetUnderlyingType(p.PropertyType);
        if (underlying is null || Type.GetTypeCode(underlying) is not (TypeCode.Int16 or TypeCode.UInt16 or TypeCode.Int32 or TypeCode.UInt32 or TypeCode.Int64 or TypeCode.UInt64 or TypeCode.Byte or TypeCode.SByte))
        {
            throw new TableMappingException(
                $"{type.FullName}.{p.Name}: a [DynamoDBVersion] property must be a nullable integer (int?, long?) so a new item (null) can be told from version 0.");
        }

        if (!p.CanWrite)
        {
            throw new TableMappingException($"{type.FullName}.{p.Name}: a [DynamoDBVersion] property needs a setter: a successful save stores the new version in it.");
        }

        return new VersionProperty(p, AttributeNaming.NameOf(p));
    }

    private static ScalarAttributeType? ScalarType(Type t)
    {
        if (t == typeof(string) || t == typeof(Guid) || t == typeof(DateTime) || t == typeof(char))
        {
            return ScalarAttributeType.S;
        }

        if (t == typeof(byte[]) || t == typeof(MemoryStream))
        {
            return ScalarAttributeType.B;
        }

        return t.IsEnum || Type.GetTypeCode(t) is TypeCode.Byte or TypeCode.SByte or TypeCode.Int16 or TypeCode.UInt16
            or TypeCode.Int32 or TypeCode.UInt32 or TypeCode.Int64 or TypeCode.UInt64 or TypeCode.Single or TypeCode.Double or TypeCode.Decimal
            ? ScalarAttributeType.N
            : null;
    }
}
