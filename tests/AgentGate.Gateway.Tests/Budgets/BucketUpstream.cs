using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AgentGate.Gateway.Tests.Budgets;

/// <summary>
/// A provider with a request rate limit, enforced like Anthropic's: a token bucket of <c>capacity</c>
/// requests refilled continuously over <c>window</c>. Above it the answer is 429 <c>rate_limit_error</c> with
/// a retry-after. Every arrival is recorded (time since start, accepted or not).
/// </summary>
internal sealed class BucketUpstream : IAsyncDisposable
{
    private const string Ok = """{"id":"msg_sim","type":"message","role":"assistant","model":"claude-sim","content":[{"type":"text","text":"ok"}],"stop_reason":"end_turn","usage":{"input_tokens":20,"output_tokens":5}}""";
    private const string Limited = """{"type":"error","error":{"type":"rate_limit_error","message":"Number of requests has exceeded your rate limit"}}""";

    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<(TimeSpan At, bool Accepted)> _arrivals = [];
    private readonly double _capacity;
    private readonly TimeSpan _window;
    private double _tokens;
    private TimeSpan _last;

    private BucketUpstream(WebApplication app, double capacity, double initial, TimeSpan window)
    {
        _app = app;
        _capacity = capacity;
        _tokens = initial;
        _window = window;
    }

    public Uri BaseAddress { get; private set; } = null!;

    public IReadOnlyList<(TimeSpan At, bool Accepted)> Arrivals
    {
        get
        {
            lock (_gate)
            {
                return [.. _arrivals];
            }
        }
    }

    public static async Task<BucketUpstream> StartAsync(int capacity, int initial, TimeSpan window)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var upstream = new BucketUpstream(app, capacity, initial, window);
        app.MapPost("/v1/messages", upstream.HandleAsync);
        await app.StartAsync();
        upstream.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return upstream;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using (var reader = new StreamReader(context.Request.Body))
        {
            await reader.ReadToEndAsync(context.RequestAborted);
        }

        bool accepted;
        double wait;
        lock (_gate)
        {
            var now = _clock.Elapsed;
            _tokens = Math.Min(_capacity, _tokens + ((now - _last).TotalMilliseconds * _capacity / _window.TotalMilliseconds));
            _last = now;
            accepted = _tokens >= 1;
            _tokens -= accepted ? 1 : 0;
            wait = accepted ? 0 : (1 - _tokens) * _window.TotalSeconds / _capacity;
            _arrivals.Add((now, accepted));
        }

        context.Response.ContentType = "application/json";
        if (!accepted)
        {
            context.Response.StatusCode = 429;
            context.Response.Headers["retry-after"] = Math.Max(1, Math.Ceiling(wait)).ToString(CultureInfo.InvariantCulture);
            await context.Response.WriteAsync(Limited, context.RequestAborted);
            return;
        }

        await context.Response.WriteAsync(Ok, context.RequestAborted);
    }
}
