using Microsoft.AspNetCore.Http;

namespace AgentGate.Gateway.Proxy;

/// <summary>
/// Reads the request body once (bounded), inspects it, and puts it back as a seekable in-memory body so
/// the forwarder sends exactly the bytes that were inspected.
/// </summary>
internal static class RequestBodyReader
{
    public static async Task<bool> TryReadAsync(HttpContext context, LlmCall call, long maxBytes)
    {
        var request = context.Request;
        if (request.ContentLength is > 0 and var declared && declared > maxBytes)
        {
            return false;
        }

        if (request.ContentLength == 0 || HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        {
            return true;
        }

        MemoryStream buffer;
        if (request.ContentLength is { } length)
        {
            // Known length (the common case): read straight into an exact-size array.
            var exact = new byte[length];
            await request.Body.ReadAtLeastAsync(exact, exact.Length, throwOnEndOfStream: false, context.RequestAborted);
            buffer = new MemoryStream(exact, 0, exact.Length, writable: false, publiclyVisible: true);
        }
        else
        {
            buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    return false;
                }

                buffer.Write(chunk, 0, read);
            }
        }

        var body = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        call.RequestBody = body;
        call.RequestBytes = body.Length;
        if (request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true)
        {
            RequestInspector.Inspect(body.Span, call);
        }

        buffer.Position = 0;
        request.Body = buffer;
        request.ContentLength = body.Length;
        return true;
    }
}
