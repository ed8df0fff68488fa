using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AgentGate.Benchmarks.Load;

/// <summary>A minimal Anthropic-shaped upstream: a small JSON message, or a short SSE stream.</summary>
internal static class BenchUpstream
{
    private static readonly byte[] Json = """{"id":"msg_1","type":"message","role":"assistant","model":"claude-bench","content":[{"type":"text","text":"ok"}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":20,"output_tokens":5}}"""u8.ToArray();

    private static readonly byte[][] Events =
    [
        "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"model\":\"claude-bench\",\"usage\":{\"input_tokens\":20,\"output_tokens\":1}}}\n\n"u8.ToArray(),
        "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"o\"}}\n\n"u8.ToArray(),
        "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"k\"}}\n\n"u8.ToArray(),
        "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":5}}\n\n"u8.ToArray(),
        "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"u8.ToArray(),
    ];

    public static Task<(WebApplication App, Uri Address)> StartAsync() =>
        StartOnLoopbackAsync(services => { }, app => app.MapPost("/v1/messages", HandleAsync));

    /// <summary>A quiet slim web app on a free loopback port (the upstream here, the bare proxy too).</summary>
    internal static async Task<(WebApplication App, Uri Address)> StartOnLoopbackAsync(Action<IServiceCollection> services, Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        services(builder.Services);
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, new Uri(address));
    }

    private static async Task HandleAsync(HttpContext context)
    {
        var stream = context.Request.Query.ContainsKey("stream");
        using var sink = new MemoryStream();
        await context.Request.Body.CopyToAsync(sink, context.RequestAborted);
        if (!stream)
        {
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(Json, context.RequestAborted);
            return;
        }

        context.Response.ContentType = "text/event-stream";
        foreach (var e in Events)
        {
            await context.Response.Body.WriteAsync(e, context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }
    }
}
