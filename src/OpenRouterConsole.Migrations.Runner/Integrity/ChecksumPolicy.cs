namespace OpenRouterConsole.Migrations.Runner.Integrity;

/// <summary>What to do when an applied migration's script has changed since it was applied.</summary>
public enum ChecksumPolicy
{
    /// <summary>Refuse to migrate (and so refuse to start the host).</summary>
    Fail,

    /// <summary>Log a warning and carry on.</summary>
    Warn,
}
