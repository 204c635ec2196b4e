/**
 * The evidence vault in PostgreSQL, for app processes that share no folder: each file is
 * stored once by its SHA-256 (de-duplicated), in chunks of 1 MiB, streamed in and out
 * (never held whole in memory), and re-hashed chunk by chunk by verify.
 *
 * A file is written in one transaction: its chunks go in under a temporary key while it is
 * hashed, then — if no file with that hash exists — the file row is inserted and the chunks
 * take the hash as their key, and the transaction commits. A failed or killed upload rolls
 * back and leaves nothing behind (no temporary files to clean); two processes storing the
 * same content at once store it once (the second waits on the first's row and finds it).
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type pg from 'pg';
import { StoreError } from '../store.js';
import { printable, type EvidenceVault, type PutResult, type TempFile, type VaultProblem } from '../vault.js';

/** Bytes per stored chunk (the last may be shorter). */
const CHUNK = 1 << 20;
const SHA = /^[0-9a-f]{64}$/;

export class PgVault implements EvidenceVault {
  readonly cleaned: TempFile[] = [];

  constructor(private readonly pool: pg.Pool) {}

  /** Nothing to clean: an interrupted upload was rolled back with its transaction. */
  async cleanTemp(): Promise<{ removed: TempFile[]; kept: TempFile[] }> {
    return { removed: [], kept: [] };
  }

  async put(source: string): Promise<PutResult> {
    if (source.includes('\0')) throw new StoreError('IO', '文件名包含非法字符（NUL）', 'The file name contains an illegal character (NUL)');
    let size: number;
    try {
      const info = await stat(source);
      if (!info.isFile()) throw new StoreError('IO', `${printable(source)} 不是普通文件`, `${printable(source)} is not a regular file`);
      size = info.size;
    } catch (e) {
      if (e instanceof StoreError) throw e;
      throw new StoreError('IO', `无法保存证据文件 ${printable(source)}：文件不存在或无法读取`, `Cannot store the evidence file ${printable(source)}: it does not exist or cannot be read`);
    }
    return this.putStream(createReadStream(source), { label: source, expectedSize: size });
  }

  async putStream(stream: NodeJS.ReadableStream, opts: { label: string; expectedSize?: number }): Promise<PutResult> {
    const db = await this.pool.connect();
    const tmpKey = `tmp:${randomUUID()}`;
    const hash = createHash('sha256');
    let size = 0;
    let n = 0;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    /** Writes whole chunks of CHUNK bytes from what is pending (and the rest too when `end`). */
    const flush = async (end: boolean): Promise<void> => {
      if (pendingBytes === 0 || (!end && pendingBytes < CHUNK)) return;
      let data = pending.length === 1 ? pending[0]! : Buffer.concat(pending);
      while (data.length >= CHUNK || (end && data.length > 0)) {
        const part = data.subarray(0, CHUNK);
        await db.query('INSERT INTO vault_chunks (sha256, n, data) VALUES ($1, $2, $3)', [tmpKey, n++, part]);
        data = data.subarray(part.length);
      }
      pending = data.length > 0 ? [data] : [];
      pendingBytes = data.length;
    };
    let broken: Error | undefined;
    try {
      await db.query('BEGIN');
      for await (const chunk of stream) {
        const b = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
        hash.update(b);
        size += b.length;
        pending.push(b);
        pendingBytes += b.length;
        await flush(false);
      }
      await flush(true);
      if (opts.expectedSize !== undefined && size !== opts.expectedSize) {
        throw new StoreError('IO', `复制时文件 ${printable(opts.label)} 发生了变化，请重试`, `The file ${printable(opts.label)} changed while it was being copied; try again`);
      }
      const sha256 = hash.digest('hex');
      const added = await db.query('INSERT INTO vault_files (sha256, size, added_at) VALUES ($1, $2, $3) ON CONFLICT (sha256) DO NOTHING', [sha256, size, new Date().toISOString()]);
      if (added.rowCount === 0) {
        await db.query('ROLLBACK');
        return { sha256, size, stored: false };
      }
      await db.query('UPDATE vault_chunks SET sha256 = $1 WHERE sha256 = $2', [sha256, tmpKey]);
      await db.query('COMMIT');
      return { sha256, size, stored: true };
    } catch (e) {
      await db.query('ROLLBACK').catch((err: Error) => (broken = err));
      if (e instanceof StoreError) throw e;
      throw new StoreError('IO', `无法保存证据文件 ${printable(opts.label)}：${(e as Error).message}`, `Cannot store the evidence file ${printable(opts.label)}: ${(e as Error).message}`);
    } finally {
      db.release(broken);
    }
  }

  async discard(sha256: string): Promise<void> {
    const db = await this.pool.connect();
    try {
      await db.query('BEGIN');
      await db.query('DELETE FROM vault_chunks WHERE sha256 = $1', [sha256]);
      await db.query('DELETE FROM vault_files WHERE sha256 = $1', [sha256]);
      await db.query('COMMIT');
    } catch (e) {
      await db.query('ROLLBACK').catch(() => {});
      throw e;
    } finally {
      db.release();
    }
  }

  /** The chunks of a file in order, one query each (a chunk held at a time); none when it has no file row. */
  private async *chunks(sha256: string): AsyncGenerator<Buffer> {
    for (let n = 0; ; n++) {
      const { rows } = await this.pool.query<{ data: Buffer }>('SELECT data FROM vault_chunks WHERE sha256 = $1 AND n = $2', [sha256, n]);
      if (rows.length === 0) return;
      yield rows[0]!.data;
    }
  }

  open(sha256: string): Readable {
    if (!SHA.test(sha256)) throw new StoreError('BAD_DATA', `无效的哈希 ${sha256}`, `Invalid hash ${sha256}`);
    const pool = this.pool;
    const chunks = this.chunks(sha256);
    return Readable.from(
      (async function* () {
        const { rowCount } = await pool.query('SELECT 1 FROM vault_files WHERE sha256 = $1', [sha256]);
        if (rowCount === 0) throw new StoreError('NOT_FOUND', `证据文件 ${sha256} 不在证据库中`, `Evidence file ${sha256} is not in the vault`);
        yield* chunks;
      })(),
      { objectMode: false },
    );
  }

  /** Re-hashes every expected file from its chunks: present, same size, same hash. */
  async verify(expected: readonly { sha256: string; size: number }[]): Promise<VaultProblem[]> {
    const problems: VaultProblem[] = [];
    for (const f of expected) {
      const { rowCount } = await this.pool.query('SELECT 1 FROM vault_files WHERE sha256 = $1', [f.sha256]);
      if (rowCount === 0) {
        problems.push({ sha256: f.sha256, kind: 'missing', detail: `evidence file ${f.sha256} is missing from the vault` });
        continue;
      }
      const hash = createHash('sha256');
      let size = 0;
      for await (const c of this.chunks(f.sha256)) {
        hash.update(c);
        size += c.length;
      }
      const got = hash.digest('hex');
      if (got !== f.sha256) problems.push({ sha256: f.sha256, kind: 'changed', detail: `evidence file ${f.sha256} was modified (its content now hashes to ${got})` });
      else if (size !== f.size) problems.push({ sha256: f.sha256, kind: 'size_changed', detail: `evidence file ${f.sha256} has size ${size}, recorded ${f.size}` });
    }
    return problems;
  }

  async unreferenced(known: ReadonlySet<string>): Promise<string[]> {
    const { rows } = await this.pool.query<{ sha256: string }>('SELECT sha256 FROM vault_files ORDER BY sha256');
    return rows.map((r) => r.sha256).filter((s) => !known.has(s));
  }
}
