/**
 * The streamed export writes exactly the members the whole-array export wrote (events.json,
 * events.csv, audit.jsonl, evidence.json, report.html/json), byte for byte, for a record with
 * deleted, imported, evidence-linked and awkward-text events, across several write chunks;
 * the package verifies; and `report` read through listContacts equals the analysis of whole
 * events.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { unzipSync } from 'fflate';
import { LawTable } from '../src/engine/law.js';
import { analyseHarassment } from '../src/record/harassment.js';
import type { StoredEvent } from '../src/record/schemas.js';
import { exportPackage } from '../src/service/export.js';
import { verifyPackage } from '../src/service/package-verify.js';
import { openRecord, type RecordContext } from '../src/service/record-context.js';
import { harassmentReport } from '../src/service/report.js';
import { reportHtml } from '../src/record/report-text.js';

const tmp = mkdtempSync(join(tmpdir(), 'dunguard-export-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

/** The export's members as the whole-array export wrote them (its code before streaming). */
function oldCsv(events: readonly StoredEvent[]): string {
  const csvCell = (v: unknown): string => {
    const s = v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
    return `"${(/^[=+\-@\t\r]/.test(s) ? "'" + s : s).replace(/"/g, '""')}"`;
  };
  const cols = ['id', 'kind', 'occurred_at', 'time_zone', 'number', 'claimed', 'contacted', 'debt_disclosed', 'duration_s', 'content', 'notes', 'verdict', 'confidence', 'evidence', 'deleted_at'] as const;
  const rows = events.map((e) => {
    const x = e as StoredEvent & { deleted_at?: string };
    const v: Record<string, unknown> = { ...x, verdict: x.analysis?.verdict, confidence: x.analysis?.confidence, evidence: x.evidence.join(' ') };
    return cols.map((c) => csvCell(v[c])).join(',');
  });
  return '\uFEFF' + [cols.join(','), ...rows].join('\r\n') + '\r\n';
}

async function wholeArrayMembers(ctx: RecordContext, generatedAt: string): Promise<Record<string, string>> {
  const snap = await ctx.store.snapshot();
  const live = snap.events.filter((e) => !(e as { deleted_at?: string }).deleted_at);
  const report = analyseHarassment(live, ctx.data.harassment, new LawTable(ctx.data.law));
  return {
    'events.json': JSON.stringify(snap.events, null, 2) + '\n',
    'events.csv': oldCsv(snap.events),
    'audit.jsonl': snap.audit.map((a) => JSON.stringify(a)).join('\n') + '\n',
    'evidence.json': JSON.stringify(snap.evidence, null, 2) + '\n',
    'report.html': reportHtml(report, generatedAt),
    'report.json': JSON.stringify(report, null, 2) + '\n',
  };
}

async function exportAndCompare(ctx: RecordContext, name: string): Promise<{ members: Record<string, Uint8Array>; out: string }> {
  const out = join(tmp, `${name}.zip`);
  const r = await exportPackage(ctx, out);
  const members = unzipSync(readFileSync(out));
  const manifest = JSON.parse(Buffer.from(members['manifest.json']!).toString('utf8')) as { report: { generated_at: string }; files: { path: string; sha256: string; size: number }[] };
  const want = await wholeArrayMembers(ctx, manifest.report.generated_at);
  for (const [path, text] of Object.entries(want)) {
    const got = Buffer.from(members[path]!).toString('utf8');
    assert.equal(got.length, text.length, `${path}: length`);
    assert.ok(got === text, `${path} differs from the whole-array export`);
    const m = manifest.files.find((f) => f.path === path)!;
    assert.equal(m.sha256, createHash('sha256').update(text, 'utf8').digest('hex'), `${path}: manifest hash`);
    assert.equal(m.size, Buffer.byteLength(text, 'utf8'));
  }
  assert.equal(r.files, manifest.files.length);
  assert.ok(!Object.keys(members).some((k) => k.endsWith('.part')));
  const verdict = await verifyPackage(out);
  assert.deepEqual(verdict.problems, [], 'verify-package accepts the streamed package');
  return { members, out };
}

describe('streamed export', () => {
  it('an empty record: the same members as before, and it verifies', async () => {
    const ctx = await openRecord(join(tmp, 'empty'));
    try {
      const { members } = await exportAndCompare(ctx, 'empty');
      assert.equal(Buffer.from(members['events.json']!).toString(), '[]\n');
      assert.equal(Buffer.from(members['audit.jsonl']!).toString(), '\n');
    } finally {
      await ctx.close();
    }
  });

  it('a mixed record over several write chunks is byte-identical to the whole-array export', async () => {
    const ctx = await openRecord(join(tmp, 'mixed'));
    try {
      const texts = ['=SUM(A1)', '"quoted", comma\nnew line\r\n', '你好，逾期了 😀 \u2028 \\ backslash', '-3', '@x', '\ttab'];
      const rows = [];
      for (let i = 0; i < 2500; i++) {
        const day = String((i % 28) + 1).padStart(2, '0');
        rows.push({
          fields: {
            kind: (['sms', 'call_missed', 'call_incoming', 'third_party'] as const)[i % 4],
            occurred_at: `2026-10-${day}T${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00+08:00`,
            time_zone: i % 50 === 0 ? 'America/New_York' : 'Asia/Shanghai',
            number: i % 7 === 0 ? undefined : `1701234${String(i % 40).padStart(4, '0')}`,
            claimed: i % 3 === 0 ? { platform: `平台${i % 5}` } : i % 3 === 1 ? { company: `公司${i % 4}`, employee_no: `${i}` } : {},
            contacted: i % 4 === 3 ? ('family' as const) : ('borrower' as const),
            ...(i % 4 === 3 ? { debt_disclosed: i % 8 === 3 } : {}),
            ...(i % 4 === 0 ? { content: `${texts[i % texts.length]} 第${i}条 ` + 'x'.repeat(1500) } : {}),
            ...(i % 9 === 0 ? { notes: texts[(i + 1) % texts.length], duration_s: i % 300 } : {}),
          },
          analysis:
            i % 4 === 0
              ? { verdict: (i % 8 === 0 ? 'scam' : 'violation') as 'scam', confidence: 0.8, signals: [{ id: 'THREAT_X', category: 'violation', weight: 3, evidence: [] } as never], engine: { rules: 'r', model: 'm', law: 'l' } }
              : null,
          source: i % 2 ? 'bench' : 'manual',
        });
      }
      const { added } = await ctx.store.importEvents(rows);
      for (const id of added.slice(0, 30)) await ctx.store.deleteEvent(id, 'test');
      const ev = join(tmp, 'ev.txt');
      for (let k = 0; k < 3; k++) {
        writeFileSync(ev, `evidence ${k}`);
        const put = await ctx.vault.put(ev);
        await ctx.store.addEvidence({ sha256: put.sha256, size: put.size, name: `e${k}.txt`, media_type: 'text/plain', added_at: '2026-11-01T00:00:00Z' }, added[100 + (k % 2)]!);
      }
      const { members } = await exportAndCompare(ctx, 'mixed');
      assert.ok(members['events.json']!.length > 2 << 20, 'events.json spans several 1 MiB chunks');
    } finally {
      await ctx.close();
    }
  });

  it('refuses to export a record that does not verify, and leaves no .part file', async () => {
    const dir = join(tmp, 'bad');
    const ctx = await openRecord(dir);
    try {
      await ctx.store.addEvent({ fields: { kind: 'sms', occurred_at: '2026-11-01T10:00:00+08:00', time_zone: 'Asia/Shanghai', claimed: {}, contacted: 'borrower', content: 'hi' }, analysis: null, source: 'manual' });
    } finally {
      await ctx.close();
    }
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(join(dir, 'dunguard.sqlite'));
    db.prepare("UPDATE events SET content = 'changed'").run();
    db.close();
    const ctx2 = await openRecord(dir);
    try {
      const out = join(tmp, 'bad.zip');
      await assert.rejects(exportPackage(ctx2, out), /does not verify/);
      assert.throws(() => readFileSync(out + '.part'));
      assert.throws(() => readFileSync(out));
    } finally {
      await ctx2.close();
    }
  });

  it('report over listContacts equals the analysis of whole events, with and without a period', async () => {
    const ctx = await openRecord(join(tmp, 'mixed'));
    try {
      const titles = new Map(ctx.data.signals.map((s) => [s.id, s.title]));
      for (const period of [{}, { from: '2026-10-05', to: '2026-10-20' }]) {
        const got = await harassmentReport(ctx, period);
        const events = await ctx.store.listEvents({ from: got.period.from ?? undefined, to: got.period.to ?? undefined });
        const want = analyseHarassment(events, ctx.data.harassment, new LawTable(ctx.data.law), { from: got.period.from ?? undefined, to: got.period.to ?? undefined }, titles);
        assert.equal(JSON.stringify(got), JSON.stringify(want));
        assert.ok(got.totals.events > 0);
      }
    } finally {
      await ctx.close();
    }
  });
});
