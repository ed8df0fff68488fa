using System.Diagnostics;

namespace AgentGate.Gateway.Tests.Budgets;

/// <summary>A redis-server of a test's own on a free loopback port, for outages, pauses and server-wide stats;
/// killed on disposal.</summary>
internal sealed class PrivateRedis : IAsyncDisposable
{
    private Process _server;

    private PrivateRedis(int port, Process server)
    {
        Port = port;
        _server = server;
    }

    public int Port { get; }

    public string Configuration => $"127.0.0.1:{Port}";

    public static async Task<PrivateRedis> StartAsync()
    {
        var port = RedisTestServer.FreePort();
        var redis = new PrivateRedis(port, RedisTestServer.Start(port));
        await RedisTestServer.WaitReachable(port);
        return redis;
    }

    /// <summary>The outage: the server process is killed.</summary>
    public async Task KillAsync()
    {
        if (!_server.HasExited)
        {
            _server.Kill();
            await _server.WaitForExitAsync();
        }
    }

    /// <summary>A fresh (empty) server on the same port.</summary>
    public void Restart()
    {
        _server.Dispose();
        _server = RedisTestServer.Start(Port);
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _server.Dispose();
    }
}
