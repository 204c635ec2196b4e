/**
 * Opens the user's record for a CLI command: the data folder, the store (SQLite, or PostgreSQL
 * when DUNGUARD_DATABASE_URL is set: see src/store/open-store.ts), the
 * evidence vault, and the check engine (loaded only when a text must be analysed).
 */
import type { Engine } from '../engine/check.js';
import type { Bundle } from '../data/bundle.js';
import type { Analysis, EventFields } from '../record/schemas.js';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { dataDirPath, resolveDataDir } from '../store/data-dir.js';
import { databaseUrl, openStorage, SQLITE_FILE } from '../store/open-store.js';

import type { EvidenceVault } from '../store/vault.js';
import { localParts } from '../record/time.js';
import type { Ledger } from '../ledger/claims.js';
import { StoreError, type Store } from '../store/store.js';
import { UserError } from './errors.js';
import { ledgerFrom } from './ledger-of.js';
import { todayInShanghai } from '../record/time.js';

export { ledgerFrom, lprTable } from './ledger-of.js';

export interface RecordContext {
  dir: string;
  /** The user's ledger as the claim check needs it. */
  ledger(): Promise<Ledger>;
  store: Store;
  vault: EvidenceVault;
  data: Bundle;
  engine(): Promise<Engine>;
  /** Forgets the cached ledger after a debt or LPR change (it is re-read by itself when the day changes). */
  refresh(): void;
  analyse(fields: EventFields): Promise<Analysis | null>;
  close(): Promise<void>;
}

/**
 * Opens the record, runs `f`, closes it; store errors become CLI errors with their messages.
 * `existing`: the command only reads the record, so a folder named with --data-dir that holds
 * none is refused (a mistyped path once made a new, empty record that verify called intact).
 */
export async function withRecord<T>(dataDir: string | undefined, f: (ctx: RecordContext) => Promise<T>, opts: { existing?: boolean } = {}): Promise<T> {
  const ctx = await openRecord(dataDir, opts);
  try {
    return await f(ctx);
  } catch (e) {
    if (e instanceof StoreError) throw new UserError(e.code, e.zh, e.en);
    throw e;
  } finally {
    await ctx.close();
  }
}

/**
 * `engine`: one already loaded (the server's, with phone-number parsing) instead of loading one
 * on first use. `existing`: see withRecord.
 */
export async function openRecord(dataDir?: string, opts: { engine?: Engine; existing?: boolean } = {}): Promise<RecordContext> {
  if (opts.existing === true) requireRecordAt(dataDir);
  const dir = resolveDataDir(dataDir);
  const { store, vault } = await openStorage(dir);
  return recordContextOver(dir, store, vault, opts);
}

/**
 * The record's store and vault only, opened as openRecord opens them, without the data bundle
 * or the engine: for `verify`, which needs neither (loading them is ~30 ms of its start).
 */
export async function openRecordStorage(dataDir?: string, opts: { existing?: boolean } = {}): Promise<{ dir: string; store: Store; vault: EvidenceVault }> {
  if (opts.existing === true) requireRecordAt(dataDir);
  const dir = resolveDataDir(dataDir);
  const { store, vault } = await openStorage(dir);
  await cleanTempAtOpen(vault);
  return { dir, store, vault };
}

/** Removes the .part files of a killed `evidence add` (verify reports them); a vault that cannot be listed is verify's to report. */
async function cleanTempAtOpen(vault: EvidenceVault): Promise<void> {
  try {
    await vault.cleanTemp();
  } catch {
    /* a vault we cannot list is reported by verify, not here */
  }
}

/**
 * A folder named with --data-dir for a command that only reads: it must hold a record. The
 * default folder and DUNGUARD_HOME are not refused (a first `report` before any `log add` is
 * simply empty), nor a PostgreSQL record (DUNGUARD_DATABASE_URL).
 */
export function requireRecordAt(dataDir: string | undefined, env: NodeJS.ProcessEnv = process.env): void {
  if (dataDir === undefined || databaseUrl(env) !== undefined) return;
  const dir = dataDirPath(dataDir);
  if (!hasDatabase(dir)) {
    throw new UserError(
      'NO_RECORD',
      `${dir} 里没有 dunguard 的记录：是不是路径写错了？（第一次用 log add 或 log import 记录时，才会在那里建立记录。）`,
      `There is no dunguard record in ${dir}: is the path mistyped? (A record is made there by the first log add or log import.)`,
    );
  }
}

/** Whether the folder holds a record's database (a file with something in it: SQLite makes an empty file a new, empty record). */
function hasDatabase(dir: string): boolean {
  try {
    return statSync(join(dir, SQLITE_FILE)).size > 0;
  } catch {
    return false;
  }
}

/**
 * Before a verify: a folder whose database is gone or empty while its evidence folder still holds
 * files had a record, now removed — not an intact empty one (verify said 记录完整 and made a new
 * database). Exit 4, as for a record found altered.
 */
export function requireRecordNotRemoved(dataDir: string | undefined, env: NodeJS.ProcessEnv = process.env): void {
  if (databaseUrl(env) !== undefined) return;
  const dir = dataDirPath(dataDir);
  if (hasDatabase(dir)) return;
  let evidence: string[] = [];
  try {
    evidence = readdirSync(join(dir, 'vault'));
  } catch {
    return;
  }
  if (evidence.length === 0) return;
  throw new UserError(
    'RECORD_MISSING',
    `记录不完整：${dir} 里的记录数据库不见了或是空的，但证据文件夹里还有文件——记录可能被删除或清空了。请从备份或导出的证据包恢复（dunguard import-package）。`,
    `NOT INTACT: the record's database in ${dir} is missing or empty while the evidence folder still holds files — the record may have been deleted or emptied. Restore it from a backup or an exported package (dunguard import-package).`,
    4,
  );
}

/** A record context over a store and vault already open (the hosted server opens one per case); closing it closes the store. */
export async function recordContextOver(dir: string, store: Store, vault: EvidenceVault, opts: { engine?: Engine } = {}): Promise<RecordContext> {
  await cleanTempAtOpen(vault);
  // Loaded here, not with this module: `verify` opens the record without them (openRecordStorage).
  const { loadData, loadEngine } = await import('../data/load.js');
  const data = await loadData();
  let engine: Promise<Engine> | undefined = opts.engine && Promise.resolve(opts.engine);
  let ledger: Promise<Ledger> | undefined;
  let ledgerDay = '';
  const ctx: RecordContext = {
    dir,
    store,
    vault,
    data,
    engine: () => (engine ??= loadEngine()),
    ledger: () => {
      // The ledger carries today's date (overdue days, limitation): a long-running server re-reads it each day.
      const today = todayInShanghai();
      if (today !== ledgerDay) {
        ledger = undefined;
        ledgerDay = today;
      }
      return (ledger ??= ledgerFrom(store, data));
    },
    refresh: () => {
      ledger = undefined;
    },
    async analyse(fields) {
      if (fields.content === undefined || !/\S/.test(fields.content)) return null;
      const e = await ctx.engine();
      // The check's code is loaded with the first text to analyse: report, verify and export never need it.
      const { classify } = await import('../engine/check.js');
      try {
        const r = classify(e, { text: fields.content, number: fields.number, date: localParts(fields.occurred_at, fields.time_zone).date, ledger: await ctx.ledger() });
        return { verdict: r.verdict, assessment: r.assessment, certainty: r.certainty, confidence: r.confidence, signals: r.signals, engine: { rules: e.rules.meta.version, model: e.model.version, law: e.law.file.version } };
      } catch {
        return null; // text the check cannot analyse (only symbols): the event is kept without a verdict
      }
    },
    close: () => store.close(),
  };
  return ctx;
}
