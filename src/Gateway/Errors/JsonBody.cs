using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace AgentGate.Gateway.Errors;

/// <summary>
/// Reads a small JSON request body (admin API) into a record: bounded (413 <c>request_too_large</c>), and every
/// way it can be wrong — empty, not JSON, not UTF-8, an array instead of an object, a field of the wrong type or
/// out of range, a field the endpoint does not know — is a 400 <c>bad_request</c> that names the field.
/// The content type is not checked, so <c>curl -d</c> without a header works.
/// </summary>
internal static class JsonBody
{
    public const int DefaultMaxBytes = 64 * 1024;

    /// <summary>Web defaults, but a field the endpoint does not know is an error (a typo must not silently fall back to a default).</summary>
    public static JsonSerializerOptions Strict { get; } = new(JsonSerializerDefaults.Web) { UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow };

    public static async Task<(T? Value, BodyError? Error)> ReadAsync<T>(HttpContext context, string shape, bool required = true, int maxBytes = DefaultMaxBytes)
        where T : class
    {
        var (bytes, error) = await ReadBytesAsync(context, maxBytes);
        if (error is not null)
        {
            return (null, error);
        }

        if (bytes!.Length == 0 || bytes.AsSpan().Trim(" \t\r\n"u8).IsEmpty)
        {
            return required ? (null, BadRequest($"a JSON body is required: {shape}")) : (null, null);
        }

        try
        {
            return JsonSerializer.Deserialize<T>(bytes, Strict) is { } value
                ? (value, null)
                : (null, BadRequest($"body must be a JSON object {shape}, got null"));
        }
        catch (JsonException ex)
        {
            return (null, BadRequest(Describe(ex, shape)));
        }
    }

    /// <summary>Reads at most <paramref name="maxBytes"/>; a longer body is a 413, a body the server refused (Kestrel's own limit, a broken chunk) keeps the server's status.</summary>
    public static async Task<(byte[]? Bytes, BodyError? Error)> ReadBytesAsync(HttpContext context, int maxBytes)
    {
        var tooLarge = new BodyError(StatusCodes.Status413PayloadTooLarge, ErrorTypes.RequestTooLarge, $"request body exceeds {maxBytes} bytes");
        if (context.Request.ContentLength > maxBytes)
        {
            return (null, tooLarge);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8 * 1024];
        try
        {
            int read;
            while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    return (null, tooLarge);
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException ex)
        {
            return (null, new BodyError(ex.StatusCode, ex.StatusCode == StatusCodes.Status413PayloadTooLarge ? ErrorTypes.RequestTooLarge : ErrorTypes.BadRequest, ex.Message));
        }

        return (buffer.ToArray(), null);
    }

    private static BodyError BadRequest(string message) => new(StatusCodes.Status400BadRequest, ErrorTypes.BadRequest, message);

    private static string Describe(JsonException ex, string shape)
    {
        // System.Text.Json puts the position after the reason ("… Path: $.ttlSeconds | LineNumber: …"); keep the reason.
        var reason = ex.Message;
        var cut = reason.IndexOf(" Path: ", StringComparison.Ordinal);
        reason = cut > 0 ? reason[..cut] : reason;
        if (ex.InnerException is InvalidOperationException or FormatException or OverflowException)
        {
            reason += " (" + ex.InnerException.Message + ")";
        }
        var field = ex.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : null;
        return field is null
            ? $"body must be {shape}: {reason}"
            : $"field '{field}' is invalid: {reason} (expected {shape})";
    }
}
