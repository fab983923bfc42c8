using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace SessionEffects;

/// <summary>
/// A key ring for page tokens (<see cref="ReadOptions.PageTokenKeys"/>): tokens are encrypted and authenticated with
/// AES-256-GCM under the newest key, and accepted under any key of the ring. Each key has a short id, carried in the
/// token so the right key is found; the secret itself never leaves the process and is never shown.
/// </summary>
/// <remarks>
/// <para><b>Rotation</b>: deploy a ring whose newest key is the new one and which still holds the old one
/// (<c>PageTokenKeys.Create("2027-01", newSecret).Accepting("2026-12", oldSecret)</c>); every server then makes new
/// tokens with the new key and still takes the old ones. Once the tokens made with the old key need not work any more
/// (after the longest time a client keeps a token), drop it: its tokens are refused from then on.</para>
/// <para>Give every server of an application the same ring (from configuration or a secret store): tokens made by one
/// are read by another. A secret is at least 32 bytes of random data (<c>RandomNumberGenerator.GetBytes(32)</c>); the
/// AES key of each id is derived from it with HKDF-SHA256, so one secret serves no other purpose by accident.</para>
/// </remarks>
public sealed class PageTokenKeys
{
    /// <summary>The shortest secret taken, in bytes.</summary>
    public const int MinSecretLength = 32;

    private readonly ImmutableArray<(string Id, byte[] Key)> keys;

    private PageTokenKeys(ImmutableArray<(string Id, byte[] Key)> keys) => this.keys = keys;

    /// <summary>The id of the key new tokens are made with.</summary>
    public string CurrentId => keys[0].Id;

    /// <summary>The ids of every key a token is accepted under, newest first.</summary>
    public IReadOnlyList<string> Ids => [.. keys.Select(k => k.Id)];

    /// <summary>A ring of one key: tokens are made and accepted with it.</summary>
    /// <param name="id">The key's id: 1 to 32 letters, digits, '-' or '_' (carried in every token, not secret).</param>
    /// <param name="secret">At least 32 bytes of random data (copied).</param>
    /// <exception cref="ArgumentException">The id is not 1 to 32 of those characters, or the secret is shorter than 32 bytes.</exception>
    public static PageTokenKeys Create(string id, ReadOnlySpan<byte> secret) => new([Derive(id, secret)]);

    /// <summary>This ring, also accepting tokens made with an older key (new tokens still use <see cref="CurrentId"/>).</summary>
    /// <param name="id">The older key's id.</param>
    /// <param name="secret">The older key's secret.</param>
    /// <exception cref="ArgumentException">The id is invalid or already in the ring, or the secret is too short.</exception>
    public PageTokenKeys Accepting(string id, ReadOnlySpan<byte> secret)
    {
        var key = Derive(id, secret);
        return keys.Any(k => k.Id == key.Id)
            ? throw new ArgumentException($"PageTokenKeys: the ring already holds a key with id '{id}'.", nameof(id))
            : new PageTokenKeys(keys.Add(key));
    }

    /// <summary>The key ids, newest first; never a secret.</summary>
    public override string ToString() => $"PageTokenKeys(current={CurrentId}, accepted={string.Join(",", Ids)})";

    /// <summary>The AES key of <paramref name="id"/>, or null when the ring has none.</summary>
    internal byte[]? Find(string id) => keys.FirstOrDefault(k => k.Id == id).Key;

    /// <summary>The key new tokens are made with.</summary>
    internal (string Id, byte[] Key) Current => keys[0];

    private static (string Id, byte[] Key) Derive(string id, ReadOnlySpan<byte> secret)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (id.Length is < 1 or > 32 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new ArgumentException("PageTokenKeys: a key id is 1 to 32 letters, digits, '-' or '_'.", nameof(id));
        }

        if (secret.Length < MinSecretLength)
        {
            throw new ArgumentException($"PageTokenKeys: the secret of key '{id}' has {secret.Length} bytes; at least {MinSecretLength} random bytes are needed.", nameof(secret));
        }

        var key = new byte[32];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, key, salt: [], info: Encoding.UTF8.GetBytes("SessionEffects.PageToken.v2 " + id));
        return (id, key);
    }
}
