using System.Collections.Generic;

namespace SessionEffects;

/// <summary>
/// One page of a read: its items and the token of the next page — what a web API paging over a table hands to its
/// client. Pass <see cref="NextToken"/> as <see cref="ReadOptions.StartToken"/> (or to a LINQ query's page read) to read
/// the next page; it is null after the last page. A page may hold fewer items than the page size, even none, when a
/// filter dropped some: keep going while there is a token.
/// </summary>
/// <typeparam name="T">The item (or projected result) type.</typeparam>
/// <param name="Items">The items of this page, in DynamoDB's order.</param>
/// <param name="NextToken">An opaque, URL-safe token for the next page; null at the end.</param>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextToken)
{
    /// <summary>Whether another page follows.</summary>
    public bool HasMore => NextToken is not null;
}
