/**
 * Where the browser store keeps its database file between visits, and the lock that makes
 * one writer at a time (two tabs of the app are two handles on one record). The store holds
 * the whole database in memory (sql.js) and saves it here after each committed transaction;
 * a handle that finds a newer version than its own reads it again before it reads or writes.
 */
export interface RecordFile {
  /** Runs `f` holding the record's lock: no other handle reads or saves meanwhile. */
  locked<T>(f: () => Promise<T>): Promise<T>;
  /** The saved database, and its version (undefined: nothing saved yet). */
  load(): Promise<{ bytes: Uint8Array; version: number } | undefined>;
  /** The version saved last (0: nothing saved yet). */
  version(): Promise<number>;
  /** Saves the database; its new version. */
  save(bytes: Uint8Array): Promise<number>;
}

/** A record file in memory, with an in-process lock: for tests, and shared by handles of one process. */
export function memoryRecordFile(): RecordFile {
  let saved: { bytes: Uint8Array; version: number } | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  return {
    locked<T>(f: () => Promise<T>): Promise<T> {
      const r = queue.then(f, f);
      queue = r.catch(() => undefined);
      return r;
    },
    load: async () => (saved === undefined ? undefined : { bytes: saved.bytes.slice(), version: saved.version }),
    version: async () => saved?.version ?? 0,
    save: async (bytes) => {
      saved = { bytes: bytes.slice(), version: (saved?.version ?? 0) + 1 };
      return saved.version;
    },
  };
}

/**
 * `file` with its saved database read ahead (`early`, started before the lock was taken: while
 * SQLite itself loads). The first load(), under the lock, hands over that read only if the saved
 * version is still the one it read — another handle may have saved meanwhile — and reads again
 * otherwise; later loads read the file.
 */
export function readAhead(file: RecordFile, early: Promise<{ bytes: Uint8Array; version: number } | undefined>): RecordFile {
  let ahead: typeof early | undefined = early;
  ahead.catch(() => undefined); // a failed read ahead: read again under the lock
  return {
    locked: (f) => file.locked(f),
    version: () => file.version(),
    save: (bytes) => file.save(bytes),
    async load() {
      const pre = ahead === undefined ? undefined : await ahead.catch(() => undefined);
      ahead = undefined;
      if (pre !== undefined && (await file.version()) === pre.version) return pre;
      return file.load();
    },
  };
}
