using PeerMentor365.Api.Hosting;

namespace PeerMentor365.Api.SessionAgenda;

/// <summary>The Agenda view, the session look-up and the nightly preparation (docs/agenda-api.md).</summary>
internal static class SessionAgendaSetup
{
    public static WebApplicationBuilder AddSessionAgenda(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AgendaView>();
        builder.Services.AddSingleton<NextSession>();
        builder.Services.AddSingleton<SeriesIndexReader>();
        builder.Services.AddSingleton<SessionLookup>();
        builder.Services.AddSingleton<SessionPreparation>();
        builder.Services.AddSingleton<IInternalFunction, PrepareSessionsFunction>();
        return builder;
    }
}
