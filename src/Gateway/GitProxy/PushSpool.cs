namespace AgentGate.Gateway.GitProxy;

/// <summary>
/// The pack of one push, spooled to a private temporary directory while git indexed it: <see cref="PackPath"/> is
/// replayed to the upstream once the push is allowed; <see cref="ObjectDirectory"/> holds the indexed objects
/// (a quarantine in front of a local repository, or a scratch directory of loose objects). Deleted on dispose.
/// </summary>
internal sealed class PushSpool(string directory, string objectDirectory, long length, bool indexed, string? error) : IDisposable
{
    public string Directory { get; } = directory;

    public string PackPath => Path.Combine(Directory, "push.pack");

    public string ObjectDirectory { get; } = objectDirectory;

    public long Length { get; } = length;

    /// <summary>False when git could not index the whole pack (thin deltas without their base, a corrupt pack).</summary>
    public bool Indexed { get; } = indexed;

    /// <summary>Set when the push cannot be taken at all (over the size limit, body cut short).</summary>
    public string? Error { get; } = error;

    public Stream OpenPack() =>
        new FileStream(PackPath, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan);

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A file still open on a slow platform; the temp directory is cleaned by the OS later.
        }
    }
}
