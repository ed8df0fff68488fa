using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace AgentGate.Gateway.Tests.Infrastructure;

internal sealed partial class FakeUpstream
{
    public const int OpenAIPromptTokens = 12;
    public const int OpenAICompletionTokens = 7;

    private const string OpenAIUsage = """{"prompt_tokens":@pt,"completion_tokens":@ct,"total_tokens":@tt}""";

    private async Task OpenAIAsync(HttpContext context)
    {
        var body = await ReadAsync(context);
        var model = Model(body);
        if (model == "error-429")
        {
            await WriteJsonAsync(context, 429, """{"error":{"message":"Rate limit reached for requests","type":"requests","param":null,"code":"rate_limit_exceeded"}}""");
            return;
        }

        if (!IsStream(body))
        {
            await WriteJsonAsync(context, 200, Fill("""{"id":"chatcmpl-fake","object":"chat.completion","created":1700000000,"model":"@model","choices":[{"index":0,"message":{"role":"assistant","content":"Hello from fake","refusal":null},"logprobs":null,"finish_reason":"stop"}],"usage":@usage,"system_fingerprint":"fp_fake"}""".Replace("@usage", OpenAIUsage, StringComparison.Ordinal), model));
            return;
        }

        var includeUsage = body.TryGetProperty("stream_options", out var options) && options.TryGetProperty("include_usage", out var include) && include.ValueKind == JsonValueKind.True;
        StartStream(context);
        string Chunk(string delta, string finish) => Fill(
            """{"id":"chatcmpl-fake","object":"chat.completion.chunk","created":1700000000,"model":"@model","system_fingerprint":"fp_fake","choices":[{"index":0,"delta":@delta,"logprobs":null,"finish_reason":@finish}]@usagefield}"""
                .Replace("@delta", delta, StringComparison.Ordinal)
                .Replace("@finish", finish, StringComparison.Ordinal)
                .Replace("@usagefield", includeUsage ? ",\"usage\":null" : string.Empty, StringComparison.Ordinal),
            model);
        await WriteEventAsync(context, null, Chunk("""{"role":"assistant","content":"","refusal":null}""", "null"));
        if (model == "slow")
        {
            await ReleaseSlowStream.Task.WaitAsync(context.RequestAborted);
        }

        await WriteEventAsync(context, null, Chunk("""{"content":"Hello"}""", "null"));
        await WriteEventAsync(context, null, Chunk("""{"content":" from fake"}""", "null"));
        await WriteEventAsync(context, null, Chunk("{}", "\"stop\""));
        if (includeUsage)
        {
            await WriteEventAsync(context, null, Fill("""{"id":"chatcmpl-fake","object":"chat.completion.chunk","created":1700000000,"model":"@model","system_fingerprint":"fp_fake","choices":[],"usage":@usage}""".Replace("@usage", OpenAIUsage, StringComparison.Ordinal), model));
        }

        await WriteEventAsync(context, null, "[DONE]");
    }
}
