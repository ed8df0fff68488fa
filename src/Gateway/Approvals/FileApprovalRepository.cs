using Microsoft.Extensions.Logging;

namespace AgentGate.Gateway.Approvals;

/// <summary>
/// Embedded mode that survives a restart: approvals are served from memory and every change (a new pending
/// approval, a decision, a consumption) is appended as the approval's full snapshot to a JSONL file and flushed to
/// disk before the caller sees it. The last line of an id wins on replay. One lock serialises every transition,
/// so an approval is consumed at most once per process; one process per file, enforced by an exclusive lock on
/// <c>{path}.lock</c>. The file is compacted (rewritten to a temporary file, flushed, renamed over) at start and
/// whenever it holds many more lines than live approvals.
/// </summary>
internal sealed partial class FileApprovalRepository : IApprovalRepository, IDisposable
{
    /// <summary>The file is compacted when it holds at least this many lines and more than twice the approvals it describes.</summary>
    internal const int DefaultCompactAfterLines = 4096;

    private readonly InMemoryApprovalRepository _memory = new();
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _path;
    private readonly FileStream _lock;
    private readonly Lock _gate = new();
    private FileStream _file;
    private int _lines;

    public FileApprovalRepository(string path, TimeProvider time, ILogger<FileApprovalRepository> logger, int compactAfterLines = DefaultCompactAfterLines)
    {
        _time = time;
        _logger = logger;
        CompactAfterLines = compactAfterLines;
        _path = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        // Compaction replaces the file, so the exclusive lock is held on a sibling that is never replaced.
        _lock = new FileStream(_path + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        try
        {
            Load();
            _file = Compact();
        }
        catch
        {
            _lock.Dispose();
            throw;
        }
    }

    /// <summary>A torn last line found at start (a write cut short by a crash, never acknowledged); 0 or 1.</summary>
    public int SkippedLines { get; private set; }

    internal int CompactAfterLines { get; }

    public string FilePath => _path;

    public IReadOnlyList<Approval> List()
    {
        lock (_gate)
        {
            return _memory.List();
        }
    }

    public Approval? Get(string id)
    {
        lock (_gate)
        {
            return _memory.Get(id);
        }
    }

    public Approval Open(Approval candidate, DateTimeOffset now)
    {
        lock (_gate)
        {
            var open = _memory.Open(candidate, now);
            if (open.Id == candidate.Id)
            {
                Record(open, undo: () => _memory.Remove(open.Id));
            }

            return open;
        }
    }

    public ApprovalTransition Decide(string id, ApprovalDecision decision, DateTimeOffset now)
    {
        lock (_gate)
        {
            var before = _memory.Get(id);
            var transition = _memory.Decide(id, decision, now);
            if (transition.Applied)
            {
                Record(transition.Current!, undo: () => _memory.Put(before!));
            }

            return transition;
        }
    }

    public Approval? Consume(string actionHash, string policyRevision, DateTimeOffset now)
    {
        lock (_gate)
        {
            var consumed = _memory.Consume(actionHash, policyRevision, now);
            if (consumed is not null)
            {
                Record(consumed, undo: () => _memory.Put(consumed with { State = ApprovalState.Approved }));
            }

            return consumed;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _file.Dispose();
            _lock.Dispose();
        }
    }

    /// <summary>Writes the changed approval to disk; when that fails the change is undone in memory and the error surfaces.</summary>
    private void Record(Approval approval, Action undo)
    {
        try
        {
            Append(approval);
        }
        catch
        {
            undo();
            throw;
        }

        if (_lines >= CompactAfterLines && _lines > 2 * _memory.List().Count)
        {
            _file.Dispose();
            _file = CompactOrReopen();
        }
    }
}
