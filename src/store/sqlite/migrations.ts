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
  {
    version: 6,
    name: "record: the report's listing read off one index (lender, verdict and a may-flag hint as generated columns)",
    // The harassment report reads every event in time order. Three VIRTUAL generated columns —
    // computed by SQLite from the row's own claimed and analysis texts, so they can never
    // disagree with them (nothing to check beside the logged state) — and an index that holds
    // every column the report reads: the listing is read off the index alone, without a
    // lookup into the table or a JSON parse per row. It replaces events_by_time_id (same
    // leading columns: the same filtering and order for every listing).
    // report_flag is a conservative text test: it is 1 whenever the analysis may hold a signal
    // the report lists (a violation, or a scam signal of weight 5 or more) — the word
    // "violation", any escape, a weight that is not plainly a number below 5, or text that is
    // not JSON — and only then does the listing read the signals from the table
    // (src/store/sqlite/report-flag.test.ts checks it against random analyses).
    // Malformed JSON gives NULL (json_valid first): a damaged row cannot stop the migration.
    sql: `
      ALTER TABLE events ADD COLUMN lender TEXT GENERATED ALWAYS AS (CASE WHEN json_valid(claimed) THEN coalesce(json_extract(claimed, '$.platform'), json_extract(claimed, '$.company')) END) VIRTUAL;
      ALTER TABLE events ADD COLUMN verdict TEXT GENERATED ALWAYS AS (CASE WHEN json_valid(analysis) THEN json_extract(analysis, '$.verdict') END) VIRTUAL;
      ALTER TABLE events ADD COLUMN report_flag INTEGER GENERATED ALWAYS AS (analysis IS NOT NULL AND (NOT json_valid(analysis)
        OR instr(analysis, '"violation"') > 0 OR instr(analysis, '\\') > 0
        OR analysis GLOB '*"weight"[^:]*' OR analysis GLOB '*"weight":[^-0-4]*' OR analysis GLOB '*"weight":-[^0-9]*'
        OR analysis GLOB '*"weight":[0-4][^.,}]*' OR analysis GLOB '*"weight":[0-4].[^0-9]*' OR analysis GLOB '*"weight":[0-4].[0-9][^,}]*')) VIRTUAL;
      CREATE INDEX events_listing ON events (occurred_utc, id, deleted_at, kind, occurred_at, time_zone, number, contacted, debt_disclosed, lender, verdict, report_flag);
      DROP INDEX events_by_time_id;
    `,
  },
];
