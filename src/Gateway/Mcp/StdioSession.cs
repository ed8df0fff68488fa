namespace AgentGate.Gateway.Mcp;

/// <summary>A stdio server process that belongs to one agent: an MCP session, or the agent's sessionless process.</summary>
internal sealed class StdioSession(string key, string server, string agentId, string? sessionId, StdioProcess process, DateTimeOffset now)
{
    private long _lastUsedTicks = now.UtcTicks;

    public string Key { get; } = key;

    public string Server { get; } = server;

    public string AgentId { get; } = agentId;

    /// <summary>The <c>Mcp-Session-Id</c> the gateway minted; null for the sessionless process.</summary>
    public string? SessionId { get; } = sessionId;

    public StdioProcess Process { get; } = process;

    public DateTimeOffset LastUsed => new(Interlocked.Read(ref _lastUsedTicks), TimeSpan.Zero);

    public void Touch(DateTimeOffset now) => Interlocked.Exchange(ref _lastUsedTicks, now.UtcTicks);
}
