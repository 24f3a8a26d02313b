namespace PeerMentor365.Tables;

/// <summary>The parts of a storage connection string a Shared Key table client needs.</summary>
internal sealed record TableConnectionString(Uri TableEndpoint, string AccountName, byte[] AccountKey)
{
    /// <summary>Azurite's well-known account; public, documented, and only ever valid against the emulator.</summary>
    public const string DevelopmentAccountName = "devstoreaccount1";

    public const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public static TableConnectionString Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new FormatException("The connection string is not a list of Name=Value settings separated by ';'.");
            }

            settings[part[..equals].Trim()] = part[(equals + 1)..].Trim();
        }

        if (settings.TryGetValue("UseDevelopmentStorage", out var development) && development.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            return new TableConnectionString(
                new Uri($"http://127.0.0.1:10002/{DevelopmentAccountName}"), DevelopmentAccountName, Convert.FromBase64String(DevelopmentAccountKey));
        }

        if (!settings.TryGetValue("AccountName", out var account) || account.Length == 0)
        {
            throw new FormatException("The connection string has no AccountName.");
        }

        if (!settings.TryGetValue("AccountKey", out var key) || key.Length == 0)
        {
            throw new FormatException("The connection string has no AccountKey; this client signs with Shared Key (or use the TokenCredential constructor).");
        }

        byte[] keyBytes;
        try
        {
            keyBytes = Convert.FromBase64String(key);
        }
        catch (FormatException)
        {
            throw new FormatException("The connection string's AccountKey is not base64.");
        }

        Uri endpoint;
        if (settings.TryGetValue("TableEndpoint", out var tableEndpoint) && tableEndpoint.Length > 0)
        {
            if (!Uri.TryCreate(tableEndpoint, UriKind.Absolute, out endpoint!))
            {
                throw new FormatException("The connection string's TableEndpoint is not an absolute URL.");
            }
        }
        else
        {
            var protocol = settings.GetValueOrDefault("DefaultEndpointsProtocol", "https");
            var suffix = settings.GetValueOrDefault("EndpointSuffix", "core.windows.net");
            endpoint = new Uri($"{protocol}://{account}.table.{suffix}");
        }

        return new TableConnectionString(endpoint, account, keyBytes);
    }
}
