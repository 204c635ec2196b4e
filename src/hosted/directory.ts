/**
 * The hosted service's directory: who may see which case. It lives in a PostgreSQL schema of
 * its own (default "dunguard_directory"), beside the cases, each of which is a whole record
 * (a PgStore and PgVault) in a schema of its own, `case_<id>`. Nothing here reads a case's
 * content: accounts, sessions, cases (owner and schema), shares, the access log and failed
 * logins; and for the case list, each case's summary (counts and times the server made from
 * the case: case-activity.ts) and when each account last opened it.
 *
 * - Passwords: scrypt (node:crypto), a random 16-byte salt, the parameters kept with the hash.
 * - Sessions: a random 32-byte token given to the browser; only its SHA-256 is stored.
 * - Logins: at most LOGIN_LIMIT failures per account name, and LOGIN_LIMIT_IP per address, in
 *   LOGIN_WINDOW_MS; counted in the database, so every app process sees the same count.
 * - The access log: every request to a case by someone other than its owner, one hash chain
 *   per case (each entry's hash covers the previous one), appended under a lock on the case's
 *   row so two processes never fork it.
 */
import { createHash, randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import pg from 'pg';
import { StoreError } from '../store/store.js';
import { UserError } from '../service/errors.js';

export type Role = 'client' | 'helper' | 'admin';

export interface Account {
  id: string;
  username: string;
  role: Role;
  disabled: boolean;
  created_at: string;
}

export interface CaseRow {
  id: string;
  owner_id: string;
  title: string;
  schema_name: string;
  created_at: string;
}

export interface AccessEntry {
  seq: number;
  at: string;
  account: string;
  role: Role;
  method: string;
  path: string;
  hash: string;
}

/** What someone may do with a case: its owner everything; a helper or admin it was shared with, read and draft letters. */
export type Access = 'owner' | 'shared';

export const LOGIN_LIMIT = 5;
export const LOGIN_LIMIT_IP = 30;
export const LOGIN_WINDOW_MS = 15 * 60_000;
export const SESSION_MS = 12 * 3600_000;

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
export const CASE_ID = /^[0-9a-f]{16}$/;
export const USERNAME = /^[a-z0-9][a-z0-9._@-]{2,63}$/;

/** scrypt parameters: N=2^15 (32 MiB; one check took ~0.27 s on the shared 2-core machine while tests ran, in libuv's thread pool, not the event loop); tests may lower N. */
export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}
export const SCRYPT: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };

function scrypt(password: string, salt: Buffer, k: ScryptParams): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCb(password.normalize('NFC'), salt, 32, { N: k.N, r: k.r, p: k.p, maxmem: 256 * k.N * k.r + 1024 * 1024 }, (e, key) => (e ? reject(e) : resolve(key))),
  );
}

export async function hashPassword(password: string, k: ScryptParams = SCRYPT): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, k);
  return `scrypt$${k.N}$${k.r}$${k.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function passwordMatches(password: string, stored: string): Promise<boolean> {
  const [alg, n, r, p, salt, key] = stored.split('$');
  if (alg !== 'scrypt' || salt === undefined || key === undefined) return false;
  const want = Buffer.from(key, 'base64');
  const got = await scrypt(password, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p) });
  return got.length === want.length && timingSafeEqual(got, want);
}

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

export function badPassword(password: string): UserError | undefined {
  if (password.length < 10 || password.length > 200) {
    return new UserError('BAD_INPUT', '密码需要 10 到 200 个字符。', 'A password needs 10 to 200 characters.');
  }
  return undefined;
}

function badUsername(username: string): UserError | undefined {
  if (!USERNAME.test(username)) {
    return new UserError('BAD_INPUT', '用户名需要 3 到 64 个字符：小写字母、数字和 . _ @ -，以字母或数字开头。', 'A user name needs 3 to 64 characters: lower-case letters, digits and . _ @ -, starting with a letter or digit.');
  }
  return undefined;
}

const MIGRATION = (schema: string) => `
CREATE TABLE IF NOT EXISTS ${schema}.accounts (
  id text PRIMARY KEY,
  username text NOT NULL UNIQUE,
  role text NOT NULL CHECK (role IN ('client', 'helper', 'admin')),
  password_hash text NOT NULL,
  disabled boolean NOT NULL DEFAULT false,
  created_at text NOT NULL
);
CREATE TABLE IF NOT EXISTS ${schema}.sessions (
  token_hash text PRIMARY KEY,
  account_id text NOT NULL REFERENCES ${schema}.accounts(id),
  expires_at timestamptz NOT NULL
);
CREATE TABLE IF NOT EXISTS ${schema}.cases (
  id text PRIMARY KEY,
  owner_id text NOT NULL REFERENCES ${schema}.accounts(id),
  title text NOT NULL,
  schema_name text NOT NULL UNIQUE,
  created_at text NOT NULL
);
CREATE TABLE IF NOT EXISTS ${schema}.shares (
  case_id text NOT NULL REFERENCES ${schema}.cases(id),
  account_id text NOT NULL REFERENCES ${schema}.accounts(id),
  created_at text NOT NULL,
  PRIMARY KEY (case_id, account_id)
);
CREATE TABLE IF NOT EXISTS ${schema}.access_log (
  case_id text NOT NULL REFERENCES ${schema}.cases(id),
  seq integer NOT NULL,
  at text NOT NULL,
  account_id text NOT NULL,
  username text NOT NULL,
  role text NOT NULL,
  method text NOT NULL,
  path text NOT NULL,
  prev_hash text NOT NULL,
  hash text NOT NULL,
  PRIMARY KEY (case_id, seq)
);
CREATE TABLE IF NOT EXISTS ${schema}.login_failures (
  username text NOT NULL,
  ip text NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS ${schema}.rate_hits (
  account_id text NOT NULL,
  what text NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
-- A case deleted with its owner's account keeps its row (and access log): no owner, a time of deletion.
-- Checked first, so that a process starting does not lock the table when there is nothing to change.
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = '${schema}' AND table_name = 'cases' AND column_name = 'deleted_at') THEN
    ALTER TABLE ${schema}.cases ADD COLUMN deleted_at text;
    ALTER TABLE ${schema}.cases ALTER COLUMN owner_id DROP NOT NULL;
  END IF;
END $$;
CREATE INDEX IF NOT EXISTS rate_hits_account ON ${schema}.rate_hits (account_id, what, at);
CREATE INDEX IF NOT EXISTS login_failures_user ON ${schema}.login_failures (username, at);
CREATE INDEX IF NOT EXISTS login_failures_ip ON ${schema}.login_failures (ip, at);
CREATE OR REPLACE FUNCTION ${schema}.access_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'the access log is append-only'; END $$;
DROP TRIGGER IF EXISTS access_log_no_change ON ${schema}.access_log;
CREATE TRIGGER access_log_no_change BEFORE UPDATE OR DELETE ON ${schema}.access_log FOR EACH ROW EXECUTE FUNCTION ${schema}.access_log_append_only();
`;

/**
 * Numbered migrations of the directory, after the base tables above (which every process
 * re-applies, each statement idempotent). Each runs once, in order, under the directory's
 * migration lock, recorded in `schema_migrations`. Never edit one that has shipped: add the next.
 */
const DIRECTORY_MIGRATIONS: readonly { version: number; name: string; sql: (schema: string) => string }[] = [
  {
    version: 1,
    name: 'case list: a summary of each case (kept when it changes) and when each account last opened it',
    sql: (s) => `
      CREATE TABLE ${s}.case_activity (
        case_id text PRIMARY KEY REFERENCES ${s}.cases(id),
        version bigint NOT NULL,
        events_added bigint NOT NULL,
        events bigint NOT NULL,
        latest_event_utc text,
        last_added_at text,
        findings integer NOT NULL,
        updated_at text NOT NULL
      );
      CREATE TABLE ${s}.case_views (
        case_id text NOT NULL REFERENCES ${s}.cases(id),
        account_id text NOT NULL REFERENCES ${s}.accounts(id) ON DELETE CASCADE,
        viewed_at text NOT NULL,
        events_seen bigint NOT NULL,
        PRIMARY KEY (account_id, case_id)
      );`,
  },
];

/** A case's summary for the case list (see case-activity.ts): `version` is the case's audit chain head when it was read. */
export interface CaseActivity {
  version: number;
  events_added: number;
  events: number;
  latest_event_utc: string | null;
  last_added_at: string | null;
  findings: number;
}

/** One row of the case list: the case, and what is new in it for the account asking. */
export interface CaseListRow extends CaseRow {
  owner: string;
  access: Access;
  /** Null until the case's summary was first made (a case opened before the case list had one). */
  events: number | null;
  latest_event_utc: string | null;
  last_added_at: string | null;
  findings: number | null;
  /** Events added since this account last opened the case (all of them if it never did). */
  new_events: number | null;
  last_viewed_at: string | null;
}

const GENESIS = '0'.repeat(64);

/** What an account may do with a case (its row and whether it is shared with them): its owner, a client, everything; staff it was shared with, read. */
function accessOf(account: Account, c: CaseRow & { shared: boolean }): { row: CaseRow; access: Access } | undefined {
  const { shared, ...row } = c;
  if (row.owner_id === account.id && account.role === 'client') return { row, access: 'owner' };
  if (shared && (account.role === 'helper' || account.role === 'admin')) return { row, access: 'shared' };
  return undefined;
}

/** Who an access-log entry names: an account, or the command line (an operator on the server). */
export type Actor = Pick<Account, 'id' | 'username' | 'role'>;

/** Appends one entry to a case's access log inside the caller's transaction, under a lock on the case's row. */
async function appendAccess(c: pg.PoolClient, cases: string, log: string, caseId: string, who: Actor, method: string, path: string): Promise<void> {
  await c.query(`SELECT id FROM ${cases} WHERE id = $1 FOR UPDATE`, [caseId]);
  const last = await c.query<{ seq: number; hash: string }>(`SELECT seq, hash FROM ${log} WHERE case_id = $1 ORDER BY seq DESC LIMIT 1`, [caseId]);
  const prev = last.rows[0]?.hash ?? GENESIS;
  const e = { case_id: caseId, seq: (last.rows[0]?.seq ?? 0) + 1, at: new Date().toISOString(), account_id: who.id, username: who.username, role: who.role, method, path };
  await c.query(
    `INSERT INTO ${log} (case_id, seq, at, account_id, username, role, method, path, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [e.case_id, e.seq, e.at, e.account_id, e.username, e.role, e.method, e.path, prev, accessHash(prev, e)],
  );
}

/** The hash of one access-log entry: the previous hash and the entry's fields, in a fixed order. */
export function accessHash(prev: string, e: { case_id: string; seq: number; at: string; account_id: string; username: string; role: string; method: string; path: string }): string {
  return sha256(JSON.stringify([prev, e.case_id, e.seq, e.at, e.account_id, e.username, e.role, e.method, e.path]));
}

export class Directory {
  private constructor(
    private readonly pool: pg.Pool,
    readonly schema: string,
    private readonly k: ScryptParams,
  ) {}

  /** `scrypt`: the parameters for new passwords (tests pass a cheaper N). */
  static async open(o: { url: string; schema?: string; scrypt?: ScryptParams }): Promise<Directory> {
    const schema = o.schema ?? 'dunguard_directory';
    if (!SCHEMA_NAME.test(schema)) throw new StoreError('BAD_DATA', `数据库 schema 名称“${schema}”无效`, `Invalid schema name "${schema}"`);
    const pool = new pg.Pool({ connectionString: o.url, max: 5, connectionTimeoutMillis: 10_000, application_name: 'dunguard-directory' });
    pool.on('error', () => {});
    const d = new Directory(pool, schema, o.scrypt ?? SCRYPT);
    let c: pg.PoolClient;
    try {
      c = await pool.connect();
    } catch (e) {
      await pool.end().catch(() => {});
      const u = new URL(o.url);
      const where = `${u.hostname}:${u.port || '5432'}${u.pathname}`;
      const msg = (e as Error).message;
      throw new StoreError('IO', `无法连接 PostgreSQL 数据库 ${where}：${msg}`, `Cannot reach the PostgreSQL database ${where}: ${msg}`);
    }
    try {
      // Several processes may start at once: one creates the tables, the others wait for it.
      await c.query('BEGIN');
      await c.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`dunguard-directory:${schema}`]);
      await c.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      await c.query(MIGRATION(schema));
      await c.query(`CREATE TABLE IF NOT EXISTS ${schema}.schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at text NOT NULL)`);
      const done = new Set((await c.query<{ version: number }>(`SELECT version FROM ${schema}.schema_migrations`)).rows.map((r) => r.version));
      for (const m of DIRECTORY_MIGRATIONS) {
        if (done.has(m.version)) continue;
        await c.query(m.sql(schema));
        await c.query(`INSERT INTO ${schema}.schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)`, [m.version, m.name, new Date().toISOString()]);
      }
      await c.query('COMMIT');
    } catch (e) {
      await c.query('ROLLBACK').catch(() => {});
      throw e;
    } finally {
      c.release();
    }
    return d;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private t(name: string): string {
    return `${this.schema}.${name}`;
  }

  async createAccount(username: string, password: string, role: Role): Promise<Account> {
    const u = username.trim().toLowerCase();
    const bad = badUsername(u) ?? badPassword(password);
    if (bad) throw bad;
    const id = randomBytes(8).toString('hex');
    const at = new Date().toISOString();
    const hash = await hashPassword(password, this.k);
    const r = await this.pool.query(`INSERT INTO ${this.t('accounts')} (id, username, role, password_hash, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (username) DO NOTHING`, [id, u, role, hash, at]);
    if (r.rowCount === 0) throw new UserError('TAKEN', '这个用户名已被使用，请换一个。', 'This user name is taken: choose another.');
    return { id, username: u, role, disabled: false, created_at: at };
  }

  async accountByName(username: string): Promise<Account | undefined> {
    const r = await this.pool.query<Account>(`SELECT id, username, role, disabled, created_at FROM ${this.t('accounts')} WHERE username = $1`, [username.trim().toLowerCase()]);
    return r.rows[0];
  }

  async listAccounts(role?: Role): Promise<Account[]> {
    const r = await this.pool.query<Account>(`SELECT id, username, role, disabled, created_at FROM ${this.t('accounts')} WHERE ($1::text IS NULL OR role = $1) ORDER BY created_at, id`, [role ?? null]);
    return r.rows;
  }

  /** Disables an account and ends its sessions. */
  async disable(accountId: string): Promise<boolean> {
    const r = await this.pool.query(`UPDATE ${this.t('accounts')} SET disabled = true WHERE id = $1`, [accountId]);
    await this.pool.query(`DELETE FROM ${this.t('sessions')} WHERE account_id = $1`, [accountId]);
    return (r.rowCount ?? 0) > 0;
  }

  /** Too many failed logins for this name or from this address within the window? */
  async loginBlocked(username: string, ip: string): Promise<boolean> {
    const since = new Date(Date.now() - LOGIN_WINDOW_MS);
    const r = await this.pool.query<{ u: string; i: string }>(
      `SELECT (SELECT count(*) FROM ${this.t('login_failures')} WHERE username = $1 AND at > $3) AS u, (SELECT count(*) FROM ${this.t('login_failures')} WHERE ip = $2 AND at > $3) AS i`,
      [username, ip, since],
    );
    const row = r.rows[0]!;
    return Number(row.u) >= LOGIN_LIMIT || Number(row.i) >= LOGIN_LIMIT_IP;
  }

  /**
   * A session token for a right name and password, or undefined. Every failure is counted;
   * an unknown name costs the same scrypt as a known one.
   */
  async login(username: string, password: string, ip: string): Promise<{ token: string; account: Account } | undefined> {
    const u = username.trim().toLowerCase();
    const r = await this.pool.query<Account & { password_hash: string }>(`SELECT id, username, role, disabled, created_at, password_hash FROM ${this.t('accounts')} WHERE username = $1`, [u]);
    const row = r.rows[0];
    const ok = await passwordMatches(password, row?.password_hash ?? DUMMY_HASH);
    if (row === undefined || !ok || row.disabled) {
      await this.countFailure(u, ip);
      return undefined;
    }
    await this.pool.query(`DELETE FROM ${this.t('login_failures')} WHERE username = $1`, [u]);
    const token = randomBytes(32).toString('base64url');
    await this.pool.query(`INSERT INTO ${this.t('sessions')} (token_hash, account_id, expires_at) VALUES ($1, $2, $3)`, [sha256(token), row.id, new Date(Date.now() + SESSION_MS)]);
    await this.pool.query(`DELETE FROM ${this.t('sessions')} WHERE expires_at < now()`);
    const { password_hash: _h, ...account } = row;
    return { token, account };
  }

  /**
   * Counts one use of `what` by an account, unless it has already had `limit` in the last
   * `windowMs`: false then. In the database, so the limit holds across every app process.
   */
  async takeRate(accountId: string, what: string, limit: number, windowMs: number): Promise<boolean> {
    const c = await this.pool.connect();
    try {
      await c.query('BEGIN');
      await c.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`dunguard-rate:${accountId}:${what}`]);
      const since = new Date(Date.now() - windowMs);
      const n = Number((await c.query<{ n: string }>(`SELECT count(*) AS n FROM ${this.t('rate_hits')} WHERE account_id = $1 AND what = $2 AND at > $3`, [accountId, what, since])).rows[0]!.n);
      if (n < limit) await c.query(`INSERT INTO ${this.t('rate_hits')} (account_id, what) VALUES ($1, $2)`, [accountId, what]);
      await c.query(`DELETE FROM ${this.t('rate_hits')} WHERE account_id = $1 AND what = $2 AND at < $3`, [accountId, what, since]);
      await c.query('COMMIT');
      return n < limit;
    } catch (e) {
      await c.query('ROLLBACK').catch(() => {});
      throw e;
    } finally {
      c.release();
    }
  }

  /** Changes a password when the old one is right; every session of the account ends (the caller logs in again). */
  async changePassword(accountId: string, oldPassword: string, newPassword: string): Promise<boolean> {
    const bad = badPassword(newPassword);
    if (bad) throw bad;
    const r = await this.pool.query<{ password_hash: string }>(`SELECT password_hash FROM ${this.t('accounts')} WHERE id = $1 AND NOT disabled`, [accountId]);
    if (r.rows[0] === undefined || !(await passwordMatches(oldPassword, r.rows[0].password_hash))) return false;
    await this.pool.query(`UPDATE ${this.t('accounts')} SET password_hash = $2 WHERE id = $1`, [accountId, await hashPassword(newPassword, this.k)]);
    await this.pool.query(`DELETE FROM ${this.t('sessions')} WHERE account_id = $1`, [accountId]);
    return true;
  }

  async countFailure(username: string, ip: string): Promise<void> {
    await this.pool.query(`INSERT INTO ${this.t('login_failures')} (username, ip) VALUES ($1, $2)`, [username, ip]);
    await this.pool.query(`DELETE FROM ${this.t('login_failures')} WHERE at < now() - interval '1 day'`);
  }

  async logout(token: string): Promise<void> {
    await this.pool.query(`DELETE FROM ${this.t('sessions')} WHERE token_hash = $1`, [sha256(token)]);
  }

  /** The account a session token belongs to, while the session lasts and the account is enabled. */
  async session(token: string): Promise<Account | undefined> {
    const r = await this.pool.query<Account>(
      `SELECT a.id, a.username, a.role, a.disabled, a.created_at FROM ${this.t('sessions')} s JOIN ${this.t('accounts')} a ON a.id = s.account_id WHERE s.token_hash = $1 AND s.expires_at > now() AND NOT a.disabled`,
      [sha256(token)],
    );
    return r.rows[0];
  }

  async createCase(owner: Account, title: string): Promise<CaseRow> {
    const id = randomBytes(8).toString('hex');
    const row: CaseRow = { id, owner_id: owner.id, title, schema_name: `case_${id}`, created_at: new Date().toISOString() };
    await this.pool.query(`INSERT INTO ${this.t('cases')} (id, owner_id, title, schema_name, created_at) VALUES ($1, $2, $3, $4, $5)`, [row.id, row.owner_id, row.title, row.schema_name, row.created_at]);
    return row;
  }

  /** The case and what this account may do with it; undefined when it does not exist or is not theirs to see (the caller answers 404 for both). */
  async access(account: Account, caseId: string): Promise<{ row: CaseRow; access: Access } | undefined> {
    if (!CASE_ID.test(caseId)) return undefined;
    const r = await this.pool.query<CaseRow & { shared: boolean }>(
      `SELECT c.id, c.owner_id, c.title, c.schema_name, c.created_at,
              EXISTS (SELECT 1 FROM ${this.t('shares')} s WHERE s.case_id = c.id AND s.account_id = $2) AS shared
         FROM ${this.t('cases')} c WHERE c.id = $1 AND c.deleted_at IS NULL`,
      [caseId, account.id],
    );
    const c = r.rows[0];
    return c === undefined ? undefined : accessOf(account, c);
  }

  /**
   * session(token) and access(account, caseId) in one query (one round trip, one snapshot):
   * what a request to a case route asks first. `account` undefined: no such session (or it
   * ended, or the account is disabled); `access` undefined: the case is not theirs to see.
   */
  async sessionAccess(token: string, caseId: string): Promise<{ account: Account | undefined; access: { row: CaseRow; access: Access } | undefined }> {
    const r = await this.pool.query<Account & { case_id: string | null; owner_id: string | null; title: string; schema_name: string; case_created_at: string; shared: boolean }>({
      name: 'dunguard_session_access',
      text: `SELECT a.id, a.username, a.role, a.disabled, a.created_at,
                    c.id AS case_id, c.owner_id, c.title, c.schema_name, c.created_at AS case_created_at,
                    EXISTS (SELECT 1 FROM ${this.t('shares')} h WHERE h.case_id = c.id AND h.account_id = a.id) AS shared
               FROM ${this.t('sessions')} s JOIN ${this.t('accounts')} a ON a.id = s.account_id
               LEFT JOIN ${this.t('cases')} c ON c.id = $2 AND c.deleted_at IS NULL
              WHERE s.token_hash = $1 AND s.expires_at > now() AND NOT a.disabled`,
      values: [sha256(token), CASE_ID.test(caseId) ? caseId : null],
    });
    const x = r.rows[0];
    if (x === undefined) return { account: undefined, access: undefined };
    const account: Account = { id: x.id, username: x.username, role: x.role, disabled: x.disabled, created_at: x.created_at };
    if (x.case_id === null) return { account, access: undefined };
    return { account, access: accessOf(account, { id: x.case_id, owner_id: x.owner_id!, title: x.title, schema_name: x.schema_name, created_at: x.case_created_at, shared: x.shared }) };
  }

  /**
   * The cases an account sees — a client's own, a helper's or admin's shared with them — each
   * with its summary and what is new since this account last opened it; in one query. Newest
   * activity first: cases with new events, then by when an event was last added, then newest case.
   */
  async listCases(account: Account): Promise<CaseListRow[]> {
    const r = await this.pool.query<CaseListRow & { events: string | null; new_events: string | null }>(
      `SELECT c.id, c.owner_id, c.title, c.schema_name, c.created_at, a.username AS owner,
              CASE WHEN c.owner_id = $1 THEN 'owner' ELSE 'shared' END AS access,
              k.events, k.latest_event_utc, k.last_added_at, k.findings,
              k.events_added - coalesce(v.events_seen, 0) AS new_events, v.viewed_at AS last_viewed_at
         FROM ${this.t('cases')} c JOIN ${this.t('accounts')} a ON a.id = c.owner_id
         LEFT JOIN ${this.t('case_activity')} k ON k.case_id = c.id
         LEFT JOIN ${this.t('case_views')} v ON v.case_id = c.id AND v.account_id = $1
        WHERE c.deleted_at IS NULL AND (($2 = 'client' AND c.owner_id = $1)
           OR ($2 <> 'client' AND EXISTS (SELECT 1 FROM ${this.t('shares')} s WHERE s.case_id = c.id AND s.account_id = $1)))
        ORDER BY (k.events_added - coalesce(v.events_seen, 0) > 0) DESC NULLS LAST, k.last_added_at DESC NULLS LAST, c.created_at DESC, c.id`,
      [account.id, account.role],
    );
    return r.rows.map((row) => ({ ...row, events: row.events === null ? null : Number(row.events), new_events: row.new_events === null ? null : Math.max(0, Number(row.new_events)) }));
  }

  /** The version (audit chain head) of a case's stored summary; undefined when it has none. */
  async activityVersion(caseId: string): Promise<number | undefined> {
    const r = await this.pool.query<{ version: string }>(`SELECT version FROM ${this.t('case_activity')} WHERE case_id = $1`, [caseId]);
    return r.rows[0] === undefined ? undefined : Number(r.rows[0].version);
  }

  /**
   * Stores a case's summary unless one read from a later state of the case is there already
   * (two processes refreshing the same case: the later state wins, whichever finishes last).
   * `seenBy`: accounts marked in the same statement as markViewed would mark them right after
   * (what the summary stored after this statement holds counts as seen).
   */
  async saveActivity(caseId: string, a: CaseActivity, seenBy: readonly string[] = []): Promise<void> {
    const save = `INSERT INTO ${this.t('case_activity')} AS k (case_id, version, events_added, events, latest_event_utc, last_added_at, findings, updated_at)
       SELECT $1, $2, $3, $4, $5, $6, $7, $8 WHERE EXISTS (SELECT 1 FROM ${this.t('cases')} WHERE id = $1 AND deleted_at IS NULL)
       ON CONFLICT (case_id) DO UPDATE SET version = excluded.version, events_added = excluded.events_added, events = excluded.events,
         latest_event_utc = excluded.latest_event_utc, last_added_at = excluded.last_added_at, findings = excluded.findings, updated_at = excluded.updated_at
       WHERE k.version < excluded.version`;
    const values = [caseId, a.version, a.events_added, a.events, a.latest_event_utc, a.last_added_at, a.findings, new Date().toISOString()];
    if (seenBy.length === 0) {
      await this.pool.query({ name: 'dunguard_save_activity', text: save, values });
      return;
    }
    // The statement's own snapshot does not see its insert: what is stored after it is ours when
    // ours was stored (RETURNING), else what was there — the greater of the two, as events_added only grows.
    await this.pool.query({
      name: 'dunguard_save_activity_seen',
      text: `WITH saved AS (${save} RETURNING k.events_added)
       INSERT INTO ${this.t('case_views')} AS v (case_id, account_id, viewed_at, events_seen)
       SELECT $1, u.account_id, $8, greatest(coalesce((SELECT events_added FROM ${this.t('case_activity')} WHERE case_id = $1), 0), coalesce((SELECT events_added FROM saved), 0))
         FROM unnest($9::text[]) AS u(account_id)
       ON CONFLICT (account_id, case_id) DO UPDATE SET viewed_at = excluded.viewed_at, events_seen = greatest(v.events_seen, excluded.events_seen)`,
      values: [...values, [...seenBy]],
    });
  }

  /** This account has opened the case (or changed it) now: what is in its summary counts as seen. */
  async markViewed(caseId: string, accountId: string): Promise<void> {
    await this.pool.query({
      name: 'dunguard_mark_viewed',
      text: `INSERT INTO ${this.t('case_views')} AS v (case_id, account_id, viewed_at, events_seen)
       VALUES ($1, $2, $3, coalesce((SELECT events_added FROM ${this.t('case_activity')} WHERE case_id = $1), 0))
       ON CONFLICT (account_id, case_id) DO UPDATE SET viewed_at = excluded.viewed_at, events_seen = greatest(v.events_seen, excluded.events_seen)`,
      values: [caseId, accountId, new Date().toISOString()],
    });
  }

  async allCases(): Promise<CaseRow[]> {
    return (await this.pool.query<CaseRow>(`SELECT id, owner_id, title, schema_name, created_at FROM ${this.t('cases')} WHERE deleted_at IS NULL ORDER BY created_at, id`)).rows;
  }

  /** Shares a case with a helper or admin, named by user name; false when there is no such staff account. */
  async share(caseId: string, username: string): Promise<Account | undefined> {
    const who = await this.accountByName(username);
    if (who === undefined || who.disabled || (who.role !== 'helper' && who.role !== 'admin')) return undefined;
    await this.pool.query(`INSERT INTO ${this.t('shares')} (case_id, account_id, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [caseId, who.id, new Date().toISOString()]);
    return who;
  }

  async revoke(caseId: string, accountId: string): Promise<boolean> {
    const r = await this.pool.query(`DELETE FROM ${this.t('shares')} WHERE case_id = $1 AND account_id = $2`, [caseId, accountId]);
    return (r.rowCount ?? 0) > 0;
  }

  async shares(caseId: string): Promise<{ account_id: string; username: string; role: Role; created_at: string }[]> {
    const r = await this.pool.query<{ account_id: string; username: string; role: Role; created_at: string }>(
      `SELECT s.account_id, a.username, a.role, s.created_at FROM ${this.t('shares')} s JOIN ${this.t('accounts')} a ON a.id = s.account_id WHERE s.case_id = $1 ORDER BY s.created_at, a.username`,
      [caseId],
    );
    return r.rows;
  }

  /** Appends one entry to the case's access log (its own hash chain), under a lock on the case's row. */
  async logAccess(caseId: string, who: Actor, method: string, path: string): Promise<void> {
    await this.transaction((c) => appendAccess(c, this.t('cases'), this.t('access_log'), caseId, who, method, path));
  }

  private async transaction<T>(f: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const c = await this.pool.connect();
    try {
      await c.query('BEGIN');
      const out = await f(c);
      await c.query('COMMIT');
      return out;
    } catch (err) {
      await c.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      c.release();
    }
  }

  /**
   * An admin's password reset: a new random password (returned once, to be handed over), every
   * session of the account ended, its failed logins forgotten (so it can log in at once).
   */
  async resetPassword(accountId: string): Promise<string> {
    const password = randomBytes(12).toString('base64url');
    const hash = await hashPassword(password, this.k);
    await this.transaction(async (c) => {
      const r = await c.query<{ username: string }>(`UPDATE ${this.t('accounts')} SET password_hash = $2 WHERE id = $1 RETURNING username`, [accountId, hash]);
      if (r.rows[0] === undefined) throw new UserError('NOT_FOUND', '没有这个账号。', 'No such account.');
      await c.query(`DELETE FROM ${this.t('sessions')} WHERE account_id = $1`, [accountId]);
      await c.query(`DELETE FROM ${this.t('login_failures')} WHERE username = $1`, [r.rows[0].username]);
    });
    return password;
  }

  /**
   * Deletes an account, in one transaction, and says what happened to the cases it touched:
   * - a helper or admin: every case shared with them stops being shared; each such case's
   *   access log gets an entry (by `by`: DELETE /accounts/<name>) its owner reads;
   * - a client who owns cases: refused (HAS_CASES) unless `deleteCases`; then each case's record
   *   and evidence (its schema) are dropped, its shares ended, and the directory keeps only the
   *   case's id and its access log, whose last entry (DELETE /) says who deleted it.
   * Sessions, failed logins and rate counts of the account go with it.
   */
  async deleteAccount(target: Account, by: Actor, o: { deleteCases?: boolean } = {}): Promise<{ unshared: string[]; deleted: string[] }> {
    return this.transaction(async (c) => {
      const owned = (await c.query<{ id: string; schema_name: string }>(`SELECT id, schema_name FROM ${this.t('cases')} WHERE owner_id = $1 AND deleted_at IS NULL ORDER BY created_at, id FOR UPDATE`, [target.id])).rows;
      if (owned.length > 0 && !o.deleteCases) {
        throw new UserError(
          'HAS_CASES',
          `账号“${target.username}”还有 ${owned.length} 个案件。删除账号会同时永久删除这些案件的全部记录和证据文件（查看记录保留）。如果确定，请选择“连同案件一起删除”。`,
          `The account "${target.username}" still has ${owned.length} case(s). Deleting it deletes every record and evidence file of those cases for good (their access logs are kept). If you are sure, choose "delete its cases too".`,
        );
      }
      const shared = (await c.query<{ case_id: string }>(`SELECT s.case_id FROM ${this.t('shares')} s JOIN ${this.t('cases')} k ON k.id = s.case_id WHERE s.account_id = $1 AND k.deleted_at IS NULL ORDER BY s.case_id`, [target.id])).rows.map((r) => r.case_id);
      for (const id of shared) await appendAccess(c, this.t('cases'), this.t('access_log'), id, by, 'DELETE', `/accounts/${target.username}`);
      await c.query(`DELETE FROM ${this.t('shares')} WHERE account_id = $1`, [target.id]);
      for (const k of owned) {
        if (!SCHEMA_NAME.test(k.schema_name)) throw new Error(`bad case schema ${k.schema_name}`);
        await appendAccess(c, this.t('cases'), this.t('access_log'), k.id, by, 'DELETE', '/');
        await c.query(`DELETE FROM ${this.t('shares')} WHERE case_id = $1`, [k.id]);
        await c.query(`DELETE FROM ${this.t('case_views')} WHERE case_id = $1`, [k.id]);
        await c.query(`DELETE FROM ${this.t('case_activity')} WHERE case_id = $1`, [k.id]);
        await c.query(`UPDATE ${this.t('cases')} SET owner_id = NULL, title = '', deleted_at = $2 WHERE id = $1`, [k.id, new Date().toISOString()]);
        await c.query(`DROP SCHEMA IF EXISTS ${k.schema_name} CASCADE`);
      }
      await c.query(`DELETE FROM ${this.t('sessions')} WHERE account_id = $1`, [target.id]);
      await c.query(`DELETE FROM ${this.t('rate_hits')} WHERE account_id = $1`, [target.id]);
      await c.query(`DELETE FROM ${this.t('login_failures')} WHERE username = $1`, [target.username]);
      const r = await c.query(`DELETE FROM ${this.t('accounts')} WHERE id = $1`, [target.id]);
      if ((r.rowCount ?? 0) === 0) throw new UserError('NOT_FOUND', '没有这个账号。', 'No such account.');
      return { unshared: shared, deleted: owned.map((k) => k.id) };
    });
  }

  async accessLog(caseId: string): Promise<AccessEntry[]> {
    const r = await this.pool.query<AccessEntry>(`SELECT seq, at, username AS account, role, method, path, hash FROM ${this.t('access_log')} WHERE case_id = $1 ORDER BY seq`, [caseId]);
    return r.rows;
  }

  /** Walks a case's access log: every entry follows the one before and hashes to what it says. */
  async verifyAccessLog(caseId: string): Promise<{ intact: boolean; entries: number; problems: string[] }> {
    const r = await this.pool.query<{ case_id: string; seq: number; at: string; account_id: string; username: string; role: string; method: string; path: string; prev_hash: string; hash: string }>(
      `SELECT * FROM ${this.t('access_log')} WHERE case_id = $1 ORDER BY seq`,
      [caseId],
    );
    const problems: string[] = [];
    let prev = GENESIS;
    let seq = 0;
    for (const e of r.rows) {
      seq += 1;
      if (e.seq !== seq) problems.push(`access log entry ${seq} is missing (found ${e.seq})`);
      if (e.prev_hash !== prev) problems.push(`access log entry ${e.seq} does not follow the one before`);
      if (accessHash(e.prev_hash, e) !== e.hash) problems.push(`access log entry ${e.seq} was changed`);
      prev = e.hash;
      seq = e.seq;
    }
    return { intact: problems.length === 0, entries: r.rows.length, problems };
  }
}

/** A hash for unknown names, so that a wrong name takes as long as a wrong password. */
const DUMMY_HASH = `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${randomBytes(16).toString('base64')}$${randomBytes(32).toString('base64')}`;
