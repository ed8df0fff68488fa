using AgentGate.Gateway.Guards.Git;
using AgentGate.Gateway.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AgentGate.Gateway.GitProxy;

internal static class GitProxyEndpoints
{
    /// <summary>Reads <c>AgentGate:Git:Repos</c> and maps <c>/git/{repo}/{**path}</c> on the agent listener and <c>/admin/git/repos</c> on the admin one.</summary>
    public static void MapGitProxy(this WebApplication app)
    {
        var catalog = GitRepoCatalog.Read(app.Configuration);
        var options = GitProxyOptions.Read(app.Configuration);
        app.MapGitAdmin(catalog, options);
        var handler = ActivatorUtilities.CreateInstance<GitProxyHandler>(
            app.Services, catalog, new PushInspector(options, new GitCliAncestryChecker()),
            new PushContentScanner(options, app.Services.GetRequiredService<LeakStop.LeakStopScanner>(), new PushObjectLister()), new GitHttpBackend(),
            new GitUpstreamForwarder(new HttpMessageInvoker(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, UseProxy = false })));
        app.Map("/git/{repo}/{**path}", context =>
                handler.HandleAsync(context, (string)context.GetRouteValue("repo")!, (string?)context.GetRouteValue("path") ?? string.Empty))
            .WithMetadata(new ListenerMetadata(ListenerKind.Agent));
    }
}
