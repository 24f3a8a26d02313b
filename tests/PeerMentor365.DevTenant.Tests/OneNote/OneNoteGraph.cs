using System.Text;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Serialization;

namespace PeerMentor365.DevTenant.Tests.OneNote;

/// <summary>OneNote calls through the Graph SDK as a backend makes them (a page is posted as text/html through the SDK's request adapter).</summary>
internal static class OneNoteGraph
{
    public static readonly Dictionary<string, ParsableFactory<IParsable>> ErrorMapping = new()
    {
        ["XXX"] = ODataError.CreateFromDiscriminatorValue,
    };

    public static Task<Notebook?> CreateNotebookAsync(GraphServiceClient graph, string name) =>
        graph.Me.Onenote.Notebooks.PostAsync(new Notebook { DisplayName = name });

    public static Task<OnenoteSection?> CreateSectionAsync(GraphServiceClient graph, string notebookId, string name) =>
        graph.Me.Onenote.Notebooks[notebookId].Sections.PostAsync(new OnenoteSection { DisplayName = name });

    /// <summary>The request a backend builds for a page: the section's pages URL with the XHTML as text/html.</summary>
    public static RequestInformation PageRequest(GraphServiceClient graph, string sectionId, string html)
    {
        var request = graph.Me.Onenote.Sections[sectionId].Pages.ToGetRequestInformation();
        request.HttpMethod = Method.POST;
        request.SetStreamContent(new MemoryStream(Encoding.UTF8.GetBytes(html)), "text/html");
        return request;
    }

    public static Task<OnenotePage?> CreatePageAsync(GraphServiceClient graph, string sectionId, string html) =>
        graph.RequestAdapter.SendAsync(PageRequest(graph, sectionId, html), OnenotePage.CreateFromDiscriminatorValue, ErrorMapping);

    public static async Task<string> ContentAsync(Microsoft.Graph.Me.Onenote.Pages.Item.OnenotePageItemRequestBuilder page)
    {
        await using var stream = await page.Content.GetAsync() ?? throw new InvalidOperationException("No page content.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }

    public static async Task<string> ContentAsync(Microsoft.Graph.Users.Item.Onenote.Pages.Item.OnenotePageItemRequestBuilder page)
    {
        await using var stream = await page.Content.GetAsync() ?? throw new InvalidOperationException("No page content.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }

    public static string Page(string title, string body, string? created = null) =>
        $"""
        <!DOCTYPE html>
        <html>
          <head>
            <title>{title}</title>
            {(created is null ? string.Empty : $"<meta name=\"created\" content=\"{created}\" />")}
          </head>
          <body>{body}</body>
        </html>
        """;

    public static async Task<ODataError> FailsAsync(Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<ODataError>(call);
        return error;
    }
}
