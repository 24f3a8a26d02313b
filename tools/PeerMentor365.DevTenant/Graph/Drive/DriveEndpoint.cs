using System.Text.Json.Nodes;
using PeerMentor365.DevTenant.Graph.OneNote;
using PeerMentor365.DevTenant.Seed;

namespace PeerMentor365.DevTenant.Graph.Drive;

/// <summary>
/// A user's OneDrive as far as notebooks need it: the root, the Notebooks folder and one folder per notebook, which the
/// owner shares with invites (read or write) and whose permissions anyone with access can list.
/// </summary>
internal sealed class DriveEndpoint(OneNoteStore store, GraphContext context, TimeProvider clock)
{
    private const string RootFolder = "root";
    private const string NotebooksFolder = "Notebooks";

    /// <summary>An item of a user's drive: a fixed folder, or a notebook's folder.</summary>
    private sealed record Item(SeedUser Owner, string Id, string? Fixed, NotebookRecord? Notebook);

    public GraphResponse GetDrive(GraphRequest request, Mailbox owner)
    {
        if (!IsCaller(request, owner.User))
        {
            return AccessDenied(request);
        }

        var user = owner.User;
        return GraphResponse.Ok(new JsonObject
        {
            ["@odata.context"] = context.Metadata("drives/$entity"),
            ["id"] = DriveItemIds.Drive(user),
            ["driveType"] = "business",
            ["name"] = "OneDrive",
            ["webUrl"] = OneDriveAddresses.Documents(user),
            ["owner"] = new JsonObject { ["user"] = UserJson(user) },
        });
    }

    public GraphResponse GetItem(GraphRequest request, Mailbox owner, string itemId)
    {
        JsonObject body;
        lock (store.Gate)
        {
            var (item, error) = Find(request, owner.User, itemId);
            if (item is null)
            {
                return error!;
            }

            body = ItemJson(item);
        }

        body = Selected(request, body);
        body.Insert(0, "@odata.context", context.Metadata($"drives('{DriveItemIds.Drive(owner.User)}')/items/$entity"));
        return GraphResponse.Ok(body);
    }

    public GraphResponse GetShared(GraphRequest request, string token, bool wrapper)
    {
        var url = ShareToken.Decode(token);
        if (url is null)
        {
            return GraphErrors.Create(request, 400, "invalidRequest", "The sharing token is malformed: use u! and the base64url of the URL, without padding.");
        }

        var wanted = NotebooksEndpoint.NormaliseUrl(url);
        JsonObject body;
        lock (store.Gate)
        {
            var notebook = store.Notebooks.FirstOrDefault(n => NotebooksEndpoint.NormaliseUrl(n.WebUrl) == wanted);
            if (notebook is null)
            {
                return ItemNotFound(request);
            }

            if (OneNoteStore.RoleOf(notebook, request.Caller.User.Id) == NotebookRole.None)
            {
                return AccessDenied(request);
            }

            var item = new Item(notebook.Owner, notebook.DriveItemId, null, notebook);
            body = wrapper
                ? new JsonObject
                {
                    ["id"] = token,
                    ["name"] = notebook.DisplayName,
                    ["owner"] = new JsonObject { ["user"] = UserJson(notebook.Owner) },
                }
                : ItemJson(item);
        }

        body = Selected(request, body);
        body.Insert(0, "@odata.context", context.Metadata(wrapper ? "shares/$entity" : $"shares('{token}')/driveItem/$entity"));
        return GraphResponse.Ok(body);
    }

    public GraphResponse ListPermissions(GraphRequest request, Mailbox owner, string itemId)
    {
        var values = new JsonArray();
        lock (store.Gate)
        {
            var (item, error) = Find(request, owner.User, itemId);
            if (item is null)
            {
                return error!;
            }

            values.Add(OwnerPermission(item.Owner));
            foreach (var grant in item.Notebook?.Grants ?? [])
            {
                values.Add(Permission(grant));
            }
        }

        return GraphResponse.Ok(new JsonObject
        {
            ["@odata.context"] = context.Metadata($"drives('{DriveItemIds.Drive(owner.User)}')/items('{itemId}')/permissions"),
            ["value"] = values,
        });
    }

    public GraphResponse DeletePermission(GraphRequest request, Mailbox owner, string itemId, string permissionId)
    {
        lock (store.Gate)
        {
            var (item, error) = Find(request, owner.User, itemId);
            if (item is null)
            {
                return error!;
            }

            if (!IsCaller(request, item.Owner))
            {
                return AccessDenied(request);
            }

            var removed = item.Notebook?.Grants.RemoveAll(g => g.Id == permissionId) ?? 0;
            return removed == 0 ? ItemNotFound(request) : GraphResponse.Empty();
        }
    }

    public GraphResponse Invite(GraphRequest request, Mailbox owner, string itemId)
    {
        if (request.Body is not JsonObject body)
        {
            return InvalidRequest(request, "The request body must be an invite: {\"recipients\": [{\"email\": ...}], \"roles\": [\"write\"], ...}.");
        }

        var roles = new List<string>();
        if (!JsonParameters.TryGet(body, "roles", out var rolesNode) || rolesNode is not JsonArray roleArray || roleArray.Count == 0)
        {
            return InvalidRequest(request, "roles must name at least one of read, write.");
        }

        foreach (var role in roleArray)
        {
            var text = JsonParameters.String(role)?.ToLowerInvariant();
            if (text is not ("read" or "write"))
            {
                return InvalidRequest(request, "roles must name at least one of read, write.");
            }

            if (!roles.Contains(text))
            {
                roles.Add(text);
            }
        }

        if (!JsonParameters.TryGet(body, "recipients", out var recipientsNode) || recipientsNode is not JsonArray recipients || recipients.Count == 0)
        {
            return InvalidRequest(request, "recipients must hold at least one driveRecipient.");
        }

        var invited = new List<(SeedUser User, string Email)>();
        foreach (var recipient in recipients)
        {
            if (recipient is not JsonObject recipientObject)
            {
                return InvalidRequest(request, "Every recipient must be a driveRecipient object.");
            }

            JsonParameters.TryGet(recipientObject, "email", out var emailNode);
            JsonParameters.TryGet(recipientObject, "objectId", out var objectNode);
            JsonParameters.TryGet(recipientObject, "alias", out var aliasNode);
            var key = JsonParameters.String(emailNode) ?? JsonParameters.String(objectNode) ?? JsonParameters.String(aliasNode);
            var user = key is null ? null : context.Seed.Find(key)?.User;
            if (user is null)
            {
                // As SharePoint answers an invite whose recipient it cannot resolve; the message does not repeat the address.
                return InvalidRequest(request, "The request is malformed or incorrect: one or more recipients could not be resolved.");
            }

            invited.Add((user, JsonParameters.String(emailNode) ?? user.Mail));
        }

        var requireSignIn = JsonParameters.TryGet(body, "requireSignIn", out var signInNode) && signInNode is JsonValue signIn && signIn.TryGetValue<bool>(out var flag) && flag;
        var hasPassword = JsonParameters.TryGet(body, "password", out var passwordNode) && JsonParameters.String(passwordNode) is { Length: > 0 };
        var expiration = JsonParameters.TryGet(body, "expirationDateTime", out var expirationNode) ? JsonParameters.String(expirationNode) : null;
        if (expiration is not null && !DateTimeOffset.TryParse(expiration, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out _))
        {
            return InvalidRequest(request, "expirationDateTime is not a date and time.");
        }

        var values = new JsonArray();
        lock (store.Gate)
        {
            var (item, error) = Find(request, owner.User, itemId);
            if (item is null)
            {
                return error!;
            }

            if (!IsCaller(request, item.Owner))
            {
                return AccessDenied(request);
            }

            if (item.Notebook is null)
            {
                return InvalidRequest(request, "The dev tenant shares notebook folders only.");
            }

            foreach (var (user, email) in invited)
            {
                if (string.Equals(user.Id, item.Owner.Id, StringComparison.OrdinalIgnoreCase))
                {
                    values.Add(OwnerPermission(item.Owner));
                    continue;
                }

                var grant = item.Notebook.Grants.FirstOrDefault(g => g.User.Id == user.Id);
                if (grant is null)
                {
                    grant = new GrantRecord { Id = Guid.NewGuid().ToString("D").ToUpperInvariant(), User = user, Roles = roles, InvitedEmail = email };
                    item.Notebook.Grants.Add(grant);
                }

                grant.Roles = [.. roles];
                grant.SignInRequired = requireSignIn;
                grant.HasPassword = hasPassword;
                grant.ExpirationDateTime = expiration;
                values.Add(Permission(grant));
            }

            item.Notebook.ModifiedAt = clock.GetUtcNow();
        }

        return GraphResponse.Ok(new JsonObject
        {
            ["@odata.context"] = context.Metadata("Collection(microsoft.graph.permission)"),
            ["value"] = values,
        });
    }

    /// <summary>The item if it is in the user's drive and the caller may see it (the owner sees all; a grantee sees the shared folder).</summary>
    private (Item? Item, GraphResponse? Error) Find(GraphRequest request, SeedUser driveOwner, string itemId)
    {
        Item? item = null;
        if (string.Equals(itemId, RootFolder, StringComparison.OrdinalIgnoreCase) || itemId == DriveItemIds.Fixed(driveOwner, RootFolder))
        {
            item = new Item(driveOwner, DriveItemIds.Fixed(driveOwner, RootFolder), RootFolder, null);
        }
        else if (itemId == DriveItemIds.Fixed(driveOwner, NotebooksFolder))
        {
            item = new Item(driveOwner, itemId, NotebooksFolder, null);
        }
        else if (store.NotebookByDriveItem(itemId) is { } notebook && notebook.Owner.Id == driveOwner.Id)
        {
            item = new Item(driveOwner, notebook.DriveItemId, null, notebook);
        }

        if (item is null)
        {
            return (null, ItemNotFound(request));
        }

        var visible = IsCaller(request, driveOwner)
            || (item.Notebook is not null && OneNoteStore.RoleOf(item.Notebook, request.Caller.User.Id) != NotebookRole.None);
        return visible ? (item, null) : (null, AccessDenied(request));
    }

    private JsonObject ItemJson(Item item)
    {
        var owner = item.Owner;
        var driveId = DriveItemIds.Drive(owner);
        var notebook = item.Notebook;
        var name = notebook?.DisplayName ?? (item.Fixed == RootFolder ? "root" : NotebooksFolder);
        var webUrl = notebook?.WebUrl ?? (item.Fixed == RootFolder ? OneDriveAddresses.Documents(owner) : OneDriveAddresses.NotebooksFolder(owner));
        var created = notebook?.CreatedAt ?? DateTimeOffset.UnixEpoch;
        var modified = notebook?.ModifiedAt ?? store.OwnedBy(owner.Id).Select(n => n.ModifiedAt).DefaultIfEmpty(DateTimeOffset.UnixEpoch).Max();
        var childCount = notebook is not null ? notebook.Sections.Count : item.Fixed == RootFolder ? 1 : store.OwnedBy(owner.Id).Count();
        var json = new JsonObject
        {
            ["id"] = item.Id,
            ["name"] = name,
            ["webUrl"] = webUrl,
            ["createdDateTime"] = OneNoteJson.Time(created),
            ["lastModifiedDateTime"] = OneNoteJson.Time(modified),
            ["size"] = 0,
            ["createdBy"] = new JsonObject { ["user"] = UserJson(owner) },
            ["lastModifiedBy"] = new JsonObject { ["user"] = UserJson(owner) },
            ["fileSystemInfo"] = new JsonObject { ["createdDateTime"] = OneNoteJson.Time(created), ["lastModifiedDateTime"] = OneNoteJson.Time(modified) },
            ["folder"] = new JsonObject { ["childCount"] = childCount },
        };
        if (item.Fixed == RootFolder)
        {
            json["root"] = new JsonObject();
            json["parentReference"] = new JsonObject { ["driveType"] = "business", ["driveId"] = driveId };
        }
        else
        {
            var parentId = DriveItemIds.Fixed(owner, notebook is null ? RootFolder : NotebooksFolder);
            json["parentReference"] = new JsonObject
            {
                ["driveType"] = "business",
                ["driveId"] = driveId,
                ["id"] = parentId,
                ["name"] = notebook is null ? "Documents" : NotebooksFolder,
                ["path"] = notebook is null ? $"/drives/{driveId}/root:" : $"/drives/{driveId}/root:/{NotebooksFolder}",
            };
        }

        if (notebook is not null)
        {
            json["package"] = new JsonObject { ["type"] = "oneNote" };
            if (notebook.Grants.Count > 0)
            {
                json["shared"] = new JsonObject { ["scope"] = "users", ["owner"] = new JsonObject { ["user"] = UserJson(owner) } };
            }
        }

        return json;
    }

    /// <summary>The item with only the properties named in $select (all when there is none).</summary>
    private static JsonObject Selected(GraphRequest request, JsonObject item) =>
        request.Option("select") is { Length: > 0 } select
            ? OneNoteQuery.Select(item, select.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            : item;

    private static JsonObject OwnerPermission(SeedUser owner) => new()
    {
        ["@deprecated.GrantedTo"] = "GrantedTo has been deprecated. Refer to GrantedToV2",
        ["id"] = "aTowIy5mfG1lbWJlcnNoaXB8" + owner.Mail.ToLowerInvariant().Replace("@", "_", StringComparison.Ordinal),
        ["roles"] = new JsonArray("owner"),
        ["grantedTo"] = new JsonObject { ["user"] = UserJson(owner) },
        ["grantedToV2"] = new JsonObject { ["user"] = UserJson(owner), ["siteUser"] = SiteUser(owner) },
        ["hasPassword"] = false,
    };

    private static JsonObject Permission(GrantRecord grant)
    {
        var json = new JsonObject
        {
            ["@deprecated.GrantedTo"] = "GrantedTo has been deprecated. Refer to GrantedToV2",
            ["id"] = grant.Id,
            ["roles"] = new JsonArray([.. grant.Roles.Select(r => (JsonNode?)r)]),
            ["grantedTo"] = new JsonObject { ["user"] = UserJson(grant.User) },
            ["grantedToV2"] = new JsonObject { ["user"] = UserJson(grant.User), ["siteUser"] = SiteUser(grant.User) },
            ["hasPassword"] = grant.HasPassword,
            ["invitation"] = new JsonObject { ["email"] = grant.InvitedEmail, ["signInRequired"] = grant.SignInRequired },
        };
        if (grant.ExpirationDateTime is not null)
        {
            json["expirationDateTime"] = grant.ExpirationDateTime;
        }

        return json;
    }

    private static JsonObject UserJson(SeedUser user) => new() { ["id"] = user.Id, ["displayName"] = user.DisplayName, ["email"] = user.Mail };

    private static JsonObject SiteUser(SeedUser user) => new()
    {
        ["id"] = (user.Id.Aggregate(0, (hash, c) => ((hash * 31) + c) % 997) + 10).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["displayName"] = user.DisplayName,
        ["loginName"] = "i:0#.f|membership|" + user.Mail.ToLowerInvariant(),
    };

    private static bool IsCaller(GraphRequest request, SeedUser user) =>
        string.Equals(request.Caller.User.Id, user.Id, StringComparison.OrdinalIgnoreCase);

    public static GraphResponse ItemNotFound(GraphRequest request) =>
        GraphErrors.Create(request, 404, "itemNotFound", "The resource could not be found.");

    public static GraphResponse AccessDenied(GraphRequest request) =>
        GraphErrors.Create(request, 403, "accessDenied", "Access denied");

    private static GraphResponse InvalidRequest(GraphRequest request, string message) =>
        GraphErrors.Create(request, 400, "invalidRequest", message);
}
