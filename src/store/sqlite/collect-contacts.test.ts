import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
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
      fc.asyncProperty(fc.array(event, { minLength: 0, maxLength: 60 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 59 }), async (evs, a, b) => {
        const store = SqliteStore.open(join(tmp, `r${++n}.sqlite`));
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
          const times = evs.map((e) => new Date(e.at).toISOString()).sort();
          const filters: EventFilter[] = [{}];
          if (times.length > 0) filters.push({ from: times[Math.min(a, b) % times.length], to: times[Math.max(a, b) % times.length] });
          for (const filter of filters) {
            const listed = new ContactCollector(tz);
            for await (const c of store.listContacts(filter)) listed.add(c);
            const whole = new ContactCollector(tz);
            for (const e of await store.listEvents(filter)) whole.add(e);
            const collected = new ContactCollector(tz);
            await store.collectContacts(filter, collected);
            assert.deepEqual(collected.contacts, listed.contacts);
            assert.deepEqual(collected.contacts, whole.contacts);
            // Spilled after 3 contacts: the same contacts go to the spill, in order.
            const spill = new ArraySpill();
            const spilled = new ContactCollector(tz, { spill: () => spill, spillAt: 3 });
            await store.collectContacts(filter, spilled);
            assert.deepEqual(spilled.spilledTo === undefined ? spilled.contacts : spill.got, listed.contacts);
            assert.equal(JSON.stringify(analyseHarassment(collected, data.harassment, law, filter)), JSON.stringify(analyseHarassment(listed, data.harassment, law, filter)));
          }
        } finally {
          await store.close();
        }
      }),
      { numRuns: 60 },
    );
  });
});
