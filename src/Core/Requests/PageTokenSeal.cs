using System;
using System.Security.Cryptography;
using System.Text;

namespace SessionEffects;

/// <summary>
/// The protected form of a page token: the token's document encrypted and authenticated with AES-256-GCM under a key
/// of the read's <see cref="PageTokenKeys"/>. Layout: a version byte (2), the key id's length and the id (to find the
/// key; not secret), a 12-byte random nonce, the ciphertext and the 16-byte tag; the version and key id are
/// authenticated too. Nothing of the document is readable, and any change makes the tag fail.
/// </summary>
internal static class PageTokenSeal
{
    /// <summary>The first byte of a protected token; a plain token starts with its document's <c>{</c>.</summary>
    public const byte Version = 2;

    private const int NonceLength = 12;
    private const int TagLength = 16;

    /// <summary>The document sealed with the ring's newest key.</summary>
    public static byte[] Seal(PageTokenKeys keys, byte[] document)
    {
        var (id, key) = keys.Current;
        var header = Header(id);
        var sealedToken = new byte[header.Length + NonceLength + document.Length + TagLength];
        header.CopyTo(sealedToken, 0);
        var nonce = sealedToken.AsSpan(header.Length, NonceLength);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagLength);
        aes.Encrypt(nonce, document, sealedToken.AsSpan(header.Length + NonceLength, document.Length), sealedToken.AsSpan(sealedToken.Length - TagLength), header);
        return sealedToken;
    }

    /// <summary>The document of a sealed token, or why it cannot be opened with these keys.</summary>
    public static byte[] Open(PageTokenKeys keys, byte[] token, out string? why)
    {
        why = null;
        if (token.Length < 2 || token.Length < 2 + token[1] + NonceLength + TagLength)
        {
            why = "it is too short to be a protected page token";
            return [];
        }

        var id = Encoding.ASCII.GetString(token, 2, token[1]);
        if (keys.Find(id) is not { } key)
        {
            why = $"it was made with key '{id}', which this read's PageTokenKeys do not hold (any more)";
            return [];
        }

        var headerLength = 2 + token[1];
        var document = new byte[token.Length - headerLength - NonceLength - TagLength];
        try
        {
            using var aes = new AesGcm(key, TagLength);
            aes.Decrypt(token.AsSpan(headerLength, NonceLength), token.AsSpan(headerLength + NonceLength, document.Length), token.AsSpan(token.Length - TagLength), document, token.AsSpan(0, headerLength));
        }
        catch (AuthenticationTagMismatchException)
        {
            why = "it does not authenticate (it was changed or cut)";
            return [];
        }

        return document;
    }

    private static byte[] Header(string id)
    {
        var header = new byte[2 + id.Length];
        header[0] = Version;
        header[1] = (byte)id.Length;
        Encoding.ASCII.GetBytes(id, header.AsSpan(2));
        return header;
    }
}
