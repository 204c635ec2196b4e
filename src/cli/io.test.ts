import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { lineBatches } from './classify.js';
import { decodeUtf8, readFileBytes } from './io.js';
import { UserError } from '../service/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'dunguard-io-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function* chunks(buf: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}
async function lines(buf: Buffer, size: number): Promise<(string | null)[]> {
  const out: (string | null)[] = [];
  for await (const batch of lineBatches(chunks(buf, size))) out.push(...batch);
  return out;
}

describe('classify line splitting', () => {
  it('gives the same lines however the input is cut into chunks', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string({ unit: 'grapheme', maxLength: 30 }).map((s) => s.replace(/\n/g, ' ')), { maxLength: 20 }), fc.integer({ min: 1, max: 17 }), async (ls, size) => {
        const text = ls.map((l) => l + '\n').join('');
        assert.deepEqual(await lines(Buffer.from(text), size), ls);
      }),
    );
    assert.deepEqual(await lines(Buffer.from('a\nbc'), 1), ['a', 'bc'], 'a last line without a newline is kept');
  });

  it('splits a 64 MB line without a newline in linear time (it was quadratic)', async () => {
    const big = Buffer.alloc(64 * 1024 * 1024, 0x61);
    const started = Date.now();
    const got = await lines(big, 16 * 1024);
    const took = Date.now() - started;
    assert.equal(got.length, 1);
    assert.equal(got[0]!.length, big.length);
    // Joining the pieces once per chunk (before) copies 4,096 × 32 MB on average: minutes.
    assert.ok(took < 5000, `took ${took} ms`);
  });
});

describe('reading input', () => {
  it('refuses an import file over the limit with "too large, split it", before reading it', async () => {
    const path = join(dir, 'big.csv');
    writeFileSync(path, 'x'.repeat(2 * 1024 * 1024));
    await assert.rejects(readFileBytes(path, 1024 * 1024, '导入文件'), (e: UserError) => {
      assert.equal(e.code, 'TOO_LARGE');
      assert.match(e.zh, /^导入文件太大（2 MB，最多 1 MB）：请拆分/);
      assert.match(e.en, /^The import file is too large \(2 MB; at most 1 MB\): split it/);
      return true;
    });
    assert.equal((await readFileBytes(path, 4 * 1024 * 1024)).length, 2 * 1024 * 1024);
  });

  it('says "not valid UTF-8" only for bytes that are not UTF-8, naming the file in both languages', () => {
    assert.throws(() => decodeUtf8(Buffer.from([0xc4, 0xe3, 0xba, 0xc3]), '导入文件'), (e: UserError) => e.code === 'INVALID_UTF8' && /^The import file is not valid UTF-8/.test(e.en));
    assert.equal(decodeUtf8(Buffer.from('你好'), '导入文件'), '你好');
  });
});
