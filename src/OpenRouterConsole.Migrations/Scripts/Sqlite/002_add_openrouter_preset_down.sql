-- Migration 2 down: remove profiles.openrouter_preset.
-- DROP COLUMN (SQLite 3.35+) rewrites the rows in place: profile ids, the AUTOINCREMENT sequence,
-- indexes and every foreign key pointing at profiles stay as they are. A table-recreation rollback
-- would instead fire ON DELETE SET NULL on sessions/usage_logs, because foreign keys cannot be
-- switched off inside the migration's transaction.

ALTER TABLE profiles DROP COLUMN openrouter_preset;
