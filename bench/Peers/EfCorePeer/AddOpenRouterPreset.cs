using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EfCorePeer;

[DbContext(typeof(PeerContext))]
[Migration("002_AddOpenRouterPreset")]
public sealed class AddOpenRouterPreset() : ScriptMigration("002_add_openrouter_preset.sql");
