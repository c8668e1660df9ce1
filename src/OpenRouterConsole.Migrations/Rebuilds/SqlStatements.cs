using System.Text;

namespace OpenRouterConsole.Migrations.Rebuilds;

/// <summary>Splits a SQLite script into statements, without their comments.</summary>
/// <remarks>
/// A semicolon ends a statement unless it is inside a string, a quoted name, a comment, or the
/// BEGIN ... END body of a CREATE TRIGGER.
/// </remarks>
internal static class SqlStatements
{
    public static IReadOnlyList<string> Split(string script)
    {
        var statements = new List<string>();
        var current = new StringBuilder();
        var i = 0;
        while (i < script.Length)
        {
            var c = script[i];
            if (c == '-' && At(script, i, "--"))
            {
                var end = script.IndexOf('\n', i);
                i = end < 0 ? script.Length : end;
                current.Append(' ');
                continue;
            }

            if (c == '/' && At(script, i, "/*"))
            {
                var end = script.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? script.Length : end + 2;
                current.Append(' ');
                continue;
            }

            if (c is '\'' or '"' or '`' or '[')
            {
                var close = c == '[' ? ']' : c;
                var end = i + 1;
                while (end < script.Length)
                {
                    // A doubled quote is an escaped one.
                    if (script[end] == close && !(close != ']' && end + 1 < script.Length && script[end + 1] == close))
                    {
                        break;
                    }

                    end += script[end] == close ? 2 : 1;
                }

                end = Math.Min(end, script.Length - 1);
                current.Append(script, i, end - i + 1);
                i = end + 1;
                continue;
            }

            if (c == ';' && !InsideTriggerBody(current.ToString()))
            {
                Add(statements, current);
                i++;
                continue;
            }

            current.Append(c);
            i++;
        }

        Add(statements, current);
        return statements;
    }

    private static bool At(string text, int index, string token) =>
        string.CompareOrdinal(text, index, token, 0, token.Length) == 0;

    // A trigger's body ends with END: until the text so far ends with it, its semicolons are inner ones.
    private static bool InsideTriggerBody(string statement)
    {
        var words = statement.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var isTrigger = words.Length >= 2 && words[0].Equals("CREATE", StringComparison.OrdinalIgnoreCase)
            && words.Take(4).Any(w => w.Equals("TRIGGER", StringComparison.OrdinalIgnoreCase));
        return isTrigger && !words[^1].Equals("END", StringComparison.OrdinalIgnoreCase);
    }

    private static void Add(List<string> statements, StringBuilder current)
    {
        var statement = current.ToString().Trim();
        if (statement.Length > 0)
        {
            statements.Add(statement);
        }

        current.Clear();
    }
}
