using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AgentGate.Gateway.Mcp;

/// <summary>
/// The stdio server processes the gateway runs: one per MCP session (an <c>initialize</c> starts one and mints
/// its <c>Mcp-Session-Id</c>), plus one sessionless process per agent and server for clients of the
/// session-free protocol revision. A process never serves two agents. Processes stop on DELETE, after
/// <see cref="McpSettings.StdioIdleTimeout"/> unused, and at gateway shutdown.
/// </summary>
internal sealed class StdioSessions(McpSettings settings, TimeProvider time, ILogger<StdioProcess> logger) : IHostedService, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, StdioSession> _sessions = new(StringComparer.Ordinal);
    private readonly Lock _createLock = new();
    private ITimer? _sweeper;

    public int Count => _sessions.Count;

    public StdioSession Open(McpServerRoute route, string agentId)
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        var sessionId = "mcps_" + Convert.ToHexStringLower(bytes);
        return Create(sessionId, route, agentId, sessionId);
    }

    /// <summary>The agent's session, or null when it is unknown, another agent's, or its process is gone.</summary>
    public StdioSession? Find(string server, string sessionId, string agentId)
    {
        if (!_sessions.TryGetValue(sessionId, out var session) || session.Server != server || session.AgentId != agentId)
        {
            return null;
        }

        if (session.Process.HasExited)
        {
            _ = StopAsync(session);
            return null;
        }

        session.Touch(time.GetUtcNow());
        return session;
    }

    public StdioSession Sessionless(McpServerRoute route, string agentId)
    {
        var key = $"sessionless\n{route.Name}\n{agentId}";
        if (_sessions.TryGetValue(key, out var existing) && !existing.Process.HasExited)
        {
            existing.Touch(time.GetUtcNow());
            return existing;
        }

        lock (_createLock)
        {
            if (_sessions.TryGetValue(key, out existing) && !existing.Process.HasExited)
            {
                return existing;
            }

            if (existing is not null)
            {
                _ = StopAsync(existing);
            }

            return Create(key, route, agentId, null);
        }
    }

    public async Task StopAsync(StdioSession session)
    {
        if (_sessions.TryRemove(new KeyValuePair<string, StdioSession>(session.Key, session)))
        {
            await session.Process.DisposeAsync();
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var period = TimeSpan.FromTicks(Math.Clamp(settings.StdioIdleTimeout.Ticks / 2, TimeSpan.TicksPerSecond, TimeSpan.TicksPerSecond * 30));
        _sweeper = time.CreateTimer(_ => _ = SweepAsync(), null, period, period);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _sweeper?.Dispose();
        await Task.WhenAll(_sessions.Values.Select(StopAsync));
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None);

    /// <summary>Stops processes idle past the timeout that have no request in flight.</summary>
    public async Task SweepAsync()
    {
        var cutoff = time.GetUtcNow() - settings.StdioIdleTimeout;
        foreach (var session in _sessions.Values)
        {
            if (session.Process.HasExited || (session.LastUsed < cutoff && session.Process.InFlight == 0))
            {
                await StopAsync(session);
            }
        }
    }

    private StdioSession Create(string key, McpServerRoute route, string agentId, string? sessionId)
    {
        if (_sessions.Count >= settings.MaxStdioProcesses)
        {
            throw new McpUpstreamException($"the gateway already runs {settings.MaxStdioProcesses} stdio MCP server processes (AgentGate:Mcp:MaxStdioProcesses)");
        }

        var process = StdioProcess.Start(route.Config, settings.MaxResponseBytes, logger);
        var session = new StdioSession(key, route.Name, agentId, sessionId, process, time.GetUtcNow());
        _sessions[key] = session;
        return session;
    }
}
