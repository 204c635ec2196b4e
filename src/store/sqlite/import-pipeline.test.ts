import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { openRecord } from '../../service/record-context.js';
import { verifyAll } from '../../service/verify.js';
import { importKeyBase } from '../../record/verify.js';
import type { NewEvent } from '../store.js';
import { SqliteStore } from './sqlite-store.js';

const tmp = mkdtempSync(join(tmpdir(), 'dunguard-pipeline-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;
const fresh = (): string => join(tmp, `r${++n}.sqlite`);

/** Imported events as an import makes them: some with an analysis (any JSON object), some repeating a key (skipped). */
const event: fc.Arbitrary<NewEvent> = fc.record({
  fields: fc.record(
    {
      kind: fc.constantFrom('sms', 'call_missed', 'call_incoming'),
      occurred_at: fc.date({ min: new Date('2020-01-01'), max: new Date('2026-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
      time_zone: fc.constantFrom('Asia/Shanghai', 'UTC'),
      number: fc.constantFrom('17012345678', '95588', '13800138000'),
      claimed: fc.record({ platform: fc.constantFrom('平台1', '某贷', '"引号"'), company: fc.string() }, { requiredKeys: [] }),
      contacted: fc.constantFrom('borrower', 'family'),
      debt_disclosed: fc.boolean(),
      duration_s: fc.integer({ min: 0, max: 86_400 }),
      content: fc.string(),
      notes: fc.string(),
    },
    { requiredKeys: ['kind', 'occurred_at', 'time_zone', 'claimed', 'contacted'] },
  ) as fc.Arbitrary<NewEvent['fields']>,
  // Often one of a few analyses (an import's repeat: a batch sends each distinct text once), else any.
  analysis: fc.option(fc.oneof(fc.constantFrom({ verdict: 'collection', signals: [] }, { verdict: 'scam', signals: [{ id: 'S', weight: 7 }] }), fc.record({ verdict: fc.constantFrom('collection', 'scam'), signals: fc.array(fc.record({ id: fc.string(), weight: fc.double({ noNaN: true, noDefaultInfinity: true }) }), { maxLength: 3 }), extra: fc.jsonValue() })), { nil: null }) as unknown as fc.Arbitrary<NewEvent['analysis']>,
  source: fc.constant('import:csv'),
  importKey: fc.integer({ min: 0, max: 400 }).map((k) => `csv:${k}`),
});

/** What a record holds, without what differs between two stores by design (ids, clock times, hashes). */
function contents(file: string): { events: unknown[]; payloads: unknown[]; indexes: unknown[] } {
  const db = new Database(file, { readonly: true });
  try {
    const events = db.prepare('SELECT kind, occurred_at, occurred_utc, time_zone, number, claimed, contacted, debt_disclosed, duration_s, content, notes, source, import_key, analysis, lender, verdict, report_flag FROM events ORDER BY import_key').all();
    const idOf = new Map((db.prepare('SELECT id, import_key FROM events').all() as { id: string; import_key: string }[]).map((r) => [r.id, r.import_key]));
    const payloads = (db.prepare('SELECT action, entity, entity_id, payload FROM audit ORDER BY seq').all() as { action: string; entity: string; entity_id: string; payload: string }[]).map((a) => {
      const p = JSON.parse(a.payload) as Record<string, unknown>;
      return { action: a.action, entity: a.entity, key: idOf.get(a.entity_id), payload: { ...p, id: idOf.get(p.id as string), created_at: 0, updated_at: 0 } };
    });
    const indexes = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name").all();
    return { events, payloads, indexes };
  } finally {
    db.close();
  }
}

/** `count` imported rows like a phone's call log: every third an SMS with an analysis. */
const manyRows = (count: number): NewEvent[] =>
  Array.from({ length: count }, (_, i) => ({
    fields: { kind: i % 3 === 0 ? 'sms' : 'call_missed', occurred_at: new Date(Date.UTC(2025, i % 12, (i % 28) + 1, i % 24)).toISOString(), time_zone: 'Asia/Shanghai', number: `1701234${String(i % 500).padStart(4, '0')}`, claimed: { platform: `平台${i % 20}` }, contacted: 'borrower', ...(i % 3 === 0 ? { content: `第${i}条：您的借款已逾期` } : {}) },
    analysis: i % 3 === 0 ? ({ verdict: i % 2 ? 'collection' : 'scam', signals: [{ id: 'S', weight: i % 7 }] } as unknown as NewEvent['analysis']) : null,
    source: 'import:csv',
  })).map((e) => ({ ...e, importKey: importKeyBase('csv', e.fields) }));

/** `pause`: the reader gives way to the event loop after each batch (else it sends as fast as the worker lets it: many small batches wait for the worker to take them). */
async function throughWorker(file: string, rows: readonly NewEvent[], batch: number, pause = true): Promise<Awaited<ReturnType<SqliteStore['importThroughWorker']>>> {
  const store = SqliteStore.open(file);
  try {
    return await store.importThroughWorker(rows.length, async (send) => {
      for (let i = 0; i < rows.length; i += batch) {
        await send(rows.slice(i, i + batch));
        if (pause) await new Promise((r) => setImmediate(r)); // the reader's own pace: batches arrive while the worker waits
      }
      return true;
    });
  } finally {
    await store.close();
  }
}

describe('a large import stored on a worker thread', () => {
  it('stores exactly what importEvents stores — the same rows, audit payloads and indexes, skipped keys alike — for any rows and batches', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(event, { minLength: 0, maxLength: 300 }), fc.integer({ min: 1, max: 120 }), fc.array(event, { maxLength: 5 }), async (rows, batch, earlier) => {
        const [a, b] = [fresh(), fresh()];
        for (const f of [a, b]) {
          const s = SqliteStore.open(f);
          await s.importEvents(earlier); // a record that already holds some of the keys
          await s.close();
        }
        const s = SqliteStore.open(a);
        const direct = await s.importEvents(rows);
        await s.close();
        const piped = await throughWorker(b, rows, batch);
        assert.ok(piped !== undefined);
        assert.equal(piped.skipped, direct.skipped);
        assert.equal(piped.added.length, direct.added.length);
        assert.deepEqual(contents(b), contents(a));
      }),
      { numRuns: 15 },
    );
  });

  it('rebuilds the secondary indexes of a large import exactly as they were, and the record verifies intact', async () => {
    const dir = join(tmp, `home${++n}`);
    mkdirSync(dir);
    const file = join(dir, 'dunguard.sqlite');
    await SqliteStore.open(file).close();
    const before = contents(file).indexes;
    const rows = manyRows(3000);
    const r = await throughWorker(file, rows, 10, false); // 300 batches as fast as the worker takes them
    assert.equal(r?.added.length, 3000);
    assert.deepEqual(contents(file).indexes, before);
    const db = new Database(file, { readonly: true });
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
    // The listing is still read off its index.
    const plan = db.prepare('EXPLAIN QUERY PLAN SELECT id FROM events WHERE number = ?').all('95588') as { detail: string }[];
    assert.ok(plan.some((p) => p.detail.includes('events_by_number')), JSON.stringify(plan));
    db.close();
    const ctx = await openRecord(dir);
    try {
      const report = await verifyAll(ctx);
      assert.equal(report.intact, true, JSON.stringify(report.findings.slice(0, 3)));
    } finally {
      await ctx.close();
    }
  });

  it('stores nothing when the reader says not to commit, or fails, or a row cannot be stored', async () => {
    const rows = manyRows(2500);
    for (const how of ['rollback', 'reader fails', 'bad row'] as const) {
      const file = fresh();
      const s = SqliteStore.open(file);
      await s.importEvents(rows.slice(0, 3));
      await s.close();
      const before = contents(file);
      const store = SqliteStore.open(file);
      let sends = 0;
      const run = store.importThroughWorker(rows.length, async (send) => {
        for (let i = 0; i < rows.length; i += 100) {
          const batch = rows.slice(i, i + 100);
          if (how === 'bad row' && i === 2000) batch[50] = { ...batch[50]!, fields: { ...batch[50]!.fields, kind: undefined as unknown as 'sms' } };
          if (how === 'reader fails' && i === 2000) throw new Error('the reader failed');
          await send(batch);
          sends++;
          await new Promise((r) => setTimeout(r, 1));
        }
        return how !== 'rollback';
      });
      if (how === 'rollback') assert.equal(await run, undefined);
      else if (how === 'reader fails') await assert.rejects(run, /the reader failed/);
      else await assert.rejects(run, (e: Error & { code?: string }) => e.code === 'SQLITE_CONSTRAINT_NOTNULL');
      await store.close();
      assert.ok(sends >= 20, how);
      assert.deepEqual(contents(file), before, how);
    }
  });
});
