using System;
using System.Diagnostics.CodeAnalysis;
using LanguageExt;

namespace SessionEffects;

/// <summary>
/// The descriptor of the table mapped by <typeparamref name="T"/>. Get it with <see cref="DynamoTable.Of{T}"/>; it is built
/// once per class (schema and item mapping) and shared, so a session switch never re-reads the class or the table.
/// </summary>
/// <typeparam name="T">A class with <c>[DynamoDBTable]</c> and a <c>[DynamoDBHashKey]</c> property.</typeparam>
public sealed class DynamoTable<[DynamicallyAccessedMembers(ItemMembers.Kept)] T> : DynamoTable
    where T : class, new()
{
    private DynamoTable(TableShape shape)
        : base(typeof(T), shape)
    {
        Mapper = new ItemMapper<T>(this);
    }

    /// <inheritdoc/>
    public override ItemMappingPath MappingPath => Mapper.Path;

    /// <inheritdoc/>
    public override string? MappingFallbackReason => Mapper.FallbackReason;

    /// <inheritdoc/>
    public override ItemReadPath ReadPath => Mapper.DirectGetItem is null ? ItemReadPath.AttributeMaps : ItemReadPath.Direct;

    /// <inheritdoc/>
    public override long DirectReadFallbacks => Mapper.DirectReadFallbacks;

    /// <summary>Converts items to and from DynamoDB attribute maps with the SDK's own mapping rules.</summary>
    internal ItemMapper<T> Mapper { get; }

    /// <summary>The one descriptor of <typeparamref name="T"/>, or why the class cannot be mapped.</summary>
    internal static Either<TableMappingException, DynamoTable<T>> Instance { get; } = Build();

    private static Either<TableMappingException, DynamoTable<T>> Build()
    {
        try
        {
            return new DynamoTable<T>(Describe(typeof(T)));
        }
        catch (TableMappingException ex)
        {
            return ex;
        }
    }
}
