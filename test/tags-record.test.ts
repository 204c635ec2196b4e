/**
 * Tags on numbers in the record: set by hand or from a verdict, taken off as a tombstone,
 * logged in the audit chain so that `verify` covers them (a tag changed around the program is
 * found), and a package with tags still verifies.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { openRecord } from '../src/service/record-context.js';
import { tagNumber, untagNumber, tagOf } from '../src/service/tags.js';
import { verifyAll } from '../src/service/verify.js';
import { exportPackage } from '../src/service/export.js';
import { verifyPackage } from '../src/service/package-verify.js';
import { numberKey, parseTagKind, tagFromVerdict } from '../src/record/tags.js';
import { findingText } from '../src/present/findings.js';

const tmp = mkdtempSync(join(tmpdir(), 'dunguard-tags-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;
const home = (): string => join(tmp, `home-${++n}`);

describe('number tags', () => {
  it('files a number under one key whatever its spelling', () => {
    assert.equal(numberKey('+86 170-1234-5678'), '17012345678');
    assert.equal(numberKey('0086 17012345678'), '17012345678');
    assert.equal(numberKey('(010) 12345678'), '01012345678');
    assert.equal(numberKey('95588'), '95588');
    assert.equal(numberKey('call me'), undefined);
    assert.deepEqual(parseTagKind('催收-某某金融'), { kind: 'collection', platform: '某某金融' });
    assert.deepEqual(parseTagKind('诈骗'), { kind: 'scam' });
    assert.deepEqual(parseTagKind('Violation'), { kind: 'collection_violation' });
    assert.equal(parseTagKind('好人'), undefined);
  });

  it('suggests no collector tag for a would-be lender\'s notice the person was told is suspicious', () => {
    assert.deepEqual(tagFromVerdict('collection', '某某金融'), { kind: 'collection', platform: '某某金融' });
    assert.deepEqual(tagFromVerdict('collection', '某某金融', 'collection'), { kind: 'collection', platform: '某某金融' });
    assert.equal(tagFromVerdict('collection', '某某金融', 'suspicious'), undefined);
    assert.equal(tagFromVerdict('other', undefined, 'suspicious'), undefined);
    assert.deepEqual(tagFromVerdict('scam', undefined, 'scam'), { kind: 'scam' });
  });

  it('tags by hand and from the latest verdict, and verify stays intact', async () => {
    const ctx = await openRecord(home());
    try {
      const t = await tagNumber(ctx, { number: '+86 170 1234 5678', kind: '诈骗', note: '冒充催收' });
      assert.equal(t.number, '17012345678');
      assert.equal(t.source, 'manual');
      const fields = { kind: 'sms' as const, occurred_at: '2026-11-20T23:15:00+08:00', time_zone: 'Asia/Shanghai', number: '17098765432', claimed: { platform: '某某金融' }, contacted: 'borrower' as const, content: '你再不还钱我们就爆你通讯录，明天派人去你单位' };
      await ctx.store.addEvent({ fields, analysis: await ctx.analyse(fields), source: 'manual' });
      const fromVerdict = await tagNumber(ctx, { number: '17098765432' });
      assert.equal(fromVerdict.source, 'check');
      assert.equal(fromVerdict.kind, 'collection_violation');
      await tagNumber(ctx, { number: '95588', kind: '官方-工商银行' });
      await untagNumber(ctx, '95588');
      assert.equal(await tagOf(ctx, '95588'), undefined, 'a removed tag is not listed');
      assert.equal((await ctx.store.listTags({ includeRemoved: true })).length, 3, 'but its row stays');
      const report = await verifyAll(ctx);
      assert.deepEqual(report.findings, []);
      assert.equal(report.intact, true);
      const out = join(tmp, `case-${n}.zip`);
      await exportPackage(ctx, out);
      const pkg = await verifyPackage(out);
      assert.deepEqual(pkg.problems, [], 'a package of a record with tags verifies');
    } finally {
      await ctx.close();
    }
  });

  it('finds a tag changed, added or removed around the program, and names it', async () => {
    const dir = home();
    const ctx = await openRecord(dir);
    await tagNumber(ctx, { number: '17012345678', kind: '诈骗' });
    await ctx.close();
    const db = new Database(join(dir, 'dunguard.sqlite'));
    db.prepare("UPDATE number_tags SET data = json_set(data, '$.kind', 'official') WHERE number = '17012345678'").run();
    db.prepare("INSERT INTO number_tags (number, data) VALUES ('13800000000', json_object('number', '13800000000', 'kind', 'scam', 'source', 'manual', 'tagged_at', '2026-01-01T00:00:00.000Z'))").run();
    db.close();
    const again = await openRecord(dir);
    try {
      const r = await verifyAll(again);
      assert.equal(r.intact, false);
      const kinds = r.findings.map((f) => f.kind).sort();
      assert.deepEqual(kinds, ['row_changed', 'row_unlogged']);
      const texts = r.findings.map((f) => findingText(f, 'zh'));
      assert.ok(texts.includes('号码 17012345678 的标记（改动的内容：类型（--kind））') || texts.some((t) => t.startsWith('号码 17012345678 的标记（改动的内容：')), texts.join(' / '));
      assert.ok(texts.some((t) => t === '号码 13800000000 的标记'), texts.join(' / '));
    } finally {
      await again.close();
    }
    const db2 = new Database(join(dir, 'dunguard.sqlite'));
    db2.prepare("DELETE FROM number_tags").run();
    db2.close();
    const third = await openRecord(dir);
    try {
      const r = await verifyAll(third);
      assert.deepEqual(r.findings.map((f) => f.kind), ['row_missing']);
      assert.equal(findingText(r.findings[0]!, 'en'), 'the tag on number 17012345678');
    } finally {
      await third.close();
    }
  });
});
