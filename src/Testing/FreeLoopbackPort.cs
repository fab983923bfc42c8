using System.Net;
using System.Net.Sockets;

namespace SessionEffects.Testing;

/// <summary>
/// The one way the test servers (DynamoDB Local, the STS test double, the expired-token proxy) pick a port: ask the
/// operating system for a free loopback port. Someone else can take it before the server binds it, so every caller
/// retries a few times with a new port.
/// </summary>
public static class FreeLoopbackPort
{
    /// <summary>How many ports a server tries before it gives up.</summary>
    public const int Attempts = 5;

    /// <summary>A loopback port that was free a moment ago.</summary>
    public static int Next()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
