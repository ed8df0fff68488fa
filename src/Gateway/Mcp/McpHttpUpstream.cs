using System.Net.Http.Headers;
using AgentGate.Gateway.Config;
using Microsoft.AspNetCore.Http;

namespace AgentGate.Gateway.Mcp;

/// <summary>
/// Forwards to an HTTP (Streamable HTTP) MCP server. Only MCP's own headers go upstream (never the agent's
/// gateway token); the server's credential is injected here, bound to this one server. JSON answers are
/// read (bounded) and filtered; SSE answers are relayed event by event.
/// </summary>
internal sealed class McpHttpUpstream(McpSettings settings, McpSessionOwners owners, GatewayConfig config) : IMcpUpstream, IDisposable
{
    private const string SessionHeader = "Mcp-Session-Id";

    private readonly HttpMessageInvoker _client = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        UseProxy = false,
        AutomaticDecompression = System.Net.DecompressionMethods.None,
        ConnectTimeout = config.Proxy.ConnectTimeout,
    });

    public async Task<int?> PostAsync(HttpContext context, McpServerRoute route, McpPost post, CancellationToken cancellationToken)
    {
        using var request = CreateRequest(context, route, HttpMethod.Post);
        request.Content = new ReadOnlyMemoryContent(post.Body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(McpResponseWriter.JsonContentType);
        using var response = await SendAsync(request, cancellationToken);
        CopyResponseHeaders(context, response, route, post.AgentId);
        var status = (int)response.StatusCode;
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        if (response.IsSuccessStatusCode && mediaType == McpResponseWriter.SseContentType)
        {
            await McpResponseWriter.StartSseAsync(context);
            foreach (var answer in post.Answers)
            {
                await McpResponseWriter.WriteSseEventAsync(context, answer);
            }

            await McpSseRelay.RelayAsync(body, context, post.Filter, settings.MaxResponseBytes, cancellationToken);
            return status;
        }

        if (response.IsSuccessStatusCode && mediaType == McpResponseWriter.JsonContentType)
        {
            var bytes = await ReadBoundedAsync(body, settings.MaxResponseBytes, cancellationToken);
            if (bytes is null)
            {
                await Errors.ErrorResponse.WriteAsync(context, StatusCodes.Status502BadGateway, "upstream_response_too_large", $"MCP server '{route.Name}' answered with more than {settings.MaxResponseBytes} bytes");
                return status;
            }

            var filtered = post.Filter.Rewrite(bytes) ?? bytes;
            await McpResponseWriter.WriteJsonAsync(context, Merge(filtered, post), post.IsBatch || post.Answers.Count > 0);
            return status;
        }

        if (post.Answers.Count > 0 && response.StatusCode == System.Net.HttpStatusCode.Accepted)
        {
            // The forwarded part needed no answer; the refused calls still get theirs.
            await McpResponseWriter.WriteJsonAsync(context, post.Answers, post.IsBatch);
            return status;
        }

        context.Response.StatusCode = status;
        if (response.Content.Headers.ContentType is { } type)
        {
            context.Response.ContentType = type.ToString();
        }

        await body.CopyToAsync(context.Response.Body, cancellationToken);
        return status;
    }

    public async Task<int?> GetAsync(HttpContext context, McpServerRoute route, McpToolsListFilter filter, string agentId, CancellationToken cancellationToken)
    {
        using var request = CreateRequest(context, route, HttpMethod.Get);
        using var response = await SendAsync(request, cancellationToken);
        CopyResponseHeaders(context, response, route, agentId);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        if (response.IsSuccessStatusCode && response.Content.Headers.ContentType?.MediaType == McpResponseWriter.SseContentType)
        {
            await McpResponseWriter.StartSseAsync(context);
            await McpSseRelay.RelayAsync(body, context, filter, settings.MaxResponseBytes, cancellationToken);
            return (int)response.StatusCode;
        }

        // 405 (no server stream) and other answers pass through as they are.
        context.Response.StatusCode = (int)response.StatusCode;
        if (response.Content.Headers.ContentType is { } type)
        {
            context.Response.ContentType = type.ToString();
        }

        await body.CopyToAsync(context.Response.Body, cancellationToken);
        return (int)response.StatusCode;
    }

    public async Task<int?> DeleteAsync(HttpContext context, McpServerRoute route, string agentId, CancellationToken cancellationToken)
    {
        using var request = CreateRequest(context, route, HttpMethod.Delete);
        using var response = await SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode && context.Request.Headers[SessionHeader].ToString() is { Length: > 0 } session)
        {
            owners.Release(route.Name, session);
        }

        context.Response.StatusCode = (int)response.StatusCode;
        return (int)response.StatusCode;
    }

    public void Dispose() => _client.Dispose();

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // The timeout covers the response headers only; a stream may then run as long as the agent reads it.
        using var headers = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        headers.CancelAfter(settings.ResponseTimeout);
        try
        {
            return await _client.SendAsync(request, headers.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"no answer within {settings.ResponseTimeout.TotalSeconds:0} s");
        }
    }

    private static HttpRequestMessage CreateRequest(HttpContext context, McpServerRoute route, HttpMethod method)
    {
        var request = new HttpRequestMessage(method, route.Config.Url) { Version = System.Net.HttpVersion.Version11 };
        foreach (var (name, values) in context.Request.Headers)
        {
            if (McpHeaders.IsForwarded(name))
            {
                request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        if (route.CredentialHeaderValue is { } credential)
        {
            request.Headers.Remove(route.Config.SecretHeaderName);
            request.Headers.TryAddWithoutValidation(route.Config.SecretHeaderName, credential);
        }

        return request;
    }

    private void CopyResponseHeaders(HttpContext context, HttpResponseMessage response, McpServerRoute route, string agentId)
    {
        if (response.Headers.TryGetValues(SessionHeader, out var values) && values.FirstOrDefault() is { Length: > 0 } session)
        {
            owners.TryClaim(route.Name, session, agentId);
            context.Response.Headers[SessionHeader] = session;
        }
    }

    private static IReadOnlyList<byte[]> Merge(byte[] upstream, McpPost post)
    {
        if (post.Answers.Count == 0)
        {
            return [upstream];
        }

        // The upstream answered a batch (an array) or one message; the gateway's own answers join it.
        var trimmed = upstream.AsSpan().Trim(" \t\r\n"u8);
        var messages = new List<byte[]>(post.Answers);
        messages.Add(trimmed.Length > 1 && trimmed[0] == (byte)'[' ? trimmed[1..^1].ToArray() : trimmed.ToArray());
        return messages;
    }

    private static async Task<byte[]?> ReadBoundedAsync(Stream body, long max, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > max)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
