using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AgentGate.Gateway.Tests.Mcp;

/// <summary>A real MCP server (the official SDK's Streamable HTTP transport) on loopback port 0, recording what it sees.</summary>
internal sealed class McpUpstreamServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private McpUpstreamServer(WebApplication app, McpUpstreamLedger ledger)
    {
        _app = app;
        Ledger = ledger;
    }

    public McpUpstreamLedger Ledger { get; }

    public Uri Endpoint { get; private set; } = null!;

    public static async Task<McpUpstreamServer> StartAsync(bool stateless)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var ledger = new McpUpstreamLedger();
        builder.Services.AddSingleton(ledger);
        builder.Services.AddMcpServer().WithHttpTransport(o => o.Stateless = stateless).WithTools<RepoTools>();
        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            var headers = context.Request.Headers;
            ledger.Requests.Enqueue((headers.Authorization.FirstOrDefault(), headers["x-api-key"].FirstOrDefault(), headers["Mcp-Session-Id"].FirstOrDefault()));
            await next(context);
        });
        app.MapMcp("/mcp");
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var server = new McpUpstreamServer(app, ledger) { Endpoint = new Uri(address.TrimEnd('/') + "/mcp") };
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        Ledger.ReleaseSlowTool.TrySetResult();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
