using System.Text;
using System.Text.Json;
using AgentGate.Gateway.Budgets;
using AgentGate.Gateway.Config;
using AgentGate.Gateway.Proxy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AgentGate.Gateway.Tests.Budgets;

public sealed class BudgetedSseStreamTests : IDisposable
{
    private readonly List<BudgetTestHost> _hosts = [];

    private static string Delta(string text) =>
        "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"" + text + "\"}}\n\n";

    private static string Stream(int deltas, string newline = "\n")
    {
        var text = new StringBuilder("event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"usage\":{\"input_tokens\":5,\"output_tokens\":1}}}\n\n");
        for (var i = 0; i < deltas; i++)
        {
            text.Append(Delta("abcdefghijklmnop")); // 16 chars: 4 tokens
        }

        text.Append("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
        return text.ToString().Replace("\n", newline, StringComparison.Ordinal);
    }

    private async Task<(StreamGuard Guard, LlmCall Call)> GuardAsync(long? agentTokens, long maxOutput, Action<BudgetTestHost>? observe = null)
    {
        var settings = new Dictionary<string, string?>();
        if (agentTokens is { } limit)
        {
            settings["AgentGate:Budgets:Agent:Tokens"] = limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var host = new BudgetTestHost(new InMemoryBudgetStore(), new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddDays(20000)), settings);
        _hosts.Add(host);
        observe?.Invoke(host);
        var admitted = await host.Admission.AdmitAsync(BudgetTestHost.Request("a1", input: 0, output: maxOutput), CancellationToken.None);
        var call = new LlmCall
        {
            RequestId = "r1",
            Agent = new AgentConfig("a1", "builder", "", ""),
            Session = "s1",
            TokenId = "t1",
            Provider = new ProviderRoute(new ProviderConfig("anthropic", ProviderType.Anthropic, new Uri("http://127.0.0.1:1"), new SecretReference(SecretSource.Environment, "AG_UNSET_TEST_KEY"))),
            Method = "POST",
            Path = "/v1/messages",
            StartTimestamp = 0,
        };
        return (new StreamGuard(call, admitted.Reservation!, host.Admission, host.Services.GetRequiredService<BudgetMetrics>()), call);
    }

    private static async Task<string> ReadAllAsync(Stream stream, int readSize)
    {
        var output = new MemoryStream();
        var buffer = new byte[readSize];
        int n;
        while ((n = await stream.ReadAsync(buffer)) > 0)
        {
            output.Write(buffer, 0, n);
        }

        return Encoding.UTF8.GetString(output.ToArray());
    }

    [Theory]
    [InlineData(1, "\n")]
    [InlineData(7, "\n")]
    [InlineData(4096, "\n")]
    [InlineData(3, "\r\n")]
    public async Task ReadAsync_WithinBudgetAnyChunking_BytesUnchanged(int chunk, string newline)
    {
        var (guard, _) = await GuardAsync(null, 1000);
        var source = Stream(300, newline);
        using var stream = new BudgetedSseStream(new TrickleStream(Encoding.UTF8.GetBytes(source), chunk), guard);

        var output = await ReadAllAsync(stream, 64);

        Assert.Equal(source, output);
        Assert.Null(guard.Rejection);
        Assert.Equal(1200, guard.EstimatedOutputTokens);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(100_000)]
    public async Task ReadAsync_BudgetRunsOut_EndsAfterLastWholeEventWithErrorEventAndClosesUpstream(int chunk)
    {
        MetricTotals? metrics = null;
        var (guard, call) = await GuardAsync(600, 100, host => metrics = new MetricTotals(host.Services));
        using var _ = metrics;
        var upstream = new TrickleStream(Encoding.UTF8.GetBytes(Stream(1000)), chunk);
        using var stream = new BudgetedSseStream(upstream, guard);

        var output = await ReadAllAsync(stream, 1000);

        var events = output.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("event: message_start", events[0], StringComparison.Ordinal);
        Assert.All(events[1..^1], e => Assert.Equal(Delta("abcdefghijklmnop").TrimEnd('\n'), e));
        var last = events[^1];
        Assert.StartsWith("event: error\ndata: ", last, StringComparison.Ordinal);
        var error = JsonDocument.Parse(last["event: error\ndata: ".Length..]).RootElement;
        Assert.Equal("error", error.GetProperty("type").GetString());
        Assert.Equal("budget_exceeded", error.GetProperty("error").GetProperty("type").GetString());
        Assert.Equal("agent:a1:tokens", error.GetProperty("error").GetProperty("rule").GetString());
        Assert.InRange((events.Length - 2) * 4, 500 - 4, 600);
        Assert.True(upstream.Disposed);
        Assert.InRange(upstream.ReadAtDispose, 0, Encoding.UTF8.GetByteCount(Stream(1000)) - 1);
        Assert.Equal(BudgetErrorTypes.BudgetExceeded, call.ErrorType);
        Assert.Equal(guard.EstimatedOutputTokens, call.Usage.OutputTokens);
        Assert.Equal(1, metrics!["agentgate.budget.stream_stops"]);
    }

    [Fact]
    public async Task ReadmitAsync_AfterUpstream429_WaitsForFleetBackoffSwapsReservationCountsRetry()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddDays(20000));
        var host = new BudgetTestHost(new InMemoryBudgetStore(), time, new Dictionary<string, string?>());
        _hosts.Add(host);
        using var metrics = new MetricTotals(host.Services);
        var gate = new BudgetCallGate(host.Admission, host.Services.GetRequiredService<BudgetMetrics>(), host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<BudgetOptions>>());
        var (_, call) = await GuardAsync(null, 10);
        Assert.True((await gate.BeforeAsync(call, CancellationToken.None)).Allowed);
        var first = gate.StreamGuard(call);

        var readmit = gate.ReadmitAsync(call, 429, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), CancellationToken.None).AsTask();
        await BudgetStoreTests.Eventually(() => host.Admission.QueueLength("anthropic") == 1, "the retry to wait for the fleet backoff");
        Assert.False(readmit.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(2));

        Assert.True(await readmit);
        Assert.Equal(1, metrics["agentgate.upstream.retries"]);
        Assert.NotNull(first);
        Assert.NotNull(gate.StreamGuard(call));
    }

    public void Dispose()
    {
        foreach (var host in _hosts)
        {
            host.Dispose();
        }
    }

    /// <summary>Hands out at most <c>chunk</c> bytes per read, like a network stream.</summary>
    private sealed class TrickleStream(byte[] data, int chunk) : MemoryStream(data)
    {
        public bool Disposed { get; private set; }

        public long ReadAtDispose { get; private set; } = -1;

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, chunk)], cancellationToken);

        protected override void Dispose(bool disposing)
        {
            if (!Disposed)
            {
                ReadAtDispose = Position;
                Disposed = true;
            }

            base.Dispose(disposing);
        }
    }
}
