-- Migration 1 down: drop every application table, children before parents, so that no
-- foreign-key action fires on rows that are about to go anyway.

DROP TABLE IF EXISTS usage_logs;
DROP TABLE IF EXISTS messages;
DROP TABLE IF EXISTS sessions;
DROP TABLE IF EXISTS profiles;
DROP TABLE IF EXISTS models;
