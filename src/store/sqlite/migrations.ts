/**
 * Numbered schema migrations for the SQLite store. Each runs once, in order, inside a
 * transaction; `PRAGMA user_version` records how far a database has come. Never edit a
 * migration that has shipped: add the next one.
 */
export const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'record: events, evidence, audit chain',
    sql: `
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE events (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        occurred_at TEXT NOT NULL,
        occurred_utc TEXT NOT NULL,
        time_zone TEXT NOT NULL,
        number TEXT,
        claimed TEXT NOT NULL,
        contacted TEXT NOT NULL,
        debt_disclosed INTEGER,
        duration_s INTEGER,
        content TEXT,
        notes TEXT,
        source TEXT NOT NULL,
        import_key TEXT UNIQUE,
        analysis TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT,
        delete_reason TEXT
      );
      CREATE INDEX events_by_time ON events (occurred_utc);
      CREATE INDEX events_by_number ON events (number);
      CREATE TABLE evidence (
        sha256 TEXT PRIMARY KEY,
        size INTEGER NOT NULL,
        name TEXT NOT NULL,
        media_type TEXT NOT NULL,
        added_at TEXT NOT NULL
      );
      CREATE TABLE event_evidence (
        event_id TEXT NOT NULL REFERENCES events (id),
        sha256 TEXT NOT NULL REFERENCES evidence (sha256),
        PRIMARY KEY (event_id, sha256)
      );
      CREATE TABLE audit (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        action TEXT NOT NULL,
        entity TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        payload TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      );
      -- The log is append-only through this program; verify catches edits made around it.
      CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
      CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    `,
  },
  {
    version: 2,
    name: 'ledger: debts and user-supplied LPR values',
    sql: `
      CREATE TABLE debts (id TEXT PRIMARY KEY, data TEXT NOT NULL);
      CREATE TABLE lpr_rates (month TEXT PRIMARY KEY, rate_percent REAL NOT NULL, source TEXT NOT NULL);
    `,
  },
  {
    version: 3,
    name: 'act: the user profile used in letters (kept local)',
    sql: `CREATE TABLE profile (id INTEGER PRIMARY KEY CHECK (id = 1), data TEXT NOT NULL);`,
  },
  {
    version: 4,
    name: 'record: events in time order by (occurred_utc, id), the order every listing uses (no sort step)',
    // Same filtering as events_by_time (its first column), and the id as well: the listings' ORDER BY occurred_utc, id is read off the index.
    sql: `
      CREATE INDEX events_by_time_id ON events (occurred_utc, id);
      DROP INDEX events_by_time;
    `,
  },
  {
    version: 5,
    name: "record: the person's own tags on numbers (诈骗, 违规催收, 催收-某平台, 官方), logged in the audit chain",
    // One row per number (its key, see src/record/tags.ts); a removed tag keeps its row with removed_at, as the chain keeps tombstones.
    sql: `CREATE TABLE number_tags (number TEXT PRIMARY KEY, data TEXT NOT NULL);`,
  },
];
