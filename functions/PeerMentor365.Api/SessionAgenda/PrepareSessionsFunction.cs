using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using PeerMentor365.Api.Hosting;
using PeerMentor365.Api.Requests;

namespace PeerMentor365.Api.SessionAgenda;

/// <summary>
/// The nightly timer (FunctionApp/PrepareSessions/function.json, 02:00 UTC): the Functions host POSTs
/// /PrepareSessions with its { Data, Metadata } envelope; the answer is { Outputs, Logs, ReturnValue }, and the
/// logs carry counts only (the host shows them in the invocation's log, so never a name or any text of a pair).
/// </summary>
/// <remarks>
/// The preparation is resolved per invocation, not injected: functions are created while the routes are mapped,
/// before the embedded dev tenant has started, and the preparation's Graph access needs the tenant's address.
/// </remarks>
internal sealed class PrepareSessionsFunction(IServiceProvider services, IClock clock) : IInternalFunction
{
    public const string FunctionName = "PrepareSessions";

    // The binding is named "timer" in function.json; IsPastDue says the host missed a run (it was down).
    private static readonly BoolField IsPastDue = new("IsPastDue", Required: false);
    private static readonly ObjectField Timer = new("timer", new BodyShape("TimerInfo", null, IsPastDue), Required: false);
    private static readonly ObjectField Data = new("Data", new BodyShape("TimerData", null, Timer), Required: false);
    private static readonly BodyShape Envelope = new("InvocationEnvelope", "The Functions host's { Data, Metadata }.", Data);

    public string Name => FunctionName;

    public async Task<IResult> InvokeAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var (envelope, _) = await JsonBody.ReadAsync(context.Request, Envelope, cancellationToken);
        if (envelope is null)
        {
            return NotAnEnvelope();
        }

        // What the host adds beyond the envelope, or a value of another type, does not stop the run: it is only read for the log.
        var pastDue = envelope.Object(Data)?.Object(Timer)?.Bool(IsPastDue) ?? false;

        var preparation = services.GetRequiredService<SessionPreparation>();
        var summary = await preparation.RunAsync(clock.GetCurrentInstant(), cancellationToken);
        List<string> logs = [summary.Describe()];
        if (pastDue)
        {
            logs.Insert(0, "PrepareSessions ran late: the host had missed its schedule.");
        }

        return TypedResults.Json(new InvocationResult(new Dictionary<string, object?>(), logs, summary), contentType: "application/json");
    }

    private static ValidationProblem NotAnEnvelope() => TypedResults.ValidationProblem(
        new Dictionary<string, string[]> { ["body"] = ["The Functions host's invocation envelope ({ \"Data\": …, \"Metadata\": … }) was expected."] });
}

/// <summary>What a custom handler answers the Functions host for a non-HTTP invocation (names as the host reads them).</summary>
internal sealed record InvocationResult(
    [property: JsonPropertyName("Outputs")] IReadOnlyDictionary<string, object?> Outputs,
    [property: JsonPropertyName("Logs")] IReadOnlyList<string> Logs,
    [property: JsonPropertyName("ReturnValue")] PreparationSummary ReturnValue);
