using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace EfCorePeer;

/// <summary>A context with no entities: only its migrations matter here.</summary>
public sealed class PeerContext(string connectionString) : DbContext
{
    protected override void OnConfiguring(DbContextOptionsBuilder options) =>
        options.UseSqlite(connectionString)
            // The migrations are hand-written SQL with no model snapshot; EF would call that a pending model change.
            .ConfigureWarnings(warnings => warnings.Ignore(RelationalEventId.PendingModelChangesWarning));
}
