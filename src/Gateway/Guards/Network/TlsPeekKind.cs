namespace AgentGate.Gateway.Guards.Network;

/// <summary>What the first bytes of a tunnel are.</summary>
internal enum TlsPeekKind
{
    /// <summary>Not enough bytes yet to tell.</summary>
    NeedMore,

    /// <summary>The first byte is not a TLS handshake record: some other protocol.</summary>
    NotTls,

    /// <summary>A complete TLS ClientHello; <see cref="TlsPeek.ServerName"/> is its SNI host name, if any.</summary>
    ClientHello,

    /// <summary>Starts like TLS but is not a well-formed ClientHello (or is larger than the peek limit).</summary>
    Malformed,
}
