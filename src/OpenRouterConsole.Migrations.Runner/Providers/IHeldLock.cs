namespace OpenRouterConsole.Migrations.Runner.Providers;

/// <summary>A migration lock, released on dispose (and by the database if the holder dies).</summary>
internal interface IHeldLock : IDisposable
{
    /// <summary>How long it took to get: zero unless another process held it.</summary>
    TimeSpan Waited { get; }
}
