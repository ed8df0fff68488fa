namespace AgentGate.Gateway.Admin;

internal readonly record struct ReadinessResult(bool Ready, string Detail)
{
    public static ReadinessResult Ok(string detail = "ok") => new(true, detail);

    public static ReadinessResult Fail(string detail) => new(false, detail);
}
