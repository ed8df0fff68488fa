namespace AgentGate.Gateway.Guards.Shell;

/// <summary>
/// Every simple command a shell text would run, or a refusal. When <see cref="Refusal"/> is set the text must be
/// denied: the commands listed are only what was found before the analyser gave up.
/// </summary>
internal sealed record ShellAnalysis(IReadOnlyList<ShellCommand> Commands, string? Refusal, IReadOnlyList<string> Dangers)
{
    public bool IsRefused => Refusal is not null;
}
