using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AgentGate.Gateway.Tests.Infrastructure;

/// <summary>
/// A local stand-in for the Anthropic Messages and OpenAI Chat Completions APIs on real Kestrel:
/// JSON and SSE in their wire formats, provider error bodies (model "error-429"), a stream held after its
/// first event until released (model "slow"), and a request that never answers (model "hang").
/// </summary>
internal sealed partial class FakeUpstream : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeUpstream(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public ConcurrentQueue<SeenRequest> Seen { get; } = new();

    /// <summary>Completing this lets a "slow" stream continue past its first event.</summary>
    public TaskCompletionSource ReleaseSlowStream { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static async Task<FakeUpstream> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var upstream = new FakeUpstream(app);
        app.MapPost("/v1/messages", upstream.AnthropicAsync);
        app.MapPost("/v1/chat/completions", upstream.OpenAIAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        upstream.BaseAddress = new Uri(address);
        return upstream;
    }

    public async ValueTask DisposeAsync()
    {
        ReleaseSlowStream.TrySetResult();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task<JsonElement> ReadAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var headers = context.Request.Headers;
        Seen.Enqueue(new SeenRequest(context.Request.Path, headers["x-api-key"].FirstOrDefault(), headers.Authorization.FirstOrDefault(), headers.AcceptEncoding.FirstOrDefault(), body));
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task WriteJsonAsync(HttpContext context, int status, string json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json, context.RequestAborted);
    }

    private static async Task WriteEventAsync(HttpContext context, string? eventName, string data)
    {
        var text = (eventName is null ? string.Empty : $"event: {eventName}\n") + $"data: {data}\n\n";
        await context.Response.WriteAsync(text, context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    private static void StartStream(HttpContext context)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/event-stream; charset=utf-8";
        context.Response.Headers.CacheControl = "no-cache";
    }

    private static bool IsStream(JsonElement body) => body.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.True;

    private static string Model(JsonElement body) => body.GetProperty("model").GetString()!;
}
