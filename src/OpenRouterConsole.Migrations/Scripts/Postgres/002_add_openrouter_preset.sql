-- Migration 2 (PostgreSQL): profiles may name an OpenRouter preset.

ALTER TABLE profiles ADD COLUMN openrouter_preset TEXT;
