using Azure.Identity;
using Microsoft.Graph.Models.ODataErrors;

namespace PeerMentor365.Provisioning;

/// <summary>Turns what Microsoft Graph and the sign-in answer into sentences an admin can act on.</summary>
internal static class GraphErrors
{
    public static async Task<T> Explain<T>(string step, Func<Task<T>> call, string? notFound = null)
    {
        try
        {
            return await call();
        }
        catch (ODataError error) when (error.ResponseStatusCode == 404 && notFound is not null)
        {
            throw new ProvisioningException(notFound, error);
        }
        catch (ODataError error)
        {
            throw new ProvisioningException(Sentence(step, error.ResponseStatusCode, error.Error?.Code, error.Error?.Message), error);
        }
        catch (AuthenticationFailedException error)
        {
            throw new ProvisioningException(
                $"Signing in failed, so the command could not {step}: {FirstLine(error.Message)} Run 'az login' (or follow the device-code prompt) with an account of the tenant, or pass --tenant <tenant id>.", error);
        }
        catch (HttpRequestException error)
        {
            throw new ProvisioningException($"Microsoft Graph could not be reached to {step}: {error.Message} Check the network connection and try again.", error);
        }
    }

    public static string Sentence(string step, int status, string? code, string? message)
    {
        if (status == 403 && step.Contains("consent", StringComparison.OrdinalIgnoreCase))
        {
            return $"Microsoft Graph refused to {step}: granting admin consent to Microsoft Graph permissions for the whole tenant needs the Privileged Role Administrator or Global Administrator role. " +
                   "Sign in with such an account, or ask one to run this command again (it picks up where it stopped).";
        }

        if (status == 403 || string.Equals(code, "Authorization_RequestDenied", StringComparison.Ordinal))
        {
            return $"Microsoft Graph refused to {step} ({code}: {message}): your account lacks the directory role for it. " +
                   "Sign in as a Cloud Application Administrator or Application Administrator (app registration, service principal, role assignments) " +
                   "who is also Privileged Role Administrator (admin consent), or as a Global Administrator; --what-if lists the changes to hand to one.";
        }

        if (message?.Contains("identifierUris", StringComparison.OrdinalIgnoreCase) == true && message.Contains("already exists", StringComparison.OrdinalIgnoreCase))
        {
            return $"Microsoft Graph refused to {step}: another application already uses this application id URI. Remove it from that application, or choose another --host.";
        }

        if (string.Equals(code, "HostNameNotOnVerifiedDomain", StringComparison.Ordinal))
        {
            return $"Microsoft Graph refused to {step}: the tenant accepts application id URIs only on its verified domains ({message}). Verify the pane's domain in Entra ID, or use the Function App's host.";
        }

        if (status == 401)
        {
            return $"Microsoft Graph did not accept the sign-in to {step} ({code}: {message}). Sign in again ('az login', or the device code) and re-run.";
        }

        if (status is 429 or >= 500)
        {
            return $"Microsoft Graph could not {step} just now ({status} {code}). Nothing is lost: run the command again; it continues where it stopped.";
        }

        // Also what Entra answers while a just-created object has not reached every replica yet: a re-run finds what was made.
        return $"Microsoft Graph refused to {step} ({status} {code}: {message}). Run the command again: it keeps what it made and continues from there.";
    }

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();
}
