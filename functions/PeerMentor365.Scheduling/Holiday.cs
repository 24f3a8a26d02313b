using NodaTime;

namespace PeerMentor365.Scheduling;

/// <summary>
/// A public holiday where a person works, on their own calendar: the date it is observed (a holiday that falls on a
/// weekend is often observed on the Friday before or the Monday after). The core takes holidays as data; where they come
/// from (a holiday calendar per country, a company's own list) is the caller's business. Immutable; thread-safe.
/// </summary>
/// <param name="Date">The local date the person has off.</param>
/// <param name="Name">What it is called, in English (e.g. "Thanksgiving").</param>
/// <param name="CountryCode">The ISO 3166-1 alpha-2 code of the country whose holiday it is (e.g. "US").</param>
public sealed record Holiday(LocalDate Date, string Name, string CountryCode);
