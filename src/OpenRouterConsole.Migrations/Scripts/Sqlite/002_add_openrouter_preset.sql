-- Migration 2: profiles may name an OpenRouter preset.
-- The migration class runs this only when the column is missing: databases made by the console's
-- older start-up code already have it.

ALTER TABLE profiles ADD COLUMN openrouter_preset TEXT;
