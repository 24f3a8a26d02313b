using System.Globalization;

namespace PeerMentor365.Provisioning;

/// <summary>
/// The Bicep parameters file (.bicepparam) for infra/main.bicep, so the deployment takes the registration's ids without
/// copying: <c>az deployment group create --resource-group rg --parameters infra/&lt;name&gt;.bicepparam</c>.
/// </summary>
internal static class BicepParameters
{
    private const string Marker = "// Written by PeerMentor365's provisioning command";

    public static string Write(string parametersFile, string templateFile, string name, string tenantId, string apiClientId, string apiAudience, string paneOrigin)
    {
        // 'using' is relative to the parameters file, with forward slashes.
        var template = Path.GetRelativePath(Path.GetDirectoryName(Path.GetFullPath(parametersFile))!, Path.GetFullPath(templateFile)).Replace('\\', '/');
        if (!template.StartsWith('.'))
        {
            template = "./" + template;
        }

        return string.Create(CultureInfo.InvariantCulture, $"""
            {Marker} (provision); 'remove' deletes this file.
            using '{Quote(template)}'

            param name = '{Quote(name)}'
            param tenantId = '{Quote(tenantId)}'
            param apiClientId = '{Quote(apiClientId)}'
            param apiAudience = '{Quote(apiAudience)}'
            param paneOrigin = '{Quote(paneOrigin)}'

            """).ReplaceLineEndings("\n");
    }

    public static bool IsOurs(string content) => content.StartsWith(Marker, StringComparison.Ordinal);

    private static string Quote(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal);
}
