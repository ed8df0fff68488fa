using AgentGate.Gateway.Proxy;
using Microsoft.AspNetCore.Http;

namespace AgentGate.Gateway.LeakStop;

/// <summary>A model-call gate: a request body carrying a gateway secret or a well-known credential is refused (403 credential_leak).</summary>
internal sealed class LeakStopGate(LeakStopScanner scanner) : ICallGate
{
    public ValueTask<GateResult> BeforeAsync(LlmCall call, CancellationToken cancellationToken)
    {
        if (call.RequestBody.IsEmpty)
        {
            return ValueTask.FromResult(GateResult.Allow);
        }

        var host = call.Provider.Config.BaseUrl.Host;
        var finding = LeakStopScanner.Scan(scanner.Bodies, call.RequestBody.Span, host);
        return ValueTask.FromResult(finding is null
            ? GateResult.Allow
            : GateResult.Deny(StatusCodes.Status403Forbidden, LeakStopScanner.ErrorType, LeakStopScanner.Describe(finding), LeakStopScanner.Rule));
    }

    public ValueTask AfterAsync(LlmCall call, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
