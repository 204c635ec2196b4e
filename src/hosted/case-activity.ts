/**
 * The summary each case keeps for the case list: how many events, the latest, and the number
 * of findings of its harassment report (the same report the record's report page shows, over
 * the whole record). Computing the report for every case on every list request would cost
 * one report per case (tens to hundreds of milliseconds each for a large record), so the
 * summary is stored in the directory and made again after each change to the case; the list
 * is then one query, whatever the number of cases.
 *
 * A refresh first reads the case's audit chain head: every change to a record appends an
 * entry, so an unchanged head means nothing to do (one cheap query). Refreshes of one case in
 * this process are coalesced: while one runs, the requests that ask meanwhile share one more
 * run after it, so a burst of writes costs at most two reports, and each caller's answer waits
 * for a summary that includes its own change.
 */
import type { PgStore } from '../store/postgres/pg-store.js';
import { harassmentReport } from '../service/report.js';
import type { RecordContext } from '../service/record-context.js';
import type { Directory } from './directory.js';

/** Runs `f` for a key at most once at a time; callers arriving while it runs share one run after it. */
export class Coalescer {
  private readonly running = new Map<string, Promise<void>>();
  private readonly queued = new Map<string, Promise<void>>();

  run(key: string, f: () => Promise<void>): Promise<void> {
    const queued = this.queued.get(key);
    if (queued !== undefined) return queued;
    const running = this.running.get(key);
    if (running === undefined) return this.start(key, f);
    const next = running
      .catch(() => undefined)
      .then(() => {
        this.queued.delete(key);
        return this.start(key, f);
      });
    this.queued.set(key, next);
    return next;
  }

  private start(key: string, f: () => Promise<void>): Promise<void> {
    const p = f().finally(() => {
      if (this.running.get(key) === p) this.running.delete(key);
    });
    this.running.set(key, p);
    return p;
  }
}

/**
 * Makes a case's summary again if the case changed since it was stored. `changed`: the caller
 * has just changed the case (a write answered), so the stored summary's version is not asked
 * for first; the summary and the contacts are then read in one statement. Either way a summary
 * is stored only over one of an earlier version (Directory.saveActivity). `seenBy`: accounts
 * that have now seen the case (Directory.markViewed), marked with the summary as stored.
 */
export async function refreshActivity(directory: Directory, caseId: string, rc: RecordContext, o: { changed?: boolean; seenBy?: readonly string[] } = {}): Promise<void> {
  const store = rc.store as PgStore;
  const seenBy = o.seenBy ?? [];
  if (o.changed !== true) {
    const a = await store.activity();
    if ((await directory.activityVersion(caseId)) === a.version) {
      for (const account of seenBy) await directory.markViewed(caseId, account);
      return;
    }
  }
  const { activity: a, contacts } = await store.activityAndContacts();
  const report = await harassmentReport(rc, {}, contacts);
  await directory.saveActivity(caseId, { version: a.version, events_added: a.events_added, events: a.events, latest_event_utc: a.latest_event_utc, last_added_at: a.last_added_at, findings: report.findings.length }, seenBy);
}
