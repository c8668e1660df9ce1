using System.Text;

namespace OpenRouterConsole.Migrations.Runner;

/// <summary>
/// Passes FluentMigrator's SQL script output on, minus the doubled <c>;;</c> it writes when a
/// statement already ends in a semicolon (it appends one to every statement, so that statements it
/// generates itself, such as the VersionInfo insert, are terminated too).
/// </summary>
internal sealed class SqlScriptWriter(TextWriter inner) : TextWriter
{
    private char _lastSignificant;

    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value)
    {
        if (value == ';' && _lastSignificant == ';')
        {
            return;
        }

        if (!char.IsWhiteSpace(value))
        {
            _lastSignificant = value;
        }

        inner.Write(value);
    }

    public override void Flush() => inner.Flush();
}
