/**
 * Scratch space on disk for a verify, an export or a verify-package over a large record, so
 * that their memory stays flat in the number of events: SQLite's private temporary database
 * (opened with an empty file name). SQLite creates it in its temporary directory
 * (SQLITE_TMPDIR or TMPDIR, else /var/tmp, /usr/tmp or /tmp) with mode 0600 and unlinks it as
 * soon as it is opened, so no other process can open it by name and nothing is left behind,
 * even when the process is killed; its pages are held in a small cache and written to that
 * file past it. Closing it (callers do, in `finally`) frees the file.
 */
import Database from 'better-sqlite3';
import type { DigestSpill } from '../../record/verify.js';

export type ScratchDb = Database.Database;

/**
 * How many entities or contacts are kept in memory before they are moved to disk: `n`, or
 * DUNGUARD_SPILL_AT when set (the tests set 0 to run every check through the scratch tables).
 */
export function spillAt(n: number): number {
  const v = process.env.DUNGUARD_SPILL_AT;
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : n;
}

/** A private temporary database; one transaction is kept open (nothing in it needs to survive). */
export function openScratch(): ScratchDb {
  const db = new Database('');
  try {
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -8000'); // KiB: the pages held in memory
    db.pragma('temp_store = FILE'); // sorts of large queries go to disk too
    db.exec('BEGIN');
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
}

/** The verifier's digests in a scratch table (see RecordVerifier). */
export function digestSpill(): DigestSpill {
  const db = openScratch();
  try {
    db.exec('CREATE TABLE d (key TEXT PRIMARY KEY, ord INTEGER NOT NULL, digest BLOB NOT NULL, base BLOB)');
    const set = db.prepare('INSERT INTO d (key, ord, digest, base) VALUES (?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET digest = excluded.digest, base = coalesce(d.base, excluded.base)');
    const take = db.prepare('DELETE FROM d WHERE key = ? RETURNING digest, base');
    const keys = db.prepare('SELECT key FROM d ORDER BY ord').pluck();
    let ord = 0;
    return {
      set(key, digest, base) {
        set.run(key, ord++, Buffer.from(digest, 'latin1'), base === undefined ? null : Buffer.from(base, 'latin1'));
      },
      take(key) {
        const r = take.get(key) as { digest: Buffer; base: Buffer | null } | undefined;
        return r && { digest: r.digest.toString('latin1'), base: r.base === null ? undefined : r.base.toString('latin1') };
      },
      keys: () => keys.iterate() as IterableIterator<string>,
      close: () => {
        if (db.open) db.close();
      },
    };
  } catch (e) {
    db.close();
    throw e;
  }
}
