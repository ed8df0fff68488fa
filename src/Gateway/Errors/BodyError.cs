using Microsoft.AspNetCore.Http;

namespace AgentGate.Gateway.Errors;

/// <summary>Why a request body was refused: the status, the stable error type and a message naming the bad field.</summary>
internal sealed record BodyError(int Status, string Type, string Message)
{
    public IResult ToResult() => ErrorResponse.Result(Status, Type, Message);

    public Task WriteAsync(HttpContext context) => ErrorResponse.WriteAsync(context, Status, Type, Message);
}
