using Azure.Core;

namespace PeerMentor365.Tables;

/// <summary>
/// Options for <see cref="TableClient"/>: Azure.Core's retry (exponential, 3 retries, on 408/429/500/502/503/504),
/// transport and diagnostics.
/// </summary>
public sealed class TableClientOptions : ClientOptions
{
    /// <summary>Creates the default options.</summary>
    public TableClientOptions()
    {
        // Request paths carry partition and row keys, which may be personal; Azure.Core's request log would print them.
        Diagnostics.IsLoggingEnabled = false;
    }
}
