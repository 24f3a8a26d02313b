using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using PeerMentor365.DevTenant.Graph.Users;

namespace PeerMentor365.DevTenant.Graph.AppRegistrations;

/// <summary>
/// Graph's directory routes for app registrations: /applications (and their federatedIdentityCredentials),
/// /servicePrincipals (and appRoleAssignedTo), /oauth2PermissionGrants, /groups/{id}/members and /organization, in the
/// shapes of the Graph v1.0 reference. Reads are open to every signed-in user (Entra's default user permissions);
/// writes need a directory role (<see cref="DirectoryRoles"/>), else 403 Authorization_RequestDenied.
/// </summary>
internal sealed class DirectoryRoutes(GraphContext context, DirectoryStore store, TimeProvider clock)
{
    public GraphRoute? Match(GraphRequest request, string[] segments)
    {
        var root = segments[0];
        Func<GraphResponse>? handler = root.ToUpperInvariant() switch
        {
            "APPLICATIONS" => Applications(request, segments[1..]),
            "SERVICEPRINCIPALS" => ServicePrincipals(request, segments[1..]),
            "OAUTH2PERMISSIONGRANTS" => Grants(request, segments[1..]),
            "GROUPS" => Groups(request, segments[1..]),
            "ORGANIZATION" => segments.Length == 1 ? Method(request, "GET", () => Organization(request)) : NotFound(request, segments[^1]),
            _ => null,
        };
        return handler is null ? null : new GraphRoute(() => Run(request, handler), null);
    }

    private GraphResponse Run(GraphRequest request, Func<GraphResponse> handler)
    {
        var writes = !string.Equals(request.Method, "GET", StringComparison.OrdinalIgnoreCase);
        if (writes && !DirectoryRoles.MayWrite(request.Caller.User))
        {
            return GraphErrors.Create(request, StatusCodes.Status403Forbidden, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
        }

        if (writes && !string.Equals(request.Method, "DELETE", StringComparison.OrdinalIgnoreCase) && request.Body is not JsonObject)
        {
            return GraphErrors.Create(request, StatusCodes.Status400BadRequest, "Request_BadRequest",
                request.BodyError ?? "The request body must be a JSON object.");
        }

        lock (store.Lock)
        {
            return handler();
        }
    }

    // ---- /applications ----

    private Func<GraphResponse> Applications(GraphRequest request, string[] path) => path.Length switch
    {
        0 => Methods(request, ("GET", () => List(request, store.Applications.Values, "applications")), ("POST", () => CreateApplication(request))),
        1 => Methods(request,
            ("GET", () => WithApplication(request, path[0], app => GraphResponse.Ok(Entity(app, "applications/$entity")))),
            ("PATCH", () => WithApplication(request, path[0], app => UpdateApplication(request, app))),
            ("DELETE", () => WithApplication(request, path[0], app => DeleteApplication(app)))),
        2 when Is(path[1], "federatedIdentityCredentials") => Methods(request,
            ("GET", () => WithApplication(request, path[0], app => List(request, store.Credentials[Id(app)], $"applications('{Id(app)}')/federatedIdentityCredentials"))),
            ("POST", () => WithApplication(request, path[0], app => CreateCredential(request, app)))),
        3 when Is(path[1], "federatedIdentityCredentials") => Methods(request,
            ("GET", () => WithCredential(request, path[0], path[2], (app, fic) => GraphResponse.Ok(Entity(fic, $"applications('{Id(app)}')/federatedIdentityCredentials/$entity")))),
            ("PATCH", () => WithCredential(request, path[0], path[2], (_, fic) => UpdateCredential(request, fic))),
            ("DELETE", () => WithCredential(request, path[0], path[2], (app, fic) =>
            {
                store.Credentials[Id(app)].Remove(fic);
                return GraphResponse.Empty();
            }))),
        _ => NotFound(request, path[^1]),
    };

    private GraphResponse CreateApplication(GraphRequest request)
    {
        var body = (JsonObject)request.Body!;
        if (Text(body, "displayName") is not { Length: > 0 })
        {
            return BadRequest(request, "Property displayName is required for creating an application.");
        }

        var id = Guid.NewGuid().ToString();
        var app = new JsonObject
        {
            ["id"] = id,
            ["deletedDateTime"] = null,
            ["isFallbackPublicClient"] = null,
            ["appId"] = Guid.NewGuid().ToString(),
            ["applicationTemplateId"] = null,
            ["identifierUris"] = new JsonArray(),
            ["createdDateTime"] = Now(),
            ["description"] = null,
            ["displayName"] = null,
            ["isDeviceOnlyAuthSupported"] = null,
            ["groupMembershipClaims"] = null,
            ["notes"] = null,
            ["optionalClaims"] = null,
            ["addIns"] = new JsonArray(),
            ["publisherDomain"] = "contoso.dev",
            ["samlMetadataUrl"] = null,
            ["signInAudience"] = "AzureADandPersonalMicrosoftAccount",
            ["tags"] = new JsonArray(),
            ["tokenEncryptionKeyId"] = null,
            ["api"] = new JsonObject
            {
                ["requestedAccessTokenVersion"] = 2,
                ["acceptMappedClaims"] = null,
                ["knownClientApplications"] = new JsonArray(),
                ["oauth2PermissionScopes"] = new JsonArray(),
                ["preAuthorizedApplications"] = new JsonArray(),
            },
            ["appRoles"] = new JsonArray(),
            ["publicClient"] = new JsonObject { ["redirectUris"] = new JsonArray() },
            ["info"] = new JsonObject { ["termsOfServiceUrl"] = null, ["supportUrl"] = null, ["privacyStatementUrl"] = null, ["marketingUrl"] = null, ["logoUrl"] = null },
            ["keyCredentials"] = new JsonArray(),
            ["parentalControlSettings"] = new JsonObject { ["countriesBlockedForMinors"] = new JsonArray(), ["legalAgeGroupRule"] = "Allow" },
            ["passwordCredentials"] = new JsonArray(),
            ["requiredResourceAccess"] = new JsonArray(),
            ["spa"] = new JsonObject { ["redirectUris"] = new JsonArray() },
            ["web"] = new JsonObject
            {
                ["redirectUris"] = new JsonArray(),
                ["homePageUrl"] = null,
                ["logoutUrl"] = null,
                ["implicitGrantSettings"] = new JsonObject { ["enableIdTokenIssuance"] = false, ["enableAccessTokenIssuance"] = false },
            },
        };
        if (Merge(request, app, body, ["id", "appId", "createdDateTime", "publisherDomain"]) is { } error)
        {
            return error;
        }

        store.Applications[id] = app;
        store.Credentials[id] = [];
        return Created(Entity(app, "applications/$entity"), $"applications/{id}");
    }

    private GraphResponse UpdateApplication(GraphRequest request, JsonObject app)
    {
        var updated = app.DeepClone().AsObject();
        if (Merge(request, updated, (JsonObject)request.Body!, ["id", "appId", "createdDateTime", "publisherDomain"]) is { } error)
        {
            return error;
        }

        store.Applications[Id(app)] = updated;
        if (store.ServicePrincipalOf(Text(app, "appId")!) is { } sp)
        {
            Mirror(updated, sp);
        }

        return GraphResponse.Empty();
    }

    private GraphResponse DeleteApplication(JsonObject app)
    {
        // Deleting an app registration deletes its service principal in the home tenant too.
        if (store.ServicePrincipalOf(Text(app, "appId")!) is { } sp)
        {
            store.DeleteServicePrincipal(Id(sp));
        }

        store.Applications.Remove(Id(app));
        store.Credentials.Remove(Id(app));
        return GraphResponse.Empty();
    }

    /// <summary>Applies a create or update body; checks what Entra checks for the properties we use. Null when it is valid.</summary>
    private GraphResponse? Merge(GraphRequest request, JsonObject target, JsonObject body, string[] readOnly)
    {
        foreach (var (name, value) in body)
        {
            if (readOnly.Contains(name, StringComparer.OrdinalIgnoreCase) && !string.Equals(name, "id", StringComparison.Ordinal))
            {
                return BadRequest(request, $"Property '{name}' is read-only and cannot be set.");
            }

            if (name.StartsWith('@') || string.Equals(name, "id", StringComparison.Ordinal))
            {
                continue;
            }

            var key = target.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Key ?? name;
            target[key] = value is JsonObject obj && target[key] is JsonObject existing ? MergeObjects(existing, obj) : value?.DeepClone();
        }

        var uris = Strings(target["identifierUris"]);
        foreach (var uri in uris)
        {
            if (store.Applications.Values.Any(other => Id(other) != Id(target) && Strings(other["identifierUris"]).Contains(uri, StringComparer.OrdinalIgnoreCase)))
            {
                return BadRequest(request, "Another object with the same value for property identifierUris already exists.");
            }
        }

        var scopeIds = (target["api"]?["oauth2PermissionScopes"] as JsonArray ?? []).Select(s => Text(s, "id")).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var preAuthorized in target["api"]?["preAuthorizedApplications"] as JsonArray ?? [])
        {
            if (Strings(preAuthorized?["delegatedPermissionIds"]).Any(p => !scopeIds.Contains(p)))
            {
                return BadRequest(request, "Property api.preAuthorizedApplications.delegatedPermissionIds references a permission that the application does not define.");
            }
        }

        return null;
    }

    private static JsonObject MergeObjects(JsonObject existing, JsonObject patch)
    {
        var merged = existing.DeepClone().AsObject();
        foreach (var (name, value) in patch)
        {
            merged[name] = value is JsonObject obj && merged[name] is JsonObject inner ? MergeObjects(inner, obj) : value?.DeepClone();
        }

        return merged;
    }

    private GraphResponse CreateCredential(GraphRequest request, JsonObject app)
    {
        var body = (JsonObject)request.Body!;
        var credentials = store.Credentials[Id(app)];
        var (name, issuer, subject) = (Text(body, "name"), Text(body, "issuer"), Text(body, "subject"));
        var audiences = Strings(body["audiences"]);
        if (name is not { Length: > 0 and <= 120 } || issuer is not { Length: > 0 } || subject is not { Length: > 0 } || audiences.Count != 1)
        {
            return BadRequest(request, "A federated identity credential needs name (at most 120 characters), issuer, subject and exactly one audience.");
        }

        if (credentials.Any(c => string.Equals(Text(c, "name"), name, StringComparison.OrdinalIgnoreCase)))
        {
            return Conflict(request, $"FederatedIdentityCredential with name {name} already exists.");
        }

        if (credentials.Any(c => Text(c, "issuer") == issuer && Text(c, "subject") == subject))
        {
            return Conflict(request, "A federated identity credential with this issuer and subject already exists on the application.");
        }

        if (credentials.Count >= 20)
        {
            return BadRequest(request, "An application can have at most 20 federated identity credentials.");
        }

        var id = Guid.NewGuid().ToString();
        var credential = new JsonObject
        {
            ["id"] = id,
            ["name"] = name,
            ["issuer"] = issuer,
            ["subject"] = subject,
            ["description"] = Text(body, "description"),
            ["audiences"] = new JsonArray(audiences[0]),
        };
        credentials.Add(credential);
        var created = Entity(credential, $"applications('{Id(app)}')/federatedIdentityCredentials/$entity");
        created["@odata.id"] = $"{context.GraphBaseUrl}/{store.TenantId}/directoryObjects/$/Microsoft.DirectoryServices.Application('{Id(app)}')/federatedIdentityCredentials/{id}";
        return Created(created, $"applications/{Id(app)}/federatedIdentityCredentials/{id}");
    }

    private static GraphResponse UpdateCredential(GraphRequest request, JsonObject credential)
    {
        foreach (var (name, value) in (JsonObject)request.Body!)
        {
            if (name is "issuer" or "subject" or "audiences" or "description")
            {
                credential[name] = value?.DeepClone();
            }
            else if (name is "name" && Text(credential, "name") != value?.GetValue<string>())
            {
                return BadRequest(request, "The name of a federated identity credential cannot be changed.");
            }
        }

        return GraphResponse.Empty();
    }

    // ---- /servicePrincipals ----

    private Func<GraphResponse> ServicePrincipals(GraphRequest request, string[] path) => path.Length switch
    {
        0 => Methods(request, ("GET", () => List(request, store.ServicePrincipals.Values, "servicePrincipals")), ("POST", () => CreateServicePrincipal(request))),
        1 => Methods(request,
            ("GET", () => WithServicePrincipal(request, path[0], sp => GraphResponse.Ok(Entity(sp, "servicePrincipals/$entity")))),
            ("DELETE", () => WithServicePrincipal(request, path[0], sp =>
            {
                store.DeleteServicePrincipal(Id(sp));
                return GraphResponse.Empty();
            }))),
        2 when Is(path[1], "appRoleAssignedTo") => Methods(request,
            ("GET", () => WithServicePrincipal(request, path[0], sp => List(request,
                store.Assignments.Values.Where(a => Text(a, "resourceId") == Id(sp)), $"servicePrincipals('{Id(sp)}')/appRoleAssignedTo"))),
            ("POST", () => WithServicePrincipal(request, path[0], sp => CreateAssignment(request, sp)))),
        3 when Is(path[1], "appRoleAssignedTo") => Methods(request,
            ("DELETE", () => WithServicePrincipal(request, path[0], sp =>
                store.Assignments.TryGetValue(path[2], out var assignment) && Text(assignment, "resourceId") == Id(sp) && store.Assignments.Remove(path[2])
                    ? GraphResponse.Empty()
                    : ResourceNotFound(request, path[2])))),
        _ => NotFound(request, path[^1]),
    };

    private GraphResponse CreateServicePrincipal(GraphRequest request)
    {
        var body = (JsonObject)request.Body!;
        var appId = Text(body, "appId");
        if (appId is null)
        {
            return BadRequest(request, "Property appId is required for creating a service principal.");
        }

        var app = store.Applications.Values.FirstOrDefault(a => string.Equals(Text(a, "appId"), appId, StringComparison.OrdinalIgnoreCase));
        if (app is null)
        {
            return BadRequest(request, $"The appId '{appId}' of the service principal does not reference a valid application object.");
        }

        if (store.ServicePrincipalOf(appId) is not null)
        {
            return Conflict(request, "The service principal cannot be created, updated, or restored because the service principal name is already in use.",
                "Request_MultipleObjectsWithSameKeyValue");
        }

        var id = Guid.NewGuid().ToString();
        var sp = new JsonObject
        {
            ["id"] = id,
            ["deletedDateTime"] = null,
            ["accountEnabled"] = true,
            ["appId"] = appId,
            ["appOwnerOrganizationId"] = store.TenantId,
            ["appRoleAssignmentRequired"] = false,
            ["homepage"] = null,
            ["logoutUrl"] = null,
            ["notes"] = null,
            ["publisherName"] = "Contoso",
            ["replyUrls"] = new JsonArray(),
            ["servicePrincipalType"] = "Application",
            ["tags"] = new JsonArray(),
            ["addIns"] = new JsonArray(),
            ["info"] = new JsonObject { ["termsOfServiceUrl"] = null, ["supportUrl"] = null, ["privacyStatementUrl"] = null, ["marketingUrl"] = null, ["logoUrl"] = null },
            ["keyCredentials"] = new JsonArray(),
            ["passwordCredentials"] = new JsonArray(),
        };
        foreach (var (name, value) in body)
        {
            if (name is "tags" or "notes" or "appRoleAssignmentRequired" or "accountEnabled")
            {
                sp[name] = value?.DeepClone();
            }
        }

        Mirror(app, sp);
        store.ServicePrincipals[id] = sp;
        return Created(Entity(sp, "servicePrincipals/$entity"), $"servicePrincipals/{id}");
    }

    /// <summary>What a service principal takes from its application, kept in step as Entra does.</summary>
    private static void Mirror(JsonObject app, JsonObject sp)
    {
        sp["appDisplayName"] = Text(app, "displayName");
        sp["displayName"] = Text(app, "displayName");
        sp["appRoles"] = app["appRoles"]?.DeepClone() ?? new JsonArray();
        sp["oauth2PermissionScopes"] = app["api"]?["oauth2PermissionScopes"]?.DeepClone() ?? new JsonArray();
        sp["servicePrincipalNames"] = new JsonArray([JsonValue.Create(Text(app, "appId")), .. Strings(app["identifierUris"]).Select(u => JsonValue.Create(u))]);
    }

    private GraphResponse CreateAssignment(GraphRequest request, JsonObject sp)
    {
        var body = (JsonObject)request.Body!;
        var (principalId, resourceId, appRoleId) = (Text(body, "principalId"), Text(body, "resourceId"), Text(body, "appRoleId"));
        if (!string.Equals(resourceId, Id(sp), StringComparison.OrdinalIgnoreCase))
        {
            return BadRequest(request, "resourceId must be the id of the service principal the role is assigned on.");
        }

        var roles = (sp["appRoles"] as JsonArray ?? []).Select(r => Text(r, "id")).Append(Guid.Empty.ToString());
        if (appRoleId is null || !roles.Contains(appRoleId, StringComparer.OrdinalIgnoreCase))
        {
            return BadRequest(request, "Permission being assigned was not found on application");
        }

        var (principalType, principalName) = Principal(principalId);
        if (principalType is null)
        {
            return BadRequest(request, $"Invalid principalId '{principalId}': no user, group or service principal has that id.");
        }

        if (store.Assignments.Values.Any(a => Text(a, "resourceId") == Id(sp) && Text(a, "principalId") == principalId && Text(a, "appRoleId") == appRoleId))
        {
            return BadRequest(request, "Permission being assigned already exists on the object");
        }

        var id = Convert.ToBase64String(Guid.NewGuid().ToByteArray().Concat(Guid.NewGuid().ToByteArray()[..8]).ToArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var assignment = new JsonObject
        {
            ["id"] = id,
            ["deletedDateTime"] = null,
            ["appRoleId"] = appRoleId,
            ["createdDateTime"] = Now(),
            ["principalDisplayName"] = principalName,
            ["principalId"] = principalId,
            ["principalType"] = principalType,
            ["resourceDisplayName"] = Text(sp, "displayName"),
            ["resourceId"] = Id(sp),
        };
        store.Assignments[id] = assignment;
        return Created(Entity(assignment, $"servicePrincipals('{Id(sp)}')/appRoleAssignedTo/$entity"), $"servicePrincipals/{Id(sp)}/appRoleAssignedTo/{id}");
    }

    private (string? Type, string? Name) Principal(string? id)
    {
        if (id is null)
        {
            return (null, null);
        }

        if (context.Seed.Mailboxes.FirstOrDefault(m => string.Equals(m.User.Id, id, StringComparison.OrdinalIgnoreCase)) is { } mailbox)
        {
            return ("User", mailbox.User.DisplayName);
        }

        if (store.Groups.TryGetValue(id, out var group))
        {
            return ("Group", group.DisplayName);
        }

        return store.ServicePrincipals.TryGetValue(id, out var sp) ? ("ServicePrincipal", Text(sp, "displayName")) : (null, null);
    }

    // ---- /oauth2PermissionGrants ----

    private Func<GraphResponse> Grants(GraphRequest request, string[] path) => path.Length switch
    {
        0 => Methods(request, ("GET", () => List(request, store.Grants.Values, "oauth2PermissionGrants")), ("POST", () => CreateGrant(request))),
        1 => Methods(request,
            ("GET", () => WithGrant(request, path[0], grant => GraphResponse.Ok(Entity(grant, "oauth2PermissionGrants/$entity")))),
            ("PATCH", () => WithGrant(request, path[0], grant => UpdateGrant(request, grant))),
            ("DELETE", () => WithGrant(request, path[0], grant =>
            {
                store.Grants.Remove(Id(grant));
                return GraphResponse.Empty();
            }))),
        _ => NotFound(request, path[^1]),
    };

    private GraphResponse CreateGrant(GraphRequest request)
    {
        var body = (JsonObject)request.Body!;
        var (clientId, resourceId, consentType, principalId, scope) =
            (Text(body, "clientId"), Text(body, "resourceId"), Text(body, "consentType"), Text(body, "principalId"), Text(body, "scope"));
        if (clientId is null || !store.ServicePrincipals.ContainsKey(clientId) || resourceId is null || !store.ServicePrincipals.TryGetValue(resourceId, out var resource))
        {
            return BadRequest(request, "clientId and resourceId must be ids of service principals in the tenant.");
        }

        if (consentType is not ("AllPrincipals" or "Principal") || (consentType == "AllPrincipals") != (principalId is null))
        {
            return BadRequest(request, "consentType must be AllPrincipals (without principalId) or Principal (with principalId).");
        }

        if (ScopeError(request, resource, scope) is { } scopeError)
        {
            return scopeError;
        }

        if (store.Grants.Values.Any(g => Text(g, "clientId") == clientId && Text(g, "resourceId") == resourceId
            && Text(g, "consentType") == consentType && Text(g, "principalId") == principalId))
        {
            return Conflict(request, "Permission entry already exists.", "Request_MultipleObjectsWithSameKeyValue");
        }

        // Entra's grant ids are opaque base64url strings.
        var id = Convert.ToBase64String(Guid.NewGuid().ToByteArray().Concat(Guid.NewGuid().ToByteArray()).ToArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var grant = new JsonObject
        {
            ["id"] = id,
            ["clientId"] = clientId,
            ["consentType"] = consentType,
            ["principalId"] = principalId,
            ["resourceId"] = resourceId,
            ["scope"] = scope,
        };
        store.Grants[id] = grant;
        return Created(Entity(grant, "oauth2PermissionGrants/$entity"), $"oauth2PermissionGrants/{id}");
    }

    private GraphResponse UpdateGrant(GraphRequest request, JsonObject grant)
    {
        var body = (JsonObject)request.Body!;
        if (body.Any(p => p.Key != "scope"))
        {
            return BadRequest(request, "Only scope can be updated on a delegated permission grant.");
        }

        var scope = Text(body, "scope");
        if (ScopeError(request, store.ServicePrincipals[Text(grant, "resourceId")!], scope) is { } error)
        {
            return error;
        }

        grant["scope"] = scope;
        return GraphResponse.Empty();
    }

    private static GraphResponse? ScopeError(GraphRequest request, JsonObject resource, string? scope)
    {
        var published = (resource["oauth2PermissionScopes"] as JsonArray ?? []).Select(s => Text(s, "value")).ToHashSet(StringComparer.Ordinal);
        var unknown = (scope ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(s => !published.Contains(s));
        return unknown is null ? null : BadRequest(request, $"Invalid value specified for property 'scope' of resource 'OAuth2PermissionGrant': '{unknown}' is not a delegated permission of the resource.");
    }

    // ---- /groups, /organization ----

    private Func<GraphResponse> Groups(GraphRequest request, string[] path)
    {
        if (path.Length == 0)
        {
            return Method(request, "GET", () => List(request, store.Groups.Select(g => GroupJson(g.Key, g.Value.DisplayName)), "groups"));
        }

        if (!store.Groups.TryGetValue(path[0], out var group))
        {
            return () => ResourceNotFound(request, path[0]);
        }

        return path.Length switch
        {
            1 => Method(request, "GET", () => GraphResponse.Ok(Entity(GroupJson(path[0], group.DisplayName), "groups/$entity"))),
            2 when Is(path[1], "members") => Method(request, "GET", () => List(request,
                group.MemberIds.Select(id => context.Seed.Find(id)!.User).Select(u =>
                {
                    var json = new JsonObject { ["@odata.type"] = "#microsoft.graph.user" };
                    foreach (var (name, value) in UserJson.Render(u, UserJson.DefaultProperties))
                    {
                        json[name] = value?.DeepClone();
                    }

                    return json;
                }), "directoryObjects")),
            _ => NotFound(request, path[^1]),
        };
    }

    private static JsonObject GroupJson(string id, string displayName) => new()
    {
        ["id"] = id,
        ["deletedDateTime"] = null,
        ["displayName"] = displayName,
        ["description"] = null,
        ["groupTypes"] = new JsonArray(),
        ["mail"] = null,
        ["mailEnabled"] = false,
        ["mailNickname"] = displayName.Replace(" ", string.Empty, StringComparison.Ordinal).ToLowerInvariant(),
        ["securityEnabled"] = true,
    };

    private GraphResponse Organization(GraphRequest request) =>
        GraphResponse.Ok(new JsonObject
        {
            ["@odata.context"] = context.Metadata("organization"),
            ["value"] = new JsonArray(new JsonObject
            {
                ["id"] = store.TenantId,
                ["displayName"] = "Contoso (dev tenant)",
                ["verifiedDomains"] = new JsonArray(new JsonObject
                {
                    ["capabilities"] = "Email, OfficeCommunicationsOnline",
                    ["isDefault"] = true,
                    ["isInitial"] = true,
                    ["name"] = "contoso.dev",
                    ["type"] = "Managed",
                }),
            }),
        });

    // ---- helpers ----

    private GraphResponse List(GraphRequest request, IEnumerable<JsonObject> items, string set)
    {
        if (!DirectoryFilter.TryParse(request.Option("filter"), out var predicate, out var error))
        {
            return GraphErrors.Create(request, StatusCodes.Status400BadRequest, "Request_UnsupportedQuery", error);
        }

        return GraphResponse.Ok(new JsonObject
        {
            ["@odata.context"] = context.Metadata(set),
            ["value"] = new JsonArray([.. items.Where(predicate).Select(i => (JsonNode)i.DeepClone())]),
        });
    }

    private JsonObject Entity(JsonObject item, string fragment)
    {
        var json = new JsonObject { ["@odata.context"] = context.Metadata(fragment) };
        foreach (var (name, value) in item)
        {
            json[name] = value?.DeepClone();
        }

        return json;
    }

    private static GraphResponse Created(JsonObject json, string location)
    {
        var response = GraphResponse.Ok(json, StatusCodes.Status201Created);
        response.Headers["Location"] = location;
        return response;
    }

    private GraphResponse WithApplication(GraphRequest request, string id, Func<JsonObject, GraphResponse> then) =>
        store.Applications.TryGetValue(id, out var app) ? then(app) : ResourceNotFound(request, id);

    private GraphResponse WithCredential(GraphRequest request, string appId, string idOrName, Func<JsonObject, JsonObject, GraphResponse> then) =>
        WithApplication(request, appId, app => store.Credentials[Id(app)].FirstOrDefault(c =>
                string.Equals(Text(c, "id"), idOrName, StringComparison.OrdinalIgnoreCase) || string.Equals(Text(c, "name"), idOrName, StringComparison.OrdinalIgnoreCase)) is { } fic
            ? then(app, fic)
            : ResourceNotFound(request, idOrName));

    private GraphResponse WithServicePrincipal(GraphRequest request, string id, Func<JsonObject, GraphResponse> then) =>
        store.ServicePrincipals.TryGetValue(id, out var sp) ? then(sp) : ResourceNotFound(request, id);

    private GraphResponse WithGrant(GraphRequest request, string id, Func<JsonObject, GraphResponse> then) =>
        store.Grants.TryGetValue(id, out var grant) ? then(grant) : ResourceNotFound(request, id);

    private string Now() => clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static string Id(JsonObject item) => item["id"]!.GetValue<string>();

    private static string? Text(JsonNode? item, string property) =>
        item is JsonObject obj && obj[property] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static List<string> Strings(JsonNode? node) =>
        node is JsonArray array ? [.. array.Select(v => v is JsonValue value && value.TryGetValue<string>(out var s) ? s : string.Empty)] : [];

    private static bool Is(string segment, string name) => string.Equals(segment, name, StringComparison.OrdinalIgnoreCase);

    private static GraphResponse BadRequest(GraphRequest request, string message) =>
        GraphErrors.Create(request, StatusCodes.Status400BadRequest, "Request_BadRequest", message);

    private static GraphResponse Conflict(GraphRequest request, string message, string code = "Request_BadRequest") =>
        GraphErrors.Create(request, StatusCodes.Status409Conflict, code, message);

    private static GraphResponse ResourceNotFound(GraphRequest request, string id) =>
        GraphErrors.Create(request, StatusCodes.Status404NotFound, "Request_ResourceNotFound",
            $"Resource '{id}' does not exist or one of its queried reference-property objects are not present.");

    private static Func<GraphResponse> NotFound(GraphRequest request, string segment) => () => GraphErrors.SegmentNotFound(request, segment);

    private static Func<GraphResponse> Method(GraphRequest request, string method, Func<GraphResponse> handler) =>
        Methods(request, (method, handler));

    private static Func<GraphResponse> Methods(GraphRequest request, params (string Method, Func<GraphResponse> Handler)[] handlers) =>
        handlers.FirstOrDefault(h => string.Equals(h.Method, request.Method, StringComparison.OrdinalIgnoreCase)).Handler
            ?? (() => GraphErrors.MethodNotAllowed(request));
}
