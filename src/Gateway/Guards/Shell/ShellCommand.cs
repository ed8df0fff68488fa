namespace AgentGate.Gateway.Guards.Shell;

/// <summary>
/// One simple command. <see cref="Argv"/> is after quote removal; an argument built from an expansion keeps its
/// source text (e.g. "$HOME") and sets <see cref="HasDynamicArguments"/>. <see cref="Wrappers"/> lists what
/// launched it, outermost first (e.g. ["sudo", "env", "bash -c"]).
/// </summary>
internal sealed record ShellCommand(
    IReadOnlyList<string> Argv,
    string Name,
    string Path,
    IReadOnlyList<ShellRedirect> Redirects,
    IReadOnlyList<string> Wrappers,
    IReadOnlyList<string> Assignments,
    bool HasDynamicArguments,
    IReadOnlyList<string> Dangers);
