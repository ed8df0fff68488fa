using System.Net;

namespace AgentGate.Gateway.Guards.Network;

/// <summary>Resolves an egress host once, checks every address, and returns the one to connect to.</summary>
internal sealed class DestinationGuard(IHostResolver resolver, DestinationGuardOptions options)
{
    public DestinationCheck CheckAddress(IPAddress address)
    {
        foreach (var range in options.AllowedRanges)
        {
            if (range.Contains(address) || (address.IsIPv4MappedToIPv6 && range.Contains(address.MapToIPv4())))
            {
                return DestinationCheck.Ok(address);
            }
        }

        var cls = AddressClassifier.Classify(address);
        return cls == AddressClass.Public
            ? DestinationCheck.Ok(address)
            : DestinationCheck.Deny($"destination {address} is {Describe(cls)}", cls);
    }

    public async ValueTask<DestinationCheck> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(host) || host.Length > 253)
        {
            return DestinationCheck.Deny("destination host is empty or too long");
        }

        var literal = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
        if (IPAddress.TryParse(literal, out var direct))
        {
            return CheckAddress(direct);
        }

        IPAddress[] addresses;
        try
        {
            addresses = await resolver.ResolveAsync(host, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return DestinationCheck.Deny($"destination host '{host}' could not be resolved");
        }

        if (addresses.Length == 0)
        {
            return DestinationCheck.Deny($"destination host '{host}' has no addresses");
        }

        DestinationCheck? first = null;
        foreach (var address in addresses)
        {
            var check = CheckAddress(address);
            if (!check.Allowed)
            {
                // One internal answer taints the name: refusing only that address would let a round-robin
                // record pick the internal one on the client's next try.
                return DestinationCheck.Deny($"host '{host}' resolves to {address}, which is {Describe(check.BlockedClass!.Value)}", check.BlockedClass);
            }

            first ??= check;
        }

        return first!;
    }

    private static string Describe(AddressClass cls) => cls switch
    {
        AddressClass.Loopback => "a loopback address",
        AddressClass.Private => "a private address",
        AddressClass.LinkLocal => "a link-local address",
        AddressClass.SharedCgnat => "a carrier-grade NAT address",
        AddressClass.CloudMetadata => "a cloud metadata endpoint",
        AddressClass.Unspecified => "the unspecified address",
        AddressClass.Multicast => "a multicast address",
        AddressClass.Broadcast => "the broadcast address",
        AddressClass.UniqueLocal => "a unique-local IPv6 address",
        AddressClass.Documentation => "a documentation address",
        _ => "a reserved address",
    };
}
