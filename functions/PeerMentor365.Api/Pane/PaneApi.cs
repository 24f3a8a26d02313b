using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace PeerMentor365.Api.Pane;

/// <summary>Settings of the Pane section.</summary>
internal sealed class PaneOptions
{
    public const string Section = "Pane";

    /// <summary>The pane's built files; unset: the repository's addin/dist, else a pane folder next to the executable.</summary>
    public string? Path { get; set; }
}

/// <summary>GET /api/pane/{*path}: the pane's built files (taskpane.html by default), served by the same app.</summary>
internal static class PaneApi
{
    public const string DefaultDocument = "taskpane.html";

    public static WebApplicationBuilder AddPane(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<PaneOptions>().BindConfiguration(PaneOptions.Section)
            .Validate(o => string.IsNullOrWhiteSpace(o.Path) || Directory.Exists(o.Path), "Pane:Path names a folder that does not exist.")
            .ValidateOnStart();
        builder.Services.AddSingleton(services =>
            new PaneFiles(PaneFiles.Locate(services.GetRequiredService<IOptions<PaneOptions>>().Value.Path, AppContext.BaseDirectory)));
        return builder;
    }

    public static RouteGroupBuilder MapPane(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/pane").WithTags("Pane").AllowAnonymous().ExcludeFromDescription();
        group.MapMethods("/{*path}", [HttpMethods.Get, HttpMethods.Head], ServePaneFile).WithName("Pane");
        return group;
    }

    private static Results<PhysicalFileHttpResult, RedirectHttpResult, ProblemHttpResult> ServePaneFile(
        string? path, HttpContext context, PaneFiles pane)
    {
        if (pane.Root is null)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "The pane is not built",
                detail: "Build it (cd addin && npm run build) or point Pane:Path at its files.");
        }

        if (string.IsNullOrEmpty(path) && !context.Request.Path.Value!.EndsWith('/'))
        {
            // The pane's assets are relative to its folder: /api/pane must become /api/pane/.
            return TypedResults.Redirect(context.Request.PathBase + context.Request.Path + "/" + context.Request.QueryString);
        }

        var file = pane.Find(string.IsNullOrEmpty(path) ? DefaultDocument : path);
        if (file is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such file in the pane");
        }

        var contentType = pane.ContentTypes.TryGetContentType(file.Name, out var type) ? type : "application/octet-stream";
        var etag = new EntityTagHeaderValue($"\"{file.LastModified.ToUnixTimeMilliseconds():x}-{file.Length:x}\"");
        return TypedResults.PhysicalFile(file.PhysicalPath!, contentType, lastModified: file.LastModified, entityTag: etag, enableRangeProcessing: true);
    }
}

/// <summary>The pane's folder, resolved once; null when no built pane is found (the app still runs).</summary>
internal sealed class PaneFiles : IDisposable
{
    private readonly PhysicalFileProvider? _files;

    public PaneFiles(string? root)
    {
        Root = root;
        _files = root is null ? null : new PhysicalFileProvider(root);
    }

    public string? Root { get; }

    public FileExtensionContentTypeProvider ContentTypes { get; } = new();

    /// <summary>The file at a relative path, never outside the root (the provider refuses ".." and absolute paths).</summary>
    public IFileInfo? Find(string relativePath)
    {
        if (_files is null)
        {
            return null;
        }

        var file = _files.GetFileInfo(relativePath);
        return file.Exists && !file.IsDirectory && file.PhysicalPath is not null ? file : null;
    }

    public void Dispose() => _files?.Dispose();

    /// <summary>The configured folder; else the repository's addin/dist above <paramref name="appFolder"/>; else a pane folder in it.</summary>
    public static string? Locate(string? configured, string appFolder)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }

        // Running from the repository (dotnet run, tests): the pane's build output.
        for (var folder = new DirectoryInfo(appFolder); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "PeerMentor365.sln")))
            {
                var dist = Path.Combine(folder.FullName, "addin", "dist");
                return Directory.Exists(dist) ? dist : null;
            }
        }

        // The published Functions package carries the pane's files next to the executable.
        var packaged = Path.Combine(appFolder, "pane");
        return Directory.Exists(packaged) ? packaged : null;
    }
}
