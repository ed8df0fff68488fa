using System.Text.Json.Nodes;

namespace AgentGate.Gateway.Guards.ClaudeCode;

/// <summary>
/// The result of mapping a hook payload: an authorize request body, a tool the gateway does not decide
/// (<see cref="Passthrough"/>), or a malformed payload (<see cref="Error"/>, which the hook must treat as a block).
/// </summary>
internal sealed record HookMapping(JsonObject? AuthorizeRequest, bool Passthrough, string? Error, string? SessionId)
{
    public static HookMapping Map(JsonObject request, string? session) => new(request, false, null, session);

    public static HookMapping Pass(string? session) => new(null, true, null, session);

    public static HookMapping Fail(string error) => new(null, false, error, null);
}
