using PeerMentor365.Api.Concurrency;

namespace PeerMentor365.Api.Pairs;

/// <summary>
/// The pair named by the route's {pairId}, as the signed-in member sees it: resolved once by
/// <see cref="MemberPairRoutes.MapMemberPair"/>'s filter before any handler under it runs.
/// </summary>
internal sealed record MemberPair(string Me, Versioned<Pair> Stored)
{
    private static readonly object ItemKey = new();

    /// <summary>The pair the filter put on this request; only for handlers mapped under <see cref="MemberPairRoutes.MapMemberPair"/>.</summary>
    public static MemberPair Of(HttpContext http) =>
        http.Items.TryGetValue(ItemKey, out var found) && found is MemberPair pair
            ? pair
            : throw new InvalidOperationException("This handler needs a route mapped under MapMemberPair.");

    internal void Attach(HttpContext http) => http.Items[ItemKey] = this;
}

internal static class MemberPairRoutes
{
    public const string PairIdRouteValue = "pairId";

    /// <summary>
    /// /{pairId} under a pairs group: a caller without a usable oid gets 403, and a pair that is unknown or not
    /// theirs gets 404, before the handler runs; the handler reads the pair with <see cref="MemberPair.Of"/>.
    /// </summary>
    public static RouteGroupBuilder MapMemberPair(this RouteGroupBuilder pairs)
    {
        var group = pairs.MapGroup($"/{{{PairIdRouteValue}}}");
        group.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (!PairAccess.TryGetUserId(http.User.FindFirst(Auth.SignedInUser.ObjectIdClaim)?.Value, out var me))
            {
                return PairAccess.NoObjectId();
            }

            var pairId = http.Request.RouteValues[PairIdRouteValue] as string ?? string.Empty;
            var stored = await http.RequestServices.GetRequiredService<PairStore>().FindForMemberAsync(pairId, me, http.RequestAborted);
            if (stored is null)
            {
                return PairAccess.PairNotFound();
            }

            new MemberPair(me, stored).Attach(http);
            return await next(context);
        });
        return group;
    }
}
