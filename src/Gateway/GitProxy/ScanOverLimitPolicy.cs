namespace AgentGate.Gateway.GitProxy;

/// <summary>What a push whose content exceeds a scan limit gets (<c>AgentGate:Git:ScanOverLimit</c>).</summary>
internal enum ScanOverLimitPolicy
{
    /// <summary>The push is refused: content the gateway could not scan does not leave (the default).</summary>
    Refuse,

    /// <summary>The scanned part is checked and the push is forwarded; the audit record names what went unscanned.</summary>
    Allow,
}
