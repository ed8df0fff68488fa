using System.Collections.Concurrent;
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
/// A loopback upstream whose every answer is chosen by the test: the handler gets the 1-based attempt
/// number and the request body. It records bodies, and whether a streamed answer was cut off by the client.
/// </summary>
internal sealed class ScriptedUpstream : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _attempts;

    private ScriptedUpstream(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public ConcurrentQueue<string> Bodies { get; } = new();

    public int Attempts => Volatile.Read(ref _attempts);

    /// <summary>Set when a handler's write failed or was cancelled because the gateway closed the request.</summary>
    public TaskCompletionSource ClientGone { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static async Task<ScriptedUpstream> StartAsync(Func<int, string, HttpContext, Task> handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var upstream = new ScriptedUpstream(app);
        app.MapPost("/{**path}", async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            upstream.Bodies.Enqueue(body);
            var attempt = Interlocked.Increment(ref upstream._attempts);
            try
            {
                await handler(attempt, body, context);
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException)
            {
                upstream.ClientGone.TrySetResult();
            }
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        upstream.BaseAddress = new Uri(address);
        return upstream;
    }

    public static async Task JsonAsync(HttpContext context, int status, string json, string? retryAfter = null)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        if (retryAfter is not null)
        {
            context.Response.Headers["retry-after"] = retryAfter;
        }

        await context.Response.WriteAsync(json, context.RequestAborted);
    }

    public static void StartStream(HttpContext context)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/event-stream; charset=utf-8";
    }

    public static async Task EventAsync(HttpContext context, string? name, string data)
    {
        await context.Response.WriteAsync((name is null ? "" : $"event: {name}\n") + $"data: {data}\n\n", context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
