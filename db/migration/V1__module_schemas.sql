-- One schema per module (docs/architecture.md). A module reads and writes only its own schema.
-- The platform module owns no tables, so it has no schema.
CREATE SCHEMA IF NOT EXISTS chains;
CREATE SCHEMA IF NOT EXISTS identity;
CREATE SCHEMA IF NOT EXISTS pricing;
CREATE SCHEMA IF NOT EXISTS quotes;
CREATE SCHEMA IF NOT EXISTS risk;
CREATE SCHEMA IF NOT EXISTS execution;
CREATE SCHEMA IF NOT EXISTS charts;
CREATE SCHEMA IF NOT EXISTS notifications;
