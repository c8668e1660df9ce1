using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EfCorePeer;

[DbContext(typeof(PeerContext))]
[Migration("001_InitialSchema")]
public sealed class InitialSchema() : ScriptMigration("001_initial_schema.sql");
