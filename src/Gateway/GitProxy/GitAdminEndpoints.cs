using AgentGate.Gateway.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AgentGate.Gateway.GitProxy;

/// <summary>
/// Admin listener: <c>GET /admin/git/repos</c> lists the configured repositories (name, upstream without user
/// info, secret reference — never its value) and the push limits.
/// </summary>
internal static class GitAdminEndpoints
{
    public static void MapGitAdmin(this IEndpointRouteBuilder app, GitRepoCatalog repos, GitProxyOptions options)
    {
        var body = new
        {
            repos = repos.Repos.OrderBy(r => r.Name, StringComparer.Ordinal).Select(r => new
            {
                name = r.Name,
                path = $"/git/{r.Name}",
                kind = r.IsLocal ? "local" : "remote",
                upstream = r.IsLocal ? r.Upstream.AbsoluteUri : new UriBuilder(r.Upstream) { UserName = string.Empty, Password = string.Empty }.Uri.AbsoluteUri,
                secret = r.Secret?.ToString(),
                force = r.IsLocal ? "exact (pack indexed into a quarantine, git merge-base --is-ancestor)" : "from the pushed commits; undecided counts as force",
            }).ToList(),
            max_push_bytes = options.MaxPushBytes,
            max_walk_commits = options.MaxWalkCommits,
            content_scan = new
            {
                max_objects = options.MaxScanObjects,
                max_bytes = options.MaxScanBytes,
                max_object_bytes = options.MaxScanObjectBytes,
                over_limit = options.ScanOverLimit.ToString().ToLowerInvariant(),
            },
        };
        app.MapGet("/admin/git/repos", () => Results.Json(body))
            .WithMetadata(new ListenerMetadata(ListenerKind.Admin), AdminTokenRequired.Instance);
    }
}
