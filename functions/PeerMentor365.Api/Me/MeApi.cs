using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Graph.Models;
using PeerMentor365.Api.Auth;
using PeerMentor365.Api.Graph;
using PeerMentor365.Scheduling;

namespace PeerMentor365.Api.Me;

/// <summary>GET /api/me: the signed-in user with their mailbox time zone (GET /me and /me/mailboxSettings in one $batch).</summary>
internal static class MeApi
{
    public static RouteGroupBuilder MapMe(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/me").WithTags("Me").RequireAuthorization(ApiAuthentication.AccessAsUser);
        group.MapGet("", GetMe).WithName("GetMe");
        return group;
    }

    private static async Task<Ok<MeResponse>> GetMe(
        SignedInUser user, UserGraphClients graphs, GraphBatchSender batches, CancellationToken cancellationToken)
    {
        var graph = graphs.For(user);
        using var result = await batches.SendAsync(
            graph,
            [
                new GraphBatchStep("me", () => graph.Me.ToGetRequestInformation(request =>
                    request.QueryParameters.Select = ["id", "displayName", "mail", "userPrincipalName", "officeLocation"])),
                new GraphBatchStep("mailboxSettings", () => graph.Me.MailboxSettings.ToGetRequestInformation()),
            ],
            cancellationToken);

        if (!result.Succeeded("me"))
        {
            throw new GraphUnavailableException("Microsoft Graph did not return the signed-in user.", StatusCodes.Status502BadGateway, null);
        }

        var me = result.Read("me", User.CreateFromDiscriminatorValue);
        var settings = result.Succeeded("mailboxSettings") ? result.Read("mailboxSettings", MailboxSettings.CreateFromDiscriminatorValue) : null;
        var zone = TimeZoneNames.Resolve(settings?.TimeZone);
        return TypedResults.Ok(new MeResponse(
            Id: me?.Id ?? user.ObjectId ?? string.Empty,
            DisplayName: me?.DisplayName ?? user.Mail,
            Mail: me?.Mail ?? me?.UserPrincipalName ?? user.Mail,
            TimeZone: zone?.Id,
            WindowsTimeZone: zone is null ? settings?.TimeZone : TimeZoneNames.ToWindowsId(zone),
            OfficeLocation: string.IsNullOrWhiteSpace(me?.OfficeLocation) ? null : me.OfficeLocation.Trim()));
    }
}

/// <summary>The signed-in user; the zones are null when the mailbox names none that can be resolved, the office when the directory has none.</summary>
internal sealed record MeResponse(string Id, string DisplayName, string Mail, string? TimeZone, string? WindowsTimeZone, string? OfficeLocation);
