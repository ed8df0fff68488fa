namespace AgentGate.Gateway.Guards.Shell;

/// <summary>A redirection such as "2>&amp;1", ">|out", "&lt;&lt;EOF" (with its body) or "&lt;&lt;&lt; text".</summary>
internal sealed record ShellRedirect(int? Fd, string Operator, string Target, bool IsDynamic, string? HereDocBody);
