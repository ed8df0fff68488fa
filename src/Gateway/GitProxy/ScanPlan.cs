namespace AgentGate.Gateway.GitProxy;

/// <summary>
/// Which pushed objects are scanned, decided from their listed sizes before any content is read: over a limit the
/// push is refused (<see cref="Problem"/>) or, with <see cref="ScanOverLimitPolicy.Allow"/>, the excess is left out
/// and named in <see cref="Unscanned"/>. Objects are ordered commits, tags, trees, blobs (trees name the blobs).
/// </summary>
internal sealed record ScanPlan(List<PushObject> Objects, string? Problem, string? Unscanned)
{
    public static ScanPlan Build(List<PushObject> listed, GitProxyOptions options)
    {
        var refuse = options.ScanOverLimit == ScanOverLimitPolicy.Refuse;
        var notes = new List<string>();
        var objects = listed;
        if (objects.Count > options.MaxScanObjects)
        {
            var what = $"the push has more than {options.MaxScanObjects} objects (AgentGate:Git:MaxScanObjects)";
            if (refuse)
            {
                return new ScanPlan([], what, null);
            }

            notes.Add(what + "; the rest was not scanned");
            objects = objects[..options.MaxScanObjects];
        }

        var big = objects.Where(o => o.Size > options.MaxScanObjectBytes).ToList();
        if (big.Count > 0)
        {
            var what = $"{big[0].Type} {big[0].ShortId} is {big[0].Size} bytes, over AgentGate:Git:MaxScanObjectBytes ({options.MaxScanObjectBytes})";
            if (refuse)
            {
                return new ScanPlan([], what, null);
            }

            notes.Add($"{big.Count} objects over AgentGate:Git:MaxScanObjectBytes ({options.MaxScanObjectBytes}) were scanned only up to that size");
        }

        objects = [.. objects.OrderBy(o => o.Rank)];
        long total = 0;
        for (var i = 0; i < objects.Count; i++)
        {
            total += Math.Min(objects[i].Size, options.MaxScanObjectBytes);
            if (total <= options.MaxScanBytes)
            {
                continue;
            }

            var what = $"the push inflates to more than AgentGate:Git:MaxScanBytes ({options.MaxScanBytes}) bytes";
            if (refuse)
            {
                return new ScanPlan([], what, null);
            }

            notes.Add($"{what}; {objects.Count - i} objects were not scanned");
            objects = objects[..i];
            break;
        }

        return new ScanPlan(objects, null, notes.Count == 0 ? null : string.Join("; ", notes));
    }
}
