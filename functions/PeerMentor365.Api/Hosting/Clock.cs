using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;

namespace PeerMentor365.Api.Hosting;

/// <summary>The one clock: logic takes TimeProvider or IClock from DI and never reads the system clock itself.</summary>
internal static class Clock
{
    public static WebApplicationBuilder AddClock(this WebApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<IClock>(services => new TimeProviderClock(services.GetRequiredService<TimeProvider>()));
        return builder;
    }

    private sealed class TimeProviderClock(TimeProvider time) : IClock
    {
        public Instant GetCurrentInstant() => Instant.FromDateTimeOffset(time.GetUtcNow());
    }
}
