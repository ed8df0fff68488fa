using System.Text;
using System.Text.Json;

namespace AgentGate.Gateway.Identity;

/// <summary>
/// Embedded mode that survives a restart: records are served from memory and every issue and revocation is
/// appended (and flushed to disk) to a JSONL file of hashed records. On start the file is replayed and
/// rewritten with only the live records, so it does not grow across restarts. One gateway process per file, enforced
/// by an exclusive lock on <c>{path}.lock</c>.
/// </summary>
internal sealed class FileTokenRepository : ITokenRepository, IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly InMemoryTokenRepository _memory;
    private readonly TimeProvider _time;
    private readonly FileStream _lock;
    private readonly FileStream _file;
    private readonly Lock _gate = new();

    public FileTokenRepository(string path, TimeProvider time)
    {
        _memory = new InMemoryTokenRepository(time);
        _time = time;
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        // Compaction replaces the file, so the exclusive lock is held on a sibling that is never replaced.
        _lock = new FileStream(full + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        try
        {
            Load(full);
            Compact(full);
            _file = new FileStream(full, FileMode.Append, FileAccess.Write, FileShare.Read);
        }
        catch
        {
            _lock.Dispose();
            throw;
        }
    }

    /// <summary>Lines that could not be read at start (a torn last line after a crash); they are dropped.</summary>
    public int SkippedLines { get; private set; }

    public ValueTask AddAsync(TokenRecord record, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Append(TokenFileLine.From(record));
            _memory.Add(record);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<TokenLookup> FindAsync(string hash, CancellationToken cancellationToken) => _memory.FindAsync(hash, cancellationToken);

    public ValueTask<bool> RevokeAsync(string id, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_memory.Revoke(id))
            {
                return ValueTask.FromResult(false);
            }

            Append(new TokenFileLine(TokenFileLine.Revoke, id));
            return ValueTask.FromResult(true);
        }
    }

    public void Dispose()
    {
        _file.Dispose();
        _lock.Dispose();
    }

    private void Append(TokenFileLine line)
    {
        var bytes = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(line, Json) + "\n");
        _file.Write(bytes);
        _file.Flush(flushToDisk: true);
    }

    private void Load(string path)
    {
        if (!File.Exists(path))
        {
            return;
        }

        var now = _time.GetUtcNow();
        foreach (var text in File.ReadLines(path))
        {
            if (text.Length == 0)
            {
                continue;
            }

            TokenFileLine? line;
            try
            {
                line = JsonSerializer.Deserialize<TokenFileLine>(text, Json);
            }
            catch (JsonException)
            {
                line = null;
            }

            if (line?.ToRecord() is { } record)
            {
                if (record.ExpiresAt > now)
                {
                    _memory.Add(record);
                }
            }
            else if (line is { Op: TokenFileLine.Revoke })
            {
                _memory.Revoke(line.Id);
            }
            else
            {
                SkippedLines++;
            }
        }
    }

    /// <summary>Rewrites the file with the live records only (revoked ones keep their revocation), atomically.</summary>
    private void Compact(string path)
    {
        var temporary = path + ".tmp";
        using (var writer = new StreamWriter(temporary, append: false, new UTF8Encoding(false)))
        {
            foreach (var record in _memory.Live())
            {
                writer.Write(JsonSerializer.Serialize(TokenFileLine.From(record), Json) + "\n");
                if (record.Revoked)
                {
                    writer.Write(JsonSerializer.Serialize(new TokenFileLine(TokenFileLine.Revoke, record.Id), Json) + "\n");
                }
            }

            writer.Flush();
            ((FileStream)writer.BaseStream).Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
