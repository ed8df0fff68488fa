using System.Net.Http.Headers;
using System.Text;
using AgentGate.Gateway.Config;
using Microsoft.AspNetCore.Http;

namespace AgentGate.Gateway.GitProxy;

/// <summary>
/// Forwards a smart-HTTP request to a remote repository with the repository's secret injected as HTTP Basic
/// auth (<c>user:password</c>, or a bare token sent as <c>x-access-token:token</c>); the agent's token never leaves.
/// A receive-pack ref advertisement is relayed with <c>no-thin</c> added (<see cref="ReceivePackAdvertisement"/>).
/// </summary>
internal sealed class GitUpstreamForwarder(HttpMessageInvoker client)
{
    private static readonly string[] RequestHeaders = ["Accept", "Git-Protocol", "User-Agent"];
    private static readonly string[] ResponseHeaders = ["Content-Type", "Cache-Control", "Expires", "Pragma"];

    /// <returns>The upstream status, or null with a problem when the secret cannot be read.</returns>
    public async Task<(int? Status, string? Problem)> ForwardAsync(HttpContext context, GitRepo repo, string path, byte[] prefix, Stream body, CancellationToken cancellationToken)
    {
        string? secret = null;
        if (repo.Secret is { } reference && (secret = SecretResolver.Resolve(reference, out var problem)) is null)
        {
            return (null, $"secret of git repository '{repo.Name}' is unavailable: {problem}");
        }

        var request = context.Request;
        var target = new Uri(repo.Upstream.AbsoluteUri.TrimEnd('/') + "/" + path + request.QueryString.Value);
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), target);
        foreach (var name in RequestHeaders)
        {
            if (request.Headers[name].ToString() is { Length: > 0 } value)
            {
                message.Headers.TryAddWithoutValidation(name, value);
            }
        }

        if (secret is not null)
        {
            var pair = secret.Contains(':', StringComparison.Ordinal) ? secret : "x-access-token:" + secret;
            message.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(pair)));
        }

        if (HttpMethods.IsPost(request.Method))
        {
            var content = new StreamContent(new PrefixedStream(prefix, body));
            if (request.ContentType is { } type)
            {
                content.Headers.TryAddWithoutValidation("Content-Type", type);
            }

            if (request.Headers.ContentEncoding.ToString() is { Length: > 0 } encoding)
            {
                content.Headers.TryAddWithoutValidation("Content-Encoding", encoding);
            }

            if (request.ContentLength is { } length)
            {
                content.Headers.ContentLength = length;
            }

            message.Content = content;
        }

        using var response = await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var name in ResponseHeaders)
        {
            if (response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values))
            {
                context.Response.Headers[name] = values.ToArray();
            }
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode && HttpMethods.IsGet(request.Method) && path == "info/refs" && request.Query["service"] == "git-receive-pack")
        {
            await ReceivePackAdvertisement.CopyWithNoThinAsync(stream, context.Response.Body, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await stream.CopyToAsync(context.Response.Body, cancellationToken).ConfigureAwait(false);
        }

        return ((int)response.StatusCode, null);
    }
}
