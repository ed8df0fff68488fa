namespace AgentGate.Gateway.Metrics;

/// <summary>HTTP status codes as boxed tag values, boxed once (100–599) instead of on every call.</summary>
internal static class StatusTags
{
    private const int First = 100;
    private static readonly object[] Boxed = Enumerable.Range(First, 500).Select(s => (object)s).ToArray();
    private static readonly object Zero = 0;

    public static object Box(int status) =>
        status == 0 ? Zero : (uint)(status - First) < (uint)Boxed.Length ? Boxed[status - First] : status;
}
