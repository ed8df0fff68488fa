using AgentGate.Gateway.GitProxy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace AgentGate.Benchmarks.Git;

/// <summary>The baseline: <c>git http-backend</c> behind a bare Kestrel route, no gateway in between.</summary>
internal static class DirectGitServer
{
    public static async Task<(WebApplication App, Uri RepoUrl)> StartAsync(string bare)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var repo = new GitRepo("bench", new Uri(bare), null);
        var backend = new GitHttpBackend();
        var name = Path.GetFileName(bare);
        app.Map("/" + name + "/{**path}", async context =>
            await backend.ServeAsync(context, repo, (string)context.GetRouteValue("path")!, "bench", [], context.Request.Body, context.RequestAborted));
        await app.StartAsync();
        return (app, new Uri(app.Urls.First().TrimEnd('/') + "/" + name));
    }
}
