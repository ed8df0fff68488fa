using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace AgentGate.Gateway.Tests.Hardening;

/// <summary>Builds the hostile requests of the hardening tables and checks the answers have the structured error shape.</summary>
internal static class BadRequests
{
    public const string InvalidUtf8 = "<invalid-utf8>";
    public const string LargeText = "<large-text>";

    /// <summary>A body spec: null (no body), a literal, or one containing <see cref="InvalidUtf8"/> (a 0xFF byte) /
    /// <see cref="LargeText"/> (a 300 KiB run of 'a', bigger than every admin and authorize limit).</summary>
    public static HttpRequestMessage Create(string method, string path, string? body, string? contentType = "application/json")
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            var text = body.Replace(LargeText, new string('a', 300 * 1024), StringComparison.Ordinal);
            var parts = text.Split(InvalidUtf8);
            var bytes = new List<byte>();
            for (var i = 0; i < parts.Length; i++)
            {
                if (i > 0)
                {
                    bytes.AddRange([0xFF, 0xFE]);
                }

                bytes.AddRange(Encoding.UTF8.GetBytes(parts[i]));
            }

            request.Content = new ByteArrayContent([.. bytes]);
            if (contentType is not null)
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            }
        }

        return request;
    }

    /// <summary>Asserts the status, that the body is <c>{"error":{"type","message"}}</c> JSON, the type, and that the message names <paramref name="mentions"/>.</summary>
    public static async Task AssertErrorAsync(HttpResponseMessage response, int status, string type, string? mentions)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == (int)response.StatusCode, $"expected {status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(text);
        var error = document.RootElement.GetProperty("error");
        Assert.Equal(type, error.GetProperty("type").GetString());
        var message = error.GetProperty("message").GetString();
        Assert.False(string.IsNullOrWhiteSpace(message));
        Assert.True(message!.Length < 2000, "the message must not echo a huge input: " + message.Length);
        if (mentions is not null)
        {
            Assert.Contains(mentions, message, StringComparison.OrdinalIgnoreCase);
        }
    }
}
