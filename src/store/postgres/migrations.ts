/**
 * Numbered schema migrations for the PostgreSQL store: the same tables as the SQLite store
 * (src/store/sqlite/migrations.ts), so that the audit chain records the same states and
 * verify rebuilds them the same way. Each runs once, in order, in one transaction with the
 * schema's migration lock held; `schema_migrations` records how far a schema has come. Never
 * edit a migration that has shipped: add the next one.
 *
 * Text columns that are sorted on are `COLLATE "C"`: byte order, as SQLite sorts, whatever
 * the cluster's locale — listings and packages come out in the same order on both stores.
 * Times stay ISO text, as in SQLite: the logged state is the text as written.
 */
export const PG_MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'record: events, evidence, audit chain and the lock that serialises appends',
    sql: `
      CREATE TABLE meta (key TEXT COLLATE "C" PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE events (
        id TEXT COLLATE "C" PRIMARY KEY,
        kind TEXT NOT NULL,
        occurred_at TEXT NOT NULL,
        occurred_utc TEXT COLLATE "C" NOT NULL,
        time_zone TEXT NOT NULL,
        number TEXT COLLATE "C",
        claimed TEXT NOT NULL,
        contacted TEXT NOT NULL,
        debt_disclosed SMALLINT,
        duration_s INTEGER,
        content TEXT,
        notes TEXT,
        source TEXT NOT NULL,
        import_key TEXT COLLATE "C" UNIQUE,
        analysis TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT,
        delete_reason TEXT
      );
      CREATE INDEX events_by_time_id ON events (occurred_utc, id);
      CREATE INDEX events_by_number ON events (number);
      CREATE TABLE evidence (
        sha256 TEXT COLLATE "C" PRIMARY KEY,
        size BIGINT NOT NULL,
        name TEXT NOT NULL,
        media_type TEXT NOT NULL,
        added_at TEXT COLLATE "C" NOT NULL
      );
      CREATE TABLE event_evidence (
        event_id TEXT COLLATE "C" NOT NULL REFERENCES events (id),
        sha256 TEXT COLLATE "C" NOT NULL REFERENCES evidence (sha256),
        PRIMARY KEY (event_id, sha256)
      );
      CREATE TABLE audit (
        seq BIGINT PRIMARY KEY,
        at TEXT NOT NULL,
        action TEXT NOT NULL,
        entity TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        payload TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      );
      -- One row, locked (SELECT ... FOR UPDATE) by every write transaction before it reads the
      -- chain's head: two app processes cannot append after the same entry.
      CREATE TABLE chain_lock (id INTEGER PRIMARY KEY CHECK (id = 1));
      INSERT INTO chain_lock (id) VALUES (1);
      -- The log is append-only through this program; verify catches edits made around it.
      CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'the audit log is append-only'; END
      $$;
      CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit FOR EACH ROW EXECUTE FUNCTION audit_append_only();
      CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit FOR EACH ROW EXECUTE FUNCTION audit_append_only();
      CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
    `,
  },
  {
    version: 2,
    name: 'ledger: debts and user-supplied LPR values',
    sql: `
      CREATE TABLE debts (id TEXT COLLATE "C" PRIMARY KEY, data TEXT NOT NULL);
      CREATE TABLE lpr_rates (month TEXT COLLATE "C" PRIMARY KEY, rate_percent DOUBLE PRECISION NOT NULL, source TEXT NOT NULL);
    `,
  },
  {
    version: 3,
    name: 'act: the user profile used in letters',
    sql: `CREATE TABLE profile (id INTEGER PRIMARY KEY CHECK (id = 1), data TEXT NOT NULL);`,
  },
  {
    version: 4,
    name: "record: the person's own tags on numbers, logged in the audit chain",
    sql: `CREATE TABLE number_tags (number TEXT COLLATE "C" PRIMARY KEY, data TEXT NOT NULL);`,
  },
  {
    version: 5,
    name: 'vault: evidence files in chunks, by SHA-256 (src/store/postgres/pg-vault.ts)',
    // A file's chunks are keyed 'tmp:<uuid>' while it is being written, inside its transaction: no foreign key.
    sql: `
      CREATE TABLE vault_files (sha256 TEXT COLLATE "C" PRIMARY KEY, size BIGINT NOT NULL, added_at TEXT NOT NULL);
      CREATE TABLE vault_chunks (sha256 TEXT COLLATE "C" NOT NULL, n INTEGER NOT NULL, data BYTEA NOT NULL, PRIMARY KEY (sha256, n));
    `,
  },
];
