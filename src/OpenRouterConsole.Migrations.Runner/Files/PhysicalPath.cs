namespace OpenRouterConsole.Migrations.Runner.Files;

/// <summary>
/// Resolves a path the way the kernel and SQLite do: each symbolic link is followed where it stands,
/// and <c>..</c> then steps out of the directory the link led to, not out of the link's own folder.
/// The last component need not exist (a database about to be created).
/// </summary>
internal static class PhysicalPath
{
    // The kernel's own limit (ELOOP) on links followed while resolving one path.
    private const int MaxLinks = 40;

    public static string Resolve(string path)
    {
        var absolute = System.IO.Path.IsPathRooted(path) ? path : System.IO.Path.Combine(Environment.CurrentDirectory, path);
        if (OperatingSystem.IsWindows())
        {
            return System.IO.Path.GetFullPath(absolute);
        }

        var pending = new Stack<string>(Components(absolute).Reverse());
        var resolved = new List<string>();
        var links = 0;
        while (pending.Count > 0)
        {
            var component = pending.Pop();
            if (component is "" or ".")
            {
                continue;
            }

            if (component == "..")
            {
                if (resolved.Count > 0)
                {
                    resolved.RemoveAt(resolved.Count - 1);
                }

                continue;
            }

            resolved.Add(component);
            var target = LinkTarget(Join(resolved));
            if (target is null)
            {
                continue;
            }

            if (++links > MaxLinks)
            {
                throw MigrationException.Failed($"Too many levels of symbolic links in '{path}'.");
            }

            // The link is replaced by what it says: from the root if absolute, else from its folder.
            resolved.RemoveAt(resolved.Count - 1);
            if (System.IO.Path.IsPathRooted(target))
            {
                resolved.Clear();
            }

            foreach (var part in Components(target).Reverse())
            {
                pending.Push(part);
            }
        }

        return Join(resolved);
    }

    private static string[] Components(string path) => path.Split('/');

    private static string Join(List<string> components) => "/" + string.Join('/', components);

    private static string? LinkTarget(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A component that cannot be examined is left as written; opening it will say why.
            return null;
        }
    }
}
