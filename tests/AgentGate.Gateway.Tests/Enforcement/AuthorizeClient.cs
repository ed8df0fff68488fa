using System.Net.Http.Json;
using System.Text.Json;
using AgentGate.Gateway.Tests.Infrastructure;

namespace AgentGate.Gateway.Tests.Enforcement;

/// <summary>Calls <c>/v1/authorize</c> as an agent would.</summary>
internal static class AuthorizeClient
{
    public static async Task<(int Status, JsonElement Body)> AuthorizeAsync(GatewayTestHost host, string token, object action)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/authorize") { Content = JsonContent.Create(new { action }) };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var response = await host.Agent.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    public static string[] Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToArray();
}
