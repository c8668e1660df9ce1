using EfCorePeer;
using Microsoft.EntityFrameworkCore;

// EF Core's own migrator: journalled in __EFMigrationsHistory.
using var context = new PeerContext(args[0]);
context.Database.Migrate();
Console.WriteLine("migrated");
return 0;
