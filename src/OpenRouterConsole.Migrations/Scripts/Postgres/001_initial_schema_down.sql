-- Migration 1 down (PostgreSQL): drop every application table, children before parents.

DROP TABLE usage_logs;
DROP TABLE messages;
DROP TABLE sessions;
DROP TABLE profiles;
DROP TABLE models;
