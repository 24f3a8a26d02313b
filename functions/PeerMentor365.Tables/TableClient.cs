using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace PeerMentor365.Tables;

/// <summary>
/// A client for one table of Azure Table Storage (or Azurite), shaped like Azure.Data.Tables' <c>TableClient</c>.
/// </summary>
/// <remarks>
/// <para>Entities are <see cref="TableEntity"/> property bags or classes implementing <see cref="ITableEntity"/> whose
/// public get/set properties are string, int, long, double, bool, <see cref="DateTimeOffset"/>, <see cref="DateTime"/>
/// (stored as UTC), <see cref="Guid"/>, byte[], enums (stored as their names) or the nullable forms; null values are not
/// stored; properties marked <c>[IgnoreDataMember]</c> are skipped; stored properties the class lacks are ignored on read.</para>
/// <para>Failures are <see cref="RequestFailedException"/> with the service's status and error code (for example 404
/// <c>ResourceNotFound</c>, 409 <c>EntityAlreadyExists</c>, 412 <c>UpdateConditionNotSatisfied</c>); invalid keys, names and
/// transactions are refused with <see cref="ArgumentException"/> before anything is sent. Transient failures are retried
/// per <see cref="TableClientOptions"/>. Thread-safe; create one per table and reuse it.</para>
/// </remarks>
public class TableClient
{
    internal const string AcceptJson = "application/json;odata=minimalmetadata";
    private const string ServiceVersion = "2019-02-02";
    private const string StorageScope = "https://storage.azure.com/.default";

    private readonly HttpPipeline? _pipeline;
    private readonly string _endpoint = string.Empty;
    private readonly Uri? _endpointUri;

    /// <summary>For mocking only; a client made this way cannot send requests.</summary>
    protected TableClient()
    {
        Name = string.Empty;
    }

    /// <summary>Creates a client that signs with the account key of a storage connection string (Shared Key Lite).</summary>
    /// <param name="connectionString"><c>AccountName</c>, <c>AccountKey</c> and either <c>TableEndpoint</c> or
    /// <c>DefaultEndpointsProtocol</c>/<c>EndpointSuffix</c>; or <c>UseDevelopmentStorage=true</c> for Azurite on 127.0.0.1:10002.</param>
    /// <param name="tableName">3-63 letters and digits, starting with a letter.</param>
    /// <param name="options">Retry, transport and diagnostics options.</param>
    public TableClient(string connectionString, string tableName, TableClientOptions? options = null)
    {
        TableKeys.ValidateTableName(tableName);
        var settings = TableConnectionString.Parse(connectionString);
        Name = tableName;
        _endpoint = settings.TableEndpoint.AbsoluteUri.TrimEnd('/');
        _endpointUri = new Uri(_endpoint);
        _pipeline = HttpPipelineBuilder.Build(
            options ?? new TableClientOptions(),
            perCallPolicies: [],
            perRetryPolicies: [new TableDatePolicy(), new TableSharedKeyLitePolicy(settings.AccountName, settings.AccountKey)],
            responseClassifier: new ResponseClassifier());
    }

    /// <summary>Creates a client that authenticates with Microsoft Entra ID (for example a managed identity) as a Bearer token.</summary>
    /// <param name="accountEndpoint">The table service endpoint, for example <c>https://account.table.core.windows.net</c> (HTTPS).</param>
    /// <param name="tableName">3-63 letters and digits, starting with a letter.</param>
    /// <param name="credential">Gets tokens for <c>https://storage.azure.com/.default</c>; the identity needs a Storage Table Data role.</param>
    /// <param name="options">Retry, transport and diagnostics options.</param>
    public TableClient(Uri accountEndpoint, string tableName, TokenCredential credential, TableClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(accountEndpoint);
        ArgumentNullException.ThrowIfNull(credential);
        TableKeys.ValidateTableName(tableName);
        Name = tableName;
        _endpoint = accountEndpoint.AbsoluteUri.TrimEnd('/');
        _endpointUri = new Uri(_endpoint);
        _pipeline = HttpPipelineBuilder.Build(
            options ?? new TableClientOptions(),
            perCallPolicies: [],
            perRetryPolicies: [new TableDatePolicy(), new BearerTokenAuthenticationPolicy(credential, StorageScope)],
            responseClassifier: new ResponseClassifier());
    }

    /// <summary>The table's name.</summary>
    public string Name { get; }

    private HttpPipeline Pipeline => _pipeline ?? throw new InvalidOperationException("This TableClient was created for mocking and cannot send requests.");

    /// <summary>Creates the table; succeeds (with the 409 response) if it already exists.</summary>
    public virtual async Task<Response> CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Post, "/Tables");
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        SetJsonBody(message, JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["TableName"] = Name }));
        await Pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return message.Response.Status switch
        {
            201 or 204 => message.Response,
            409 when ErrorCode(message.Response) == "TableAlreadyExists" => message.Response,
            _ => throw TableErrorParser.Failure(message.Response),
        };
    }

    /// <summary>Deletes the table and everything in it; succeeds (with the 404 response) if it does not exist.</summary>
    public virtual async Task<Response> DeleteAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Delete, $"/Tables('{Name}')");
        await Pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return message.Response.Status is 204 or 404 ? message.Response : throw TableErrorParser.Failure(message.Response);
    }

    /// <summary>Reads one entity; a missing entity is a <see cref="RequestFailedException"/> with status 404.</summary>
    /// <param name="partitionKey">The entity's partition key.</param>
    /// <param name="rowKey">The entity's row key.</param>
    /// <param name="select">The properties to read (all when null); PartitionKey and RowKey are always read.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public virtual async Task<Response<T>> GetEntityAsync<T>(string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
        where T : class, ITableEntity, new()
    {
        var response = await GetEntityIfExistsAsync<T>(partitionKey, rowKey, select, cancellationToken).ConfigureAwait(false);
        return response.HasValue ? Response.FromValue<T>(response.Value!, response.GetRawResponse()) : throw TableErrorParser.Failure(response.GetRawResponse());
    }

    /// <summary>Reads one entity; a missing entity is a response whose <see cref="NullableResponse{T}.HasValue"/> is false.</summary>
    /// <param name="partitionKey">The entity's partition key.</param>
    /// <param name="rowKey">The entity's row key.</param>
    /// <param name="select">The properties to read (all when null); PartitionKey and RowKey are always read.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public virtual async Task<NullableResponse<T>> GetEntityIfExistsAsync<T>(string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
        where T : class, ITableEntity, new()
    {
        TableKeys.ValidateKey(partitionKey, nameof(partitionKey));
        TableKeys.ValidateKey(rowKey, nameof(rowKey));
        var selected = SelectWithKeys(select, nameof(select));
        using var message = CreateMessage(RequestMethod.Get, EntityPath(partitionKey, rowKey));
        if (selected is not null)
        {
            message.Request.Uri.AppendQuery("$select", string.Join(',', selected), escapeValue: true);
        }

        await Pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var response = message.Response;
        if (response.Status == 404 && ErrorCode(response) == "ResourceNotFound")
        {
            return new NoValueResponse<T>(response);
        }

        if (response.Status != 200)
        {
            throw TableErrorParser.Failure(response);
        }

        using var document = JsonDocument.Parse(response.Content.ToMemory());
        response.Headers.TryGetValue("ETag", out var etag);
        return Response.FromValue(EntityJson.Deserialize<T>(document.RootElement, etag), response);
    }

    /// <summary>Inserts an entity; an existing one is a <see cref="RequestFailedException"/> with status 409 <c>EntityAlreadyExists</c>.</summary>
    /// <returns>The 204 response; its <c>ETag</c> header is the new entity's version.</returns>
    public virtual async Task<Response> AddEntityAsync<T>(T entity, CancellationToken cancellationToken = default)
        where T : ITableEntity
    {
        ArgumentNullException.ThrowIfNull(entity);
        var body = EntityJson.Serialize(entity);
        using var message = CreateMessage(RequestMethod.Post, "/" + Name);
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        SetJsonBody(message, body);
        await Pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return message.Response.Status is 201 or 204 ? message.Response : throw TableErrorParser.Failure(message.Response);
    }

    /// <summary>Inserts the entity, or merges into / replaces the existing one, whatever its version.</summary>
    /// <returns>The 204 response; its <c>ETag</c> header is the entity's new version.</returns>
    public virtual Task<Response> UpsertEntityAsync<T>(T entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
        where T : ITableEntity =>
        WriteEntityAsync(entity, mode, ifMatch: null, cancellationToken);

    /// <summary>
    /// Merges into or replaces an existing entity if its version still matches <paramref name="ifMatch"/>
    /// (<see cref="ETag.All"/> for any version). A changed entity is a <see cref="RequestFailedException"/> with status 412
    /// <c>UpdateConditionNotSatisfied</c>; a missing one, status 404.
    /// </summary>
    /// <returns>The 204 response; its <c>ETag</c> header is the entity's new version.</returns>
    public virtual Task<Response> UpdateEntityAsync<T>(T entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
        where T : ITableEntity =>
        WriteEntityAsync(entity, mode, ifMatch == default ? throw new ArgumentException("Pass the entity's ETag, or ETag.All to update any version.", nameof(ifMatch)) : ifMatch.ToString(), cancellationToken);

    /// <summary>
    /// Deletes an entity if its version still matches <paramref name="ifMatch"/> (default: any version). A changed entity is
    /// a 412 <see cref="RequestFailedException"/>; a missing one succeeds with the 404 response.
    /// </summary>
    public virtual async Task<Response> DeleteEntityAsync(string partitionKey, string rowKey, ETag ifMatch = default, CancellationToken cancellationToken = default)
    {
        TableKeys.ValidateKey(partitionKey, nameof(partitionKey));
        TableKeys.ValidateKey(rowKey, nameof(rowKey));
        using var message = CreateMessage(RequestMethod.Delete, EntityPath(partitionKey, rowKey));
        message.Request.Headers.SetValue("If-Match", ifMatch == default ? "*" : ifMatch.ToString());
        await Pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return message.Response.Status switch
        {
            204 => message.Response,
            404 when ErrorCode(message.Response) == "ResourceNotFound" => message.Response,
            _ => throw TableErrorParser.Failure(message.Response),
        };
    }

    /// <summary>
    /// Queries entities, following continuation tokens across pages. Build <paramref name="filter"/> with
    /// <see cref="CreateQueryFilter"/> so values cannot change the filter's meaning.
    /// </summary>
    /// <param name="filter">An OData filter (<c>eq ne gt ge lt le and or not</c>); null for all entities.</param>
    /// <param name="maxPerPage">At most this many entities per page (1-1000; the service's default is 1000).</param>
    /// <param name="select">The properties to read (all when null); PartitionKey and RowKey are always read.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    public virtual AsyncPageable<T> QueryAsync<T>(string? filter = null, int? maxPerPage = null, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
        where T : class, ITableEntity, new()
    {
        if (maxPerPage is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(maxPerPage), maxPerPage, "A page holds 1 to 1000 entities.");
        }

        var selected = SelectWithKeys(select, nameof(select));
        var selectValue = selected is not null ? string.Join(',', selected) : null;
        return new TableQueryPageable<T>((token, pageSize, ct) => QueryPageAsync<T>(filter, pageSize, selectValue, token, ct), maxPerPage, cancellationToken);
    }

    /// <summary>
    /// Runs up to 100 actions on one partition atomically: all are applied or none. Refused with
    /// <see cref="ArgumentException"/> before sending when empty, over 100 actions, across partitions (which Azurite,
    /// unlike Azure, would accept) or touching a RowKey twice. A rejected transaction is a
    /// <see cref="TableTransactionFailedException"/> naming the failing action's index.
    /// </summary>
    /// <returns>One response per action, in order; each carries the action's status and new <c>ETag</c>.</returns>
    public virtual async Task<Response<IReadOnlyList<Response>>> SubmitTransactionAsync(IEnumerable<TableTransactionAction> transactionActions, CancellationToken cancellationToken = default)
    {
        var actions = TransactionBatch.Validate(transactionActions);
        var batchBoundary = "batch_" + Guid.NewGuid().ToString("D");
        var changesetBoundary = "changeset_" + Guid.NewGuid().ToString("D");
        var body = TransactionBatch.Write(actions, _endpoint + "/" + Name, entity => _endpoint + EntityPath(entity.PartitionKey, entity.RowKey), batchBoundary, changesetBoundary);

        using var message = CreateMessage(RequestMethod.Post, "/$batch");
        message.Request.Headers.SetValue("Content-Type", "multipart/mixed; boundary=" + batchBoundary);
        message.Request.Content = RequestContent.Create(body);
        await Pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var response = message.Response;
        if (response.Status != 202 || !response.Headers.TryGetValue("Content-Type", out var contentType))
        {
            throw TableErrorParser.Failure(response);
        }

        var parts = TransactionResponse.Parse(contentType, response.Content.ToMemory().Span);
        var failure = TransactionResponse.Failure(parts, actions.Count);
        if (failure is not null)
        {
            throw failure;
        }

        if (parts.Count != actions.Count)
        {
            throw new InvalidOperationException($"The transaction response holds {parts.Count} answers for {actions.Count} actions.");
        }

        return Response.FromValue<IReadOnlyList<Response>>(parts, response);
    }

    /// <summary>
    /// Builds a filter from an interpolated string, writing each argument as an OData literal: strings quoted with
    /// <c>'</c> doubled, <see cref="DateTimeOffset"/>/<see cref="DateTime"/> as <c>datetime'…'</c>, <see cref="Guid"/> as
    /// <c>guid'…'</c>, long as <c>…L</c>, double with a decimal point, bool, byte[] as <c>X'…'</c>, enums as quoted names.
    /// Null or other argument types are an <see cref="ArgumentException"/>.
    /// </summary>
    /// <example><c>TableClient.CreateQueryFilter($"PartitionKey eq {pairId} and Due lt {now}")</c></example>
    public static string CreateQueryFilter(FormattableString filter) => QueryFilter.Create(filter);

    private async Task<Page<T>> QueryPageAsync<T>(string? filter, int? top, string? select, string? continuationToken, CancellationToken cancellationToken)
        where T : class, ITableEntity, new()
    {
        using var message = CreateMessage(RequestMethod.Get, "/" + Name + "()");
        var uri = message.Request.Uri;
        if (!string.IsNullOrEmpty(filter))
        {
            uri.AppendQuery("$filter", filter, escapeValue: true);
        }

        if (select is not null)
        {
            uri.AppendQuery("$select", select, escapeValue: true);
        }

        if (top is not null)
        {
            uri.AppendQuery("$top", top.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), escapeValue: false);
        }

        if (continuationToken is not null)
        {
            var (nextPartitionKey, nextRowKey) = SplitContinuation(continuationToken);
            uri.AppendQuery("NextPartitionKey", nextPartitionKey, escapeValue: true);
            if (nextRowKey is not null)
            {
                uri.AppendQuery("NextRowKey", nextRowKey, escapeValue: true);
            }
        }

        await Pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var response = message.Response;
        if (response.Status != 200)
        {
            throw TableErrorParser.Failure(response);
        }

        using var document = JsonDocument.Parse(response.Content.ToMemory());
        var entities = new List<T>();
        if (document.RootElement.TryGetProperty("value", out var values))
        {
            foreach (var json in values.EnumerateArray())
            {
                entities.Add(EntityJson.Deserialize<T>(json, headerETag: null));
            }
        }

        string? next = null;
        if (response.Headers.TryGetValue("x-ms-continuation-NextPartitionKey", out var partitionKey))
        {
            response.Headers.TryGetValue("x-ms-continuation-NextRowKey", out var rowKey);
            next = rowKey is null ? partitionKey : partitionKey + " " + rowKey;
        }

        return Page<T>.FromValues(entities, next, response);
    }

    // The service's continuation values are opaque tokens without spaces; one string carries both, as Azure.Data.Tables does.
    private static (string PartitionKey, string? RowKey) SplitContinuation(string token)
    {
        var space = token.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? (token, null) : (token[..space], token[(space + 1)..]);
    }

    private async Task<Response> WriteEntityAsync<T>(T entity, TableUpdateMode mode, string? ifMatch, CancellationToken cancellationToken)
        where T : ITableEntity
    {
        ArgumentNullException.ThrowIfNull(entity);
        var body = EntityJson.Serialize(entity);
        var method = mode switch
        {
            TableUpdateMode.Merge => MergeMethod,
            TableUpdateMode.Replace => RequestMethod.Put,
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown update mode."),
        };
        using var message = CreateMessage(method, EntityPath(entity.PartitionKey, entity.RowKey));
        if (ifMatch is not null)
        {
            message.Request.Headers.SetValue("If-Match", ifMatch);
        }

        SetJsonBody(message, body);
        await Pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return message.Response.Status == 204 ? message.Response : throw TableErrorParser.Failure(message.Response);
    }

    private static readonly RequestMethod MergeMethod = RequestMethod.Parse("MERGE");

    private HttpMessage CreateMessage(RequestMethod method, string path)
    {
        var message = Pipeline.CreateMessage();
        var request = message.Request;
        request.Method = method;
        request.Uri.Reset(_endpointUri!);
        request.Uri.AppendPath(path, escape: false);
        request.Headers.SetValue("x-ms-version", ServiceVersion);
        request.Headers.SetValue("DataServiceVersion", "3.0");
        request.Headers.SetValue("MaxDataServiceVersion", "3.0;NetFx");
        request.Headers.SetValue("Accept", AcceptJson);
        return message;
    }

    private static void SetJsonBody(HttpMessage message, byte[] body)
    {
        message.Request.Headers.SetValue("Content-Type", "application/json");
        message.Request.Content = RequestContent.Create(body);
    }

    // Keys go into the path as OData string literals: quotes doubled first, then percent-encoded.
    private string EntityPath(string partitionKey, string rowKey) =>
        $"/{Name}(PartitionKey='{Uri.EscapeDataString(partitionKey.Replace("'", "''", StringComparison.Ordinal))}',RowKey='{Uri.EscapeDataString(rowKey.Replace("'", "''", StringComparison.Ordinal))}')";

    private static string? ErrorCode(Response response) => TableErrorParser.ErrorCode(response);

    // The keys are always read, so an entity read with $select can still be updated or deleted.
    private static List<string>? SelectWithKeys(IEnumerable<string>? select, string parameterName)
    {
        if (select is null)
        {
            return null;
        }

        var selected = select.ToList();
        TableKeys.ValidatePropertyNames(selected, parameterName);
        if (selected.Count == 0)
        {
            return null;
        }

        foreach (var key in new[] { TableEntity.PartitionKeyName, TableEntity.RowKeyName })
        {
            if (!selected.Contains(key, StringComparer.Ordinal))
            {
                selected.Add(key);
            }
        }

        return selected;
    }
}
