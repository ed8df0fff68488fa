using AgentGate.Gateway.Config;

namespace AgentGate.Gateway.Identity;

/// <summary>The outcome of presenting a token: an identity, or the reason there is none.</summary>
internal readonly record struct TokenCheck(TokenCheckStatus Status, TokenRecord? Token, AgentConfig? Agent)
{
    public bool IsValid => Status == TokenCheckStatus.Valid;

    public string Reason => Status switch
    {
        TokenCheckStatus.Missing => "no agent token presented",
        TokenCheckStatus.Unknown => "agent token is not known",
        TokenCheckStatus.Expired => "agent token has expired",
        TokenCheckStatus.Revoked => "agent token has been revoked",
        TokenCheckStatus.UnknownAgent => "agent token belongs to an agent that is no longer configured",
        TokenCheckStatus.Unavailable => "the token store is unavailable; try again shortly",
        _ => "valid",
    };
}
