using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace AgentGate.Gateway.Tests.Budgets;

/// <summary>The shared test Redis from AGENTGATE_TEST_REDIS, and throwaway loopback redis-servers for outage tests.</summary>
internal static class RedisTestServer
{
    private static readonly Lazy<ConnectionMultiplexer?> Shared = new(Connect);

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The shared connection; null outside CI when Redis is not configured; throws in CI.</summary>
    public static ConnectionMultiplexer? Connection => Shared.Value;

    private static ConnectionMultiplexer? Connect()
    {
        var configuration = Environment.GetEnvironmentVariable("AGENTGATE_TEST_REDIS");
        if (string.IsNullOrWhiteSpace(configuration))
        {
            if (InCi)
            {
                throw new InvalidOperationException("AGENTGATE_TEST_REDIS is not set; CI needs a real Redis (bash scripts/start-redis.sh).");
            }

            Console.WriteLine("Redis budget store tests skipped: AGENTGATE_TEST_REDIS is not set (bash scripts/start-redis.sh).");
            return null;
        }

        var connection = ConnectionMultiplexer.Connect(configuration + ",abortConnect=false,connectTimeout=2000");
        if (!connection.IsConnected)
        {
            if (InCi)
            {
                throw new InvalidOperationException($"Redis at '{configuration}' (AGENTGATE_TEST_REDIS) is unreachable.");
            }

            Console.WriteLine($"Redis budget store tests skipped: '{configuration}' is unreachable.");
            return null;
        }

        return connection;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts redis-server in the foreground on loopback; the caller kills it.</summary>
    public static Process Start(int port)
    {
        var info = new ProcessStartInfo("redis-server", $"--bind 127.0.0.1 --port {port} --save \"\" --appendonly no")
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        var process = Process.Start(info) ?? throw new InvalidOperationException("redis-server did not start");
        process.BeginOutputReadLine();
        return process;
    }

    public static async Task WaitReachable(int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }
        }
    }
}
