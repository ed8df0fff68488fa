using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Builtins.Extended.X509;

/// <summary>Go-style JSON for certificates and names (the fields policies use; nil lists are null).</summary>
internal static class X509Json
{
    public static ObjectValue Certificate(X509Certificate2 cert)
    {
        var (dns, emails, ips, uris) = SubjectAltNames(cert);
        var basic = cert.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault();
        return Obj(
            ("Raw", StringValue.From(Convert.ToBase64String(cert.RawData))),
            ("Version", NumberValue.From(cert.Version)),
            ("SerialNumber", NumberValue.From(new BigInteger(cert.GetSerialNumber(), isUnsigned: true, isBigEndian: false))),
            ("Issuer", Name(cert.IssuerName)),
            ("Subject", Name(cert.SubjectName)),
            ("NotBefore", StringValue.From(cert.NotBefore.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture))),
            ("NotAfter", StringValue.From(cert.NotAfter.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture))),
            ("IsCA", BooleanValue.From(basic?.CertificateAuthority ?? false)),
            ("BasicConstraintsValid", BooleanValue.From(basic is not null)),
            ("DNSNames", List(dns)),
            ("EmailAddresses", List(emails)),
            ("IPAddresses", List(ips)),
            ("URIStrings", List(uris)));
    }

    public static ObjectValue Name(X500DistinguishedName name)
    {
        var parts = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var rdn in name.EnumerateRelativeDistinguishedNames())
        {
            if (rdn.HasMultipleElements)
            {
                continue;
            }

            var oid = rdn.GetSingleElementType().Value ?? string.Empty;
            var value = rdn.GetSingleElementValue() ?? string.Empty;
            if (!parts.TryGetValue(oid, out var list))
            {
                parts[oid] = list = [];
            }

            list.Add(value);
        }

        Value Many(string oid) => parts.TryGetValue(oid, out var l) ? List(l) : NullValue.Instance;
        string One(string oid) => parts.TryGetValue(oid, out var l) ? l[0] : string.Empty;
        return Obj(
            ("Country", Many("2.5.4.6")),
            ("Organization", Many("2.5.4.10")),
            ("OrganizationalUnit", Many("2.5.4.11")),
            ("Locality", Many("2.5.4.7")),
            ("Province", Many("2.5.4.8")),
            ("StreetAddress", Many("2.5.4.9")),
            ("PostalCode", Many("2.5.4.17")),
            ("SerialNumber", StringValue.From(One("2.5.4.5"))),
            ("CommonName", StringValue.From(One("2.5.4.3"))));
    }

    public static Value List(List<string> items) =>
        items.Count == 0 ? NullValue.Instance : ArrayValue.From(items.Select(i => (Value)StringValue.From(i)));

    public static ObjectValue Obj(params (string Key, Value Value)[] pairs) =>
        ObjectValue.From(pairs.Select(p => new KeyValuePair<Value, Value>(StringValue.From(p.Key), p.Value)));

    private static (List<string> Dns, List<string> Emails, List<string> Ips, List<string> Uris) SubjectAltNames(X509Certificate2 cert)
    {
        List<string> dns = [], emails = [], ips = [], uris = [];
        var ext = cert.Extensions["2.5.29.17"];
        if (ext is null)
        {
            return (dns, emails, ips, uris);
        }

        try
        {
            var reader = new AsnReader(ext.RawData, AsnEncodingRules.DER).ReadSequence();
            while (reader.HasData)
            {
                var tag = reader.PeekTag();
                if (tag.TagClass != TagClass.ContextSpecific)
                {
                    reader.ReadEncodedValue();
                    continue;
                }

                switch (tag.TagValue)
                {
                    case 1: emails.Add(reader.ReadCharacterString(UniversalTagNumber.IA5String, tag)); break;
                    case 2: dns.Add(reader.ReadCharacterString(UniversalTagNumber.IA5String, tag)); break;
                    case 6: uris.Add(reader.ReadCharacterString(UniversalTagNumber.IA5String, tag)); break;
                    case 7: ips.Add(new System.Net.IPAddress(reader.ReadOctetString(tag)).ToString()); break;
                    default: reader.ReadEncodedValue(); break;
                }
            }
        }
        catch (AsnContentException)
        {
            // Malformed SAN extension: report what was read.
        }
        catch (CryptographicException)
        {
            // Same as above.
        }

        return (dns, emails, ips, uris);
    }
}
