using System.Globalization;
using System.Text;

namespace SessionEffects.Benchmarks.ClientSide;

/// <summary>One response body as DynamoDB sends it, with its <c>x-amz-crc32</c> value computed once.</summary>
internal sealed class CannedBody
{
    public CannedBody(byte[] bytes)
    {
        Bytes = bytes;
        Crc = Crc32.Of(bytes).ToString(CultureInfo.InvariantCulture);
    }

    public byte[] Bytes { get; }

    public string Crc { get; }

    public static CannedBody Of(string json) => new(Encoding.UTF8.GetBytes(json));
}
