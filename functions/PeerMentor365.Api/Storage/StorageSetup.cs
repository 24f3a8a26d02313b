using Azure;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;
using PeerMentor365.Api.Problems;

namespace PeerMentor365.Api.Storage;

/// <summary>Table storage for mentoring data: settings checked on start, the tables, and the 503 answers when it fails. Each feature registers its own store.</summary>
internal static class StorageSetup
{
    public static WebApplicationBuilder AddStorage(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidation>();
        builder.Services.AddSingleton<MentoringTables>();
        builder.Services.AddSingleton<PairPartitions>();
        builder.Services.AddExceptionHandler<StorageExceptionHandler>();
        return builder;
    }

    /// <summary>Reports every failed check, each naming its setting.</summary>
    private sealed class StorageOptionsValidation : IValidateOptions<StorageOptions>
    {
        public ValidateOptionsResult Validate(string? name, StorageOptions options)
        {
            var failures = options.Check();
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}

/// <summary>Storage that is missing or failing answers 503, never 500; the log gets the status and code, never data.</summary>
internal sealed partial class StorageExceptionHandler(ILogger<StorageExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        switch (exception)
        {
            case StorageNotConfiguredException:
                await ProblemResponses.WriteAsync(httpContext, StatusCodes.Status503ServiceUnavailable, "Storage is not configured", "storage is not configured: this deployment keeps no mentoring data (set Storage:ConnectionString or Storage:TableEndpoint).");
                return true;
            case RequestFailedException failed:
                LogStorageFailure(logger, failed.Status, failed.ErrorCode ?? "none");
                await WriteUnavailableAsync(httpContext);
                return true;
            // Azure.Core's retry gave up: every attempt failed (typically the service could not be reached).
            case AggregateException aggregate when aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(inner => inner is RequestFailedException):
                var last = (RequestFailedException)aggregate.InnerExceptions[^1];
                LogStorageFailure(logger, last.Status, last.ErrorCode ?? "none");
                await WriteUnavailableAsync(httpContext);
                return true;
            default:
                return false;
        }
    }

    private static Task WriteUnavailableAsync(HttpContext httpContext) =>
        ProblemResponses.WriteAsync(httpContext, StatusCodes.Status503ServiceUnavailable, "Storage is unavailable", "Table storage did not answer as expected; try again shortly.");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Table storage failure answered with 503: status {Status}, code {ErrorCode}")]
    private static partial void LogStorageFailure(ILogger logger, int status, string errorCode);
}
