using Microsoft.Extensions.Options;

namespace OpenRouterConsole.Migrations.Runner.Hosting;

/// <summary>
/// Checks the host's <see cref="MigrationOptions"/> when it starts (ValidateOnStart), so a bad
/// setting stops start-up with a message naming the setting as configuration spells it.
/// </summary>
internal sealed class MigrationOptionsValidator(string sectionName) : IValidateOptions<MigrationOptions>
{
    public ValidateOptionsResult Validate(string? name, MigrationOptions options)
    {
        var failures = new List<string>();
        if (options.BackupsToKeep < 0)
        {
            failures.Add($"{sectionName}:{nameof(MigrationOptions.BackupsToKeep)} must be 0 or more, not {options.BackupsToKeep} " +
                         $"(set {sectionName}:{nameof(MigrationOptions.BackupEnabled)} to false to take no backups).");
        }

        if (options.LockTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{sectionName}:{nameof(MigrationOptions.LockTimeout)} must be a positive time span such as 00:01:00, not {options.LockTimeout}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
