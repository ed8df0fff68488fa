namespace AgentGate.Gateway.Tests.Mcp;

internal static class TestContext
{
    /// <summary>A generous bound for one MCP test step on a busy 2-core machine; a hang fails instead of blocking the run.</summary>
    public static CancellationToken Timeout => new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;
}
