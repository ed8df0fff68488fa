using System.Text.Json;

namespace AgentGate.Gateway.Tests.Infrastructure;

internal static class ErrorBody
{
    /// <summary>Returns error.type of a structured error body, failing the test when the shape is wrong.</summary>
    public static async Task<string> TypeAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        var error = document.RootElement.GetProperty("error");
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        return error.GetProperty("type").GetString()!;
    }
}
