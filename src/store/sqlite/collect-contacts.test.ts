import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import Database from 'better-sqlite3';
import { analyseHarassment, ContactCollector, type Contact, type ContactSpill } from '../../record/harassment.js';
import { loadData } from '../../data/load.js';
import { LawTable } from '../../engine/law.js';
import type { Analysis, EventFields } from '../../record/schemas.js';
import type { EventFilter, NewEvent } from '../store.js';
import { SqliteStore } from './sqlite-store.js';

const tmp = mkdtempSync(join(tmpdir(), 'dunguard-collect-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

/** Events of few shapes (so profiles repeat, as in a real record), in several zones, some deleted. */
const kind = fc.constantFrom('sms', 'call_missed', 'call_incoming', 'call_unanswered', 'third_party', 'visit');
const zone = fc.constantFrom('Asia/Shanghai', 'Asia/Hong_Kong', 'America/New_York', 'Europe/London', 'Asia/Kolkata');
const signal = fc.record({
  id: fc.constantFrom('RULE.THREAT', 'RULE.INSULT', 'SCAM.LINK', 'CONTEXT.OVERDUE'),
  category: fc.constantFrom('violation', 'scam', 'neutral', 'genuine'),
  weight: fc.oneof(fc.integer({ min: -5, max: 10 }), fc.constantFrom(4.99, 5, 5.5, 0.5)),
  spans: fc.constant([]),
});
const analysis: fc.Arbitrary<Analysis | null> = fc.option(
  fc.record({ verdict: fc.constantFrom('collection', 'scam', 'violation', 'unclear'), signals: fc.array(signal, { maxLength: 3 }) }) as unknown as fc.Arbitrary<Analysis>,
  { nil: null },
);
const event = fc.record({
  kind,
  // Two years around a DST change, to the second.
  at: fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2026, 11, 31) }).map((ms) => Math.floor(ms / 1000) * 1000),
  zone,
  number: fc.option(fc.constantFrom('17012345678', '95786', '+8613800000000'), { nil: undefined }),
  claimed: fc.constantFrom({}, { platform: '某贷' }, { company: '某公司' }, { platform: '某贷', company: '某公司' }),
  contacted: fc.constantFrom('borrower', 'family', 'employer', 'other'),
  disclosed: fc.option(fc.boolean(), { nil: undefined }),
  analysis,
  deleted: fc.boolean(),
});

/** A change to a stored row: text put into its id or its time (the listing's separator among them). */
const odd = fc.array(fc.record({ row: fc.nat(), field: fc.constantFrom('id' as const, 'id' as const, 'occurred_at' as const), at: fc.nat({ max: 40 }), text: fc.constantFrom('\x1e', '\x1e\x1e', '\x1f', '+', '') }), { maxLength: 3 });

/** occurred_at as the person's zone writes it (the offset of that zone at that instant). */
function localIso(ms: number, tz: string): string {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  const off = Math.round((asUtc - ms) / 60000);
  const sign = off < 0 ? '-' : '+';
  const a = Math.abs(off);
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

/** Contacts moved to a spill as they come, for the collector's spilled path. */
class ArraySpill implements ContactSpill {
  readonly got: Contact[] = [];
  add(c: Contact): void {
    this.got.push(c);
  }
  analyse(): never {
    throw new Error('not used');
  }
  close(): void {}
}

describe('SqliteStore.collectContacts: the same contacts as adding each of listContacts', () => {
  it('for random records (zones, shapes, analyses, deletions), whole and over a period, in memory and spilled; the same report', async () => {
    const data = await loadData();
    const law = new LawTable(data.law);
    const tz = data.harassment.timezone;
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(event, { minLength: 0, maxLength: 60 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 1, max: 9 }), odd, async (evs, a, b, page, odds) => {
        const path = join(tmp, `r${++n}.sqlite`);
        const store = SqliteStore.open(path);
        // Small pages of the listing: page boundaries inside runs of equal times, and pages read again.
        store.contactPage = page;
        try {
          const rows: NewEvent[] = evs.map((e) => ({
            fields: {
              kind: e.kind,
              occurred_at: localIso(e.at, e.zone),
              time_zone: e.zone,
              ...(e.number === undefined ? {} : { number: e.number }),
              claimed: e.claimed,
              contacted: e.contacted,
              ...(e.disclosed === undefined ? {} : { debt_disclosed: e.disclosed }),
            } as EventFields,
            analysis: e.analysis,
            source: 'manual',
          }));
          const { added } = await store.importEvents(rows);
          for (let i = 0; i < evs.length; i++) if (evs[i]!.deleted) await store.deleteEvent(added[i]!, 'test');
          if (added.length > 0 && odds.length > 0) {
            // Ids and times holding the listing's separator (or its neighbour): rows no import makes, read all the same.
            const raw = new Database(path);
            for (const o of odds) {
              const id = added[o.row % added.length]!;
              const row = raw.prepare('SELECT id, occurred_at FROM events WHERE id = ?').get(id) as { id: string; occurred_at: string } | undefined;
              if (row === undefined) continue;
              const v = row[o.field];
              const changed = v.slice(0, o.at % (v.length + 1)) + o.text + v.slice(o.at % (v.length + 1));
              raw.prepare(`UPDATE events SET ${o.field} = ? WHERE id = ?`).run(changed, id);
              if (o.field === 'id') added[added.indexOf(id)] = changed;
            }
            raw.close();
          }
          const times = evs.map((e) => new Date(e.at).toISOString()).sort();
          const filters: EventFilter[] = [{}];
          if (times.length > 0) filters.push({ from: times[Math.min(a, b) % times.length], to: times[Math.max(a, b) % times.length] }, { from: times[a % times.length] }, { number: '95786' });
          for (const filter of filters) {
            // Each way of reading: its contacts, or the error it stopped with (a time no one can read stops every one).
            const gather = async (f: (c: ContactCollector) => Promise<void>): Promise<{ c: ContactCollector; error?: string }> => {
              const c = new ContactCollector(tz);
              try {
                await f(c);
                return { c };
              } catch (e) {
                return { c, error: String(e) };
              }
            };
            const listed = await gather(async (c) => {
              for await (const x of store.listContacts(filter)) c.add(x);
            });
            const whole = await gather(async (c) => {
              for (const e of await store.listEvents(filter)) c.add(e);
            });
            const collected = await gather((c) => store.collectContacts(filter, c));
            assert.equal(collected.error, listed.error);
            assert.equal(collected.error, whole.error);
            if (collected.error !== undefined) continue;
            assert.deepEqual(collected.c.contacts, listed.c.contacts);
            assert.deepEqual(collected.c.contacts, whole.c.contacts);
            // Spilled after 3 contacts: the same contacts go to the spill, in order.
            const spill = new ArraySpill();
            const spilled = new ContactCollector(tz, { spill: () => spill, spillAt: 3 });
            await store.collectContacts(filter, spilled);
            assert.deepEqual(spilled.spilledTo === undefined ? spilled.contacts : spill.got, listed.c.contacts);
            assert.equal(JSON.stringify(analyseHarassment(collected.c, data.harassment, law, filter)), JSON.stringify(analyseHarassment(listed.c, data.harassment, law, filter)));
          }
        } finally {
          await store.close();
        }
      }),
      { numRuns: 100 },
    );
  });
});
