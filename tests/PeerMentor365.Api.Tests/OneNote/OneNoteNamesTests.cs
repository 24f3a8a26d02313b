using NodaTime;
using PeerMentor365.Api.OneNote;

namespace PeerMentor365.Api.Tests.OneNote;

/// <summary>Notebook, section and page names: as the contract spells them, unique, and within OneNote's rules.</summary>
public sealed class OneNoteNamesTests
{
    [Fact]
    public void The_notebook_is_named_after_the_first_names_and_the_pair_ids_last_four_characters()
    {
        Assert.Equal("Peer mentoring – Ana & Ben (p3k9)", OneNoteNames.Notebook(["Ana", "Ben"], "p_0000000000000p3k9"));
        Assert.Equal("Peer mentoring – Ana, Ben & Chloe (wxyz)", OneNoteNames.Notebook(["Ana", "Ben", "Chloe"], "p_000000000000wxyz"));
    }

    [Fact]
    public void Characters_OneNote_forbids_are_dropped_and_long_names_are_cut_to_128()
    {
        var name = OneNoteNames.Notebook(["A?n*a\\/:<>|'\"", "B\u202Een"], "p_00000000000abcd");
        Assert.Equal("Peer mentoring – Ana & Ben (abcd)", name);

        var longName = OneNoteNames.Notebook([new string('x', 300), "Ben"], "p_00000000000abcd");
        Assert.Equal(OneNoteNames.MaxNotebookName, longName.Length);
        Assert.EndsWith(" (abcd)", longName, StringComparison.Ordinal);
    }

    [Fact]
    public void Sections_are_named_by_the_first_date_and_pages_by_the_sessions_date_in_the_organizers_zone()
    {
        Assert.Equal("Series from 2026-12-01", OneNoteNames.Section(new LocalDate(2026, 12, 1)));
        var lateEvening = Instant.FromUtc(2026, 12, 1, 23, 30);
        Assert.Equal("Peer mentoring – 2026-12-02", OneNoteNames.PageTitle(lateEvening, DateTimeZoneProviders.Tzdb["Asia/Tokyo"]));
        Assert.Equal("Peer mentoring – 2026-12-01", OneNoteNames.PageTitle(lateEvening, DateTimeZoneProviders.Tzdb["America/Los_Angeles"]));
    }

    [Fact]
    public void The_subject_names_two_people_with_an_ampersand_and_more_with_commas()
    {
        Assert.Equal("Peer mentoring: Ana & Ben", Subject.For(["Ana", "Ben"]));
        Assert.Equal("Peer mentoring: Ana, Ben & Chloe", Subject.For(["Ana", "Ben", "Chloe"]));
        Assert.Equal("Ana", Subject.FirstName("  Ana Souza "));
    }
}
