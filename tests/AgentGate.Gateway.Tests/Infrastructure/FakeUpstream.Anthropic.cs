using Microsoft.AspNetCore.Http;

namespace AgentGate.Gateway.Tests.Infrastructure;

internal sealed partial class FakeUpstream
{
    public const int AnthropicInputTokens = 25;
    public const int AnthropicOutputTokens = 15;

    private static string Fill(string template, string model) => template
        .Replace("@model", model, StringComparison.Ordinal)
        .Replace("@in", AnthropicInputTokens.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("@out", AnthropicOutputTokens.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("@pt", OpenAIPromptTokens.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("@ct", OpenAICompletionTokens.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("@tt", (OpenAIPromptTokens + OpenAICompletionTokens).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private async Task AnthropicAsync(HttpContext context)
    {
        var body = await ReadAsync(context);
        var model = Model(body);
        if (model == "hang")
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }

        if (model == "error-429")
        {
            context.Response.Headers["retry-after"] = "7";
            await WriteJsonAsync(context, 429, """{"type":"error","error":{"type":"rate_limit_error","message":"Number of request tokens has exceeded your per-minute rate limit"}}""");
            return;
        }

        if (!IsStream(body))
        {
            await WriteJsonAsync(context, 200, Fill("""{"id":"msg_01fake","type":"message","role":"assistant","model":"@model","content":[{"type":"text","text":"Hello from fake","citations":null}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":@in,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":@out,"service_tier":"standard"}}""", model));
            return;
        }

        StartStream(context);
        await WriteEventAsync(context, "message_start", Fill("""{"type":"message_start","message":{"id":"msg_01fake","type":"message","role":"assistant","model":"@model","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":@in,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":1,"service_tier":"standard"}}}""", model));
        if (model == "slow")
        {
            await ReleaseSlowStream.Task.WaitAsync(context.RequestAborted);
        }

        await WriteEventAsync(context, "content_block_start", """{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}""");
        await WriteEventAsync(context, "ping", """{"type": "ping"}""");
        await WriteEventAsync(context, "content_block_delta", """{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello"}}""");
        await WriteEventAsync(context, "content_block_delta", """{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":" from fake"}}""");
        await WriteEventAsync(context, "content_block_stop", """{"type":"content_block_stop","index":0}""");
        await WriteEventAsync(context, "message_delta", Fill("""{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":@out}}""", model));
        await WriteEventAsync(context, "message_stop", """{"type":"message_stop"}""");
    }
}
