using System.Collections.Concurrent;
using AgentGate.Gateway.GitProxy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace AgentGate.Gateway.Tests.GitProxy;

/// <summary>A stand-in for a remote git host on loopback: serves a bare repository only with the expected Basic auth.</summary>
internal sealed class GitRemoteUpstream : IAsyncDisposable
{
    private readonly WebApplication _app;

    private GitRemoteUpstream(WebApplication app) => _app = app;

    public ConcurrentQueue<(string Path, string Authorization)> Seen { get; } = new();

    public Uri RepoUrl { get; private set; } = null!;

    public static async Task<GitRemoteUpstream> StartAsync(string barePath, string expectedAuthorization)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var upstream = new GitRemoteUpstream(app);
        var repo = new GitRepo("remote", new Uri(barePath), null);
        var backend = new GitHttpBackend();
        app.Map("/" + Path.GetFileName(barePath) + "/{**path}", async context =>
        {
            var authorization = context.Request.Headers.Authorization.ToString();
            upstream.Seen.Enqueue((context.Request.Path.Value!, authorization));
            if (authorization != expectedAuthorization)
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }

            await backend.ServeAsync(context, repo, (string)context.GetRouteValue("path")!, "remote-user", [], context.Request.Body, context.RequestAborted);
        });
        await app.StartAsync();
        upstream.RepoUrl = new Uri(app.Urls.First().TrimEnd('/') + "/" + Path.GetFileName(barePath));
        return upstream;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
