namespace AgentGate.Sandbox.Fleet;

/// <summary>A live gateway instance: its id (the value of the gateway label) and the lock that proves it is alive.</summary>
public sealed class GatewayInstanceLease : IDisposable
{
    private readonly string _path;
    private readonly FileStream _lock;

    internal GatewayInstanceLease(string id, string path, FileStream lockStream)
    {
        Id = id;
        _path = path;
        _lock = lockStream;
    }

    public string Id { get; }

    public void Dispose()
    {
        _lock.Dispose();
        try
        {
            File.Delete(_path);
        }
        catch (IOException)
        {
            // Another process may be judging it right now; an unlocked file reads as dead either way.
        }
    }
}
