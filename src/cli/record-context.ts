/**
 * Opens the user's record for a CLI command: the data folder, the SQLite store, the
 * evidence vault, and the check engine (loaded only when a text must be analysed).
 */
import { join } from 'node:path';
import { classify, type Engine } from '../engine/check.js';
import { loadData, loadEngine } from '../data/load.js';
import type { Bundle } from '../data/bundle.js';
import type { Analysis, EventFields } from '../record/schemas.js';
import { resolveDataDir } from '../store/data-dir.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import type { Store } from '../store/store.js';
import { Vault } from '../store/vault.js';
import { localParts } from '../record/time.js';

export interface RecordContext {
  dir: string;
  store: Store;
  vault: Vault;
  data: Bundle;
  engine(): Promise<Engine>;
  analyse(fields: EventFields): Promise<Analysis | null>;
  close(): Promise<void>;
}

export async function openRecord(dataDir?: string): Promise<RecordContext> {
  const dir = resolveDataDir(dataDir);
  const store = SqliteStore.open(join(dir, 'dunguard.sqlite'));
  const vault = new Vault(join(dir, 'vault'));
  const data = await loadData();
  let engine: Promise<Engine> | undefined;
  const ctx: RecordContext = {
    dir,
    store,
    vault,
    data,
    engine: () => (engine ??= loadEngine()),
    async analyse(fields) {
      if (fields.content === undefined || !/\S/.test(fields.content)) return null;
      const e = await ctx.engine();
      try {
        const r = classify(e, { text: fields.content, number: fields.number, date: localParts(fields.occurred_at, fields.time_zone).date });
        return { verdict: r.verdict, confidence: r.confidence, signals: r.signals, engine: { rules: e.rules.meta.version, model: e.model.version, law: e.law.file.version } };
      } catch {
        return null; // text the check cannot analyse (only symbols): the event is kept without a verdict
      }
    },
    close: () => store.close(),
  };
  return ctx;
}
