-- Migration 2 down (PostgreSQL): remove profiles.openrouter_preset.
-- DROP COLUMN changes only the catalogue: every row, profile id, the identity's next value, the
-- indexes and every foreign key pointing at profiles stay as they are.

ALTER TABLE profiles DROP COLUMN openrouter_preset;
