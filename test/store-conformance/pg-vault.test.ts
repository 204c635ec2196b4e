/**
 * The evidence vault in PostgreSQL: files stored once by hash in chunks, streamed in and out,
 * rolled back whole when the stream fails, re-hashed by verify so that an edited, missing or
 * truncated chunk is found. Uses the throwaway PostgreSQL of test/helpers/postgres.ts.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, describe, it } from 'node:test';
import pg from 'pg';
import { PgStore } from '../../src/store/postgres/pg-store.js';
import { dropSchemas, freshSchema, testPostgres } from '../helpers/postgres.js';

const cluster = await testPostgres();
const schemas: string[] = [];
const stores: PgStore[] = [];
const tmp = mkdtempSync(join(tmpdir(), 'dunguard-pgvault-'));
after(async () => {
  await Promise.all(stores.map((s) => s.close()));
  if (!('skip' in cluster)) {
    await dropSchemas(cluster.url, schemas);
    await cluster.stop();
  }
  rmSync(tmp, { recursive: true, force: true });
});

async function fresh() {
  if ('skip' in cluster) throw new Error(cluster.skip);
  const schema = freshSchema();
  schemas.push(schema);
  const store = await PgStore.open({ url: cluster.url, schema, max: 3 });
  stores.push(store);
  const sql = async (statement: string, params: unknown[] = []) => {
    const c = new pg.Client({ connectionString: cluster.url, options: `-c search_path=${schema}` });
    await c.connect();
    try {
      return (await c.query(statement, params)).rows as Record<string, unknown>[];
    } finally {
      await c.end();
    }
  };
  return { vault: store.vault(), sql };
}

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
/** 3.5 MiB that are not all the same byte. */
const recording = (): Buffer => Buffer.from(Array.from({ length: 3.5 * (1 << 20) }, (_, i) => (i * 7919) % 251));
const read = async (s: AsyncIterable<Buffer>): Promise<Buffer> => {
  const parts: Buffer[] = [];
  for await (const c of s) parts.push(c);
  return Buffer.concat(parts);
};

if ('skip' in cluster) {
  describe('PgVault', () => {
    it('stores evidence in PostgreSQL', { skip: cluster.skip }, () => {});
  });
} else {
  describe('PgVault: evidence files in PostgreSQL', () => {
    it('stores a file once by its hash, in chunks, and gives it back byte for byte', async () => {
      const { vault, sql } = await fresh();
      const bytes = recording();
      const path = join(tmp, 'call.amr');
      writeFileSync(path, bytes);
      const first = await vault.put(path);
      assert.deepEqual(first, { sha256: sha(bytes), size: bytes.length, stored: true });
      assert.deepEqual(await vault.putStream(Readable.from([bytes.subarray(0, 1000), bytes.subarray(1000)]), { label: 'again.amr' }), { ...first, stored: false }, 'the same content again is not stored twice');
      const chunks = await sql('SELECT n, length(data) AS len FROM vault_chunks WHERE sha256 = $1 ORDER BY n', [first.sha256]);
      assert.equal(chunks.length, 4, '1 MiB a chunk');
      assert.equal((await sql('SELECT count(*)::int AS n FROM vault_chunks'))[0]!.n, 4, 'no chunk of the duplicate was kept');
      assert.ok((await read(vault.open(first.sha256))).equals(bytes));
      assert.deepEqual(await vault.verify([{ sha256: first.sha256, size: bytes.length }]), []);
      assert.deepEqual(await vault.unreferenced(new Set()), [first.sha256]);
      assert.deepEqual(await vault.unreferenced(new Set([first.sha256])), []);
    });

    it('stores nothing when the stream fails or ends short of its size', async () => {
      const { vault, sql } = await fresh();
      const failing = Readable.from(
        (async function* () {
          yield Buffer.alloc(2 << 20, 1);
          throw new Error('connection reset by the phone');
        })(),
      );
      await assert.rejects(vault.putStream(failing, { label: 'upload.mp4' }), /upload\.mp4/);
      await assert.rejects(vault.putStream(Readable.from([Buffer.alloc(10)]), { label: 'short.mp3', expectedSize: 11 }), /changed while it was being copied/);
      assert.deepEqual(await sql('SELECT (SELECT count(*) FROM vault_chunks)::int AS chunks, (SELECT count(*) FROM vault_files)::int AS files'), [{ chunks: 0, files: 0 }]);
    });

    it('stores the same file once when two uploads of it race', async () => {
      const { vault, sql } = await fresh();
      const bytes = recording();
      const results = await Promise.all([1, 2, 3].map(() => vault.putStream(Readable.from([bytes]), { label: 'same.amr' })));
      assert.deepEqual(results.map((r) => r.stored).sort(), [false, false, true]);
      assert.equal((await sql('SELECT count(*)::int AS n FROM vault_chunks'))[0]!.n, 4);
    });

    it('finds a changed, a missing, a truncated and a removed file', async () => {
      const { vault, sql } = await fresh();
      const files = await Promise.all([1, 2, 3, 4].map((i) => vault.putStream(Readable.from([Buffer.alloc((1 << 20) + i * 1000, i)]), { label: `f${i}` })));
      const expected = files.map((f) => ({ sha256: f.sha256, size: f.size }));
      assert.deepEqual(await vault.verify(expected), []);
      await sql("UPDATE vault_chunks SET data = overlay(data placing '\\x00'::bytea from 10) WHERE sha256 = $1 AND n = 0", [files[0]!.sha256]);
      await sql('DELETE FROM vault_chunks WHERE sha256 = $1 AND n = 1', [files[1]!.sha256]);
      await sql('DELETE FROM vault_files WHERE sha256 = $1', [files[2]!.sha256]);
      await vault.discard(files[3]!.sha256);
      const problems = await vault.verify(expected);
      assert.deepEqual(
        problems.map((p) => [p.sha256, p.kind]),
        [
          [files[0]!.sha256, 'changed'],
          [files[1]!.sha256, 'changed'],
          [files[2]!.sha256, 'missing'],
          [files[3]!.sha256, 'missing'],
        ],
      );
      await assert.rejects(read(vault.open(files[2]!.sha256)), /not in the vault/);
    });
  });
}
