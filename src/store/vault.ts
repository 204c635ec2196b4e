/**
 * The evidence vault: recordings, screenshots and PDFs stored content-addressed by SHA-256
 * under DATA/vault/ab/cdef…, never modified. A file is streamed (never held in memory),
 * hashed while it is copied to a temporary file, flushed to disk, then renamed into place —
 * so a crash leaves either a complete file or a stray temporary one, never a half file
 * under a hash name. The file's own name is kept only as a label, never used as a path.
 */
import { createHash, hash as cryptoHash, randomBytes } from 'node:crypto';
import { closeSync, createReadStream, createWriteStream, openSync, readdirSync, readSync, type WriteStream } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename, join, sep } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Worker } from 'node:worker_threads';
import { StoreError } from './store.js';

export interface PutResult {
  sha256: string;
  size: number;
  /** False when the vault already had this content (de-duplicated). */
  stored: boolean;
}

export interface VaultProblem {
  sha256: string;
  kind: 'missing' | 'changed' | 'size_changed';
  detail: string;
}

/** How the vault opens its temporary files; tests pass one that fails like a full disk. */
export type TempWriter = (path: string) => WriteStream;

const SHA = /^[0-9a-f]{64}$/;

export interface TempFile {
  name: string;
  size: number;
}

/** A temporary file nobody has written to for this long is stale even if its process id is in use again. */
const STALE_MS = 24 * 3600_000;
const STALE_UNNAMED_MS = 3600_000;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // someone else's process: alive
  }
}

/**
 * What the record needs from an evidence vault: this folder (Vault, the default) or
 * PostgreSQL (src/store/postgres/pg-vault.ts) for app processes that share no folder.
 */
export interface EvidenceVault {
  /** Stale temporary files removed since this vault was opened (see cleanTemp). */
  readonly cleaned: readonly TempFile[];
  cleanTemp(): Promise<{ removed: TempFile[]; kept: TempFile[] }>;
  /** Stores a file by path. */
  put(source: string): Promise<PutResult>;
  /** Stores a stream; nothing is stored if it fails or ends short of expectedSize. */
  putStream(stream: NodeJS.ReadableStream, opts: { label: string; expectedSize?: number }): Promise<PutResult>;
  /** Removes a file this process just stored that no record refers to. */
  discard(sha256: string): Promise<void>;
  /** A stored file's content, streamed. */
  open(sha256: string): NodeJS.ReadableStream & AsyncIterable<Buffer>;
  /**
   * Re-hashes every expected file. `helpAfter`: once it settles, the caller's thread may hash
   * files too, beside any worker threads (verify walks the audit chain first, then helps).
   */
  verify(expected: readonly { sha256: string; size: number }[], opts?: { helpAfter?: Promise<unknown> }): Promise<VaultProblem[]>;
  /** Stored files no record refers to. */
  unreferenced(known: ReadonlySet<string>): Promise<string[]>;
}

export class Vault implements EvidenceVault {
  constructor(
    readonly dir: string,
    private readonly openTemp: TempWriter = (p) => createWriteStream(p, { flags: 'wx', mode: 0o444 }),
  ) {
    this.prefix = join(dir, 'x').slice(0, -1);
  }

  /** The folder as join writes it, and a separator (join(dir, 'x') less the x): pathOf's start. */
  private readonly prefix: string;

  /** Stale temporary files removed since this vault was opened (see cleanTemp). */
  readonly cleaned: TempFile[] = [];

  /**
   * Removes temporary files an interrupted add left behind (a process killed mid-copy): a
   * `.part` file whose writing process is gone, or that nobody has written to for a day.
   * Files of a process still running (another dunguard adding evidence now) are kept and
   * returned as `kept`. Runs whenever the record is opened.
   */
  async cleanTemp(now = Date.now()): Promise<{ removed: TempFile[]; kept: TempFile[] }> {
    const tmpDir = join(this.dir, 'tmp');
    const removed: TempFile[] = [];
    const kept: TempFile[] = [];
    let names: string[];
    try {
      names = await readdir(tmpDir);
    } catch {
      return { removed, kept };
    }
    for (const name of names) {
      if (!name.endsWith('.part')) continue;
      let info;
      try {
        info = await stat(join(tmpDir, name));
      } catch {
        continue; // finished (renamed) meanwhile
      }
      if (!info.isFile()) continue;
      const pid = /^(\d+)-/.exec(name)?.[1];
      const idle = now - info.mtimeMs;
      const writerGone = pid === undefined ? idle > STALE_UNNAMED_MS : Number(pid) !== process.pid && !alive(Number(pid));
      const f = { name, size: info.size };
      if (writerGone || idle > STALE_MS) {
        await rm(join(tmpDir, name), { force: true });
        removed.push(f);
      } else kept.push(f);
    }
    this.cleaned.push(...removed);
    return { removed, kept };
  }

  pathOf(sha256: string): string {
    if (!SHA.test(sha256)) throw new StoreError('BAD_DATA', `无效的哈希 ${sha256}`, `Invalid hash ${sha256}`);
    // join(this.dir, ab, cdef…) without normalising the folder again for every file: Node 20's
    // path.join takes ~5 µs, 50–100 ms of verify's start for 10,000 files (the hash is hex, nothing to normalise).
    return this.prefix + sha256.slice(0, 2) + sep + sha256.slice(2);
  }


  open(sha256: string): NodeJS.ReadableStream & AsyncIterable<Buffer> {
    return createReadStream(this.pathOf(sha256), { highWaterMark: 1 << 20 });
  }

  async put(source: string): Promise<PutResult> {
    if (source.includes('\0')) throw new StoreError('IO', '文件名包含非法字符（NUL）', 'The file name contains an illegal character (NUL)');
    let info;
    try {
      info = await stat(source);
    } catch (e) {
      throw ioError(source, e);
    }
    if (!info.isFile()) throw new StoreError('IO', `${printable(source)} 不是普通文件`, `${printable(source)} is not a regular file`);
    return this.putStream(createReadStream(source), { label: source, expectedSize: info.size });
  }

  /**
   * Stores a stream (a file being read, an upload being received). If the stream fails or
   * ends short of `expectedSize`, nothing is stored and the temporary file is removed.
   */
  async putStream(stream: NodeJS.ReadableStream, opts: { label: string; expectedSize?: number }): Promise<PutResult> {
    const tmpDir = join(this.dir, 'tmp');
    await mkdir(tmpDir, { recursive: true });
    const tmp = join(tmpDir, `${process.pid}-${randomBytes(8).toString('hex')}.part`);
    const hash = createHash('sha256');
    let size = 0;
    const tap = new Transform({
      transform(chunk: Buffer, _enc, done) {
        hash.update(chunk);
        size += chunk.length;
        done(null, chunk);
      },
    });
    try {
      await pipeline(stream, tap, this.openTemp(tmp));
      const fh = await open(tmp, 'r');
      try {
        await fh.sync(); // on disk before it gets its final name
      } finally {
        await fh.close();
      }
      if (opts.expectedSize !== undefined && size !== opts.expectedSize) {
        throw new StoreError('IO', `复制时文件 ${printable(opts.label)} 发生了变化，请重试`, `The file ${printable(opts.label)} changed while it was being copied; try again`);
      }
      const sha256 = hash.digest('hex');
      const final = this.pathOf(sha256);
      await mkdir(join(this.dir, sha256.slice(0, 2)), { recursive: true });
      let exists = false;
      try {
        await stat(final);
        exists = true;
      } catch {
        /* not there yet */
      }
      if (exists) {
        await rm(tmp, { force: true });
        return { sha256, size, stored: false };
      }
      await rename(tmp, final);
      await syncDir(join(this.dir, sha256.slice(0, 2)));
      return { sha256, size, stored: true };
    } catch (e) {
      await rm(tmp, { force: true });
      if (e instanceof StoreError) throw e;
      throw ioError(opts.label, e);
    }
  }

  /** Removes a file this process just stored that no record refers to (an upload refused as a whole). */
  async discard(sha256: string): Promise<void> {
    await rm(this.pathOf(sha256), { force: true });
  }

  /** Re-hashes a stored file: small files in one read, large ones streamed. */
  async hashOf(sha256: string, knownSize = Infinity): Promise<{ sha256: string; size: number } | undefined> {
    const hash = createHash('sha256');
    let size = 0;
    if (knownSize <= 1 << 20) {
      try {
        const bytes = await readFile(this.pathOf(sha256));
        return { sha256: hash.update(bytes).digest('hex'), size: bytes.length };
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw e;
      }
    }
    try {
      for await (const chunk of createReadStream(this.pathOf(sha256))) {
        hash.update(chunk as Buffer);
        size += (chunk as Buffer).length;
      }
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
    return { sha256: hash.digest('hex'), size };
  }

  /**
   * Checks every expected file: present, same size, same hash. Many files are hashed in
   * worker threads (from 2,000 files one per core but one, see hashWorkers), reading each with one 1 MiB buffer: the main
   * thread stays free (a server keeps answering, verify walks the audit chain meanwhile)
   * and the hashing runs at about the speed of a plain loop.
   */
  async verify(expected: readonly { sha256: string; size: number }[], opts: { helpAfter?: Promise<unknown>; early?: EarlyHasher } = {}): Promise<VaultProblem[]> {
    return (await this.verifyListing(expected, undefined, opts)).problems;
  }

  /**
   * A hashing worker started now, before the files to verify are known: it starts up (tens of
   * milliseconds) and lists the vault while the caller reads them; pass it to verifyListing as
   * `early`, or cancel it. Undefined when the vault has too few folders to hold
   * HASH_IN_WORKER_FROM files (no worker would be used).
   */
  startHashing(): EarlyHasher | undefined {
    let folders: string[];
    try {
      folders = readdirSync(this.dir);
    } catch {
      return undefined;
    }
    if (folders.length < EARLY_WORKER_FOLDERS) return undefined;
    return new Early(spawnHasher({ listDir: this.dir }), this.dir);
  }

  /**
   * verify, and with `known` the stray files unreferenced(known) gives, listed by a hashing
   * worker before it hashes (not on the calling thread, which walks the chain meanwhile) when there are workers.
   */
  async verifyListing(
    expected: readonly { sha256: string; size: number }[],
    known: ReadonlySet<string> | undefined,
    opts: { helpAfter?: Promise<unknown>; early?: EarlyHasher } = {},
  ): Promise<{ problems: VaultProblem[]; unreferenced: string[] | undefined }> {
    const early = opts.early instanceof Early && opts.early.listDir === this.dir ? opts.early : undefined;
    if (expected.length < HASH_IN_WORKER_FROM) opts.early?.cancel();
    let inWorkers;
    try {
      inWorkers =
        expected.length >= HASH_IN_WORKER_FROM
          ? await hashInWorkers(
              expected.map((f) => this.pathOf(f.sha256)),
              expected.map((f) => f.size),
              expected.length >= 2000 ? hashWorkers() : 1,
              opts.helpAfter,
              known === undefined ? undefined : this.dir,
              early,
            )
          : undefined;
    } finally {
      opts.early?.cancel(); // not given files (another vault's, or pathOf refused a name): stopped
    }
    const hashed = inWorkers?.hashed;
    const problems: VaultProblem[] = [];
    for (let i = 0; i < expected.length; i++) {
      const f = expected[i]!;
      const got = hashed ? hashed[i] : await this.hashOf(f.sha256, f.size);
      if (got === undefined) problems.push({ sha256: f.sha256, kind: 'missing', detail: `evidence file ${f.sha256} is missing from the vault` });
      else if (got.sha256 !== f.sha256) problems.push({ sha256: f.sha256, kind: 'changed', detail: `evidence file ${f.sha256} was modified (its content now hashes to ${got.sha256})` });
      else if (got.size !== f.size) problems.push({ sha256: f.sha256, kind: 'size_changed', detail: `evidence file ${f.sha256} has size ${got.size}, recorded ${f.size}` });
    }
    if (known === undefined) return { problems, unreferenced: undefined };
    const listed = inWorkers?.listed;
    return { problems, unreferenced: listed === undefined ? await this.unreferenced(known) : listed.filter((sha) => !known.has(sha)) };
  }

  /** Files in the vault that no record refers to (left by a crash between copy and record). */
  async unreferenced(known: ReadonlySet<string>): Promise<string[]> {
    const out: string[] = [];
    let dirs: string[];
    try {
      dirs = await readdir(this.dir);
    } catch {
      return out;
    }
    for (const d of dirs) {
      if (!/^[0-9a-f]{2}$/.test(d)) continue;
      for (const f of await readdir(join(this.dir, d))) {
        const sha = d + f;
        if (!known.has(sha)) out.push(sha);
      }
    }
    return out;
  }
}

const HASH_IN_WORKER_FROM = 64;

/** Vault folders (named by the first two hex digits) from which startHashing starts a worker: 64 files fill ~57. */
const EARLY_WORKER_FOLDERS = 48;

/**
 * Workers for many files: one core is the caller's (verify walks the chain meanwhile), the
 * rest hash, at least one, at most four. On two cores that is one worker: a second made three
 * busy threads on two cores, ~40 % more CPU for the hashing and the chain walk slowed.
 */
function hashWorkers(): number {
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}

/**
 * Files are taken in chunks (at most 32 files or 4 MiB of recorded size, at least one file)
 * from one shared counter, by the workers and — once `helpAfter` settles — by the calling
 * thread as well, so that both cores hash once the caller has walked the chain. Each file is
 * hashed exactly once, by whichever thread took its chunk.
 */
const CHUNK_FILES = 32;
const CHUNK_BYTES = 4 << 20;

/** The first index of each chunk, and the end. */
function chunkStarts(sizes: readonly number[]): Int32Array {
  const starts: number[] = [0];
  let files = 0;
  let bytes = 0;
  for (let i = 0; i < sizes.length; i++) {
    if (files > 0 && (files >= CHUNK_FILES || bytes + sizes[i]! > CHUNK_BYTES)) {
      starts.push(i);
      files = 0;
      bytes = 0;
    }
    files++;
    bytes += sizes[i]!;
  }
  starts.push(sizes.length);
  return Int32Array.from(starts);
}

type Hashed = { sha256: string; size: number } | null;

/** The worker: takes chunks from the shared counter until none is left (hashChunk's code, in plain JS). */
const HASH_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash, hash: oneShot } = require('node:crypto');
const fs = require('node:fs');

/** SHA-256 (hex) and size of an open file, read with buf: a file that fits in one read is hashed in one call (crypto.hash, no Hash object). */
function hashFd(fd, buf) {
  let n = fs.readSync(fd, buf, 0, buf.length, null);
  if (n < buf.length) {
    const more = n === 0 ? 0 : fs.readSync(fd, buf, n, buf.length - n, null);
    if (more === 0) return { sha256: oneShot ? oneShot('sha256', buf.subarray(0, n), 'hex') : createHash('sha256').update(buf.subarray(0, n)).digest('hex'), size: n };
    n += more;
  }
  const h = createHash('sha256');
  let size = 0;
  do {
    h.update(buf.subarray(0, n));
    size += n;
  } while ((n = fs.readSync(fd, buf, 0, buf.length, null)) > 0);
  return { sha256: h.digest('hex'), size };
}

/** Every file in the vault's folders (the same names as Vault.unreferenced lists). */
function list(listDir) {
  let dirs = [];
  try {
    dirs = fs.readdirSync(listDir);
  } catch {
    dirs = [];
  }
  const listed = [];
  for (const d of dirs) {
    if (!/^[0-9a-f]{2}$/.test(d)) continue;
    for (const f of fs.readdirSync(listDir + '/' + d)) listed.push(d + f);
  }
  return listed;
}

function hash({ paths, starts, counter }, listed) {
  const next = new Int32Array(counter);
  const buf = Buffer.allocUnsafe(1 << 20);
  const got = [];
  for (let c; (c = Atomics.add(next, 0, 1)) < starts.length - 1; ) {
    for (let i = starts[c]; i < starts[c + 1]; i++) {
      let fd;
      try {
        fd = fs.openSync(paths[i], 'r');
      } catch (e) {
        if (e.code === 'ENOENT') { got.push(i, null); continue; }
        throw e;
      }
      try {
        got.push(i, hashFd(fd, buf));
      } finally {
        fs.closeSync(fd);
      }
    }
  }
  parentPort.postMessage({ got, listed });
}

try {
  // First, for one worker, the vault listed for stray files: while the calling thread reads the
  // files to hash, or walks the chain, before the files are shared out with it.
  const listed = workerData.listDir === undefined ? undefined : list(workerData.listDir);
  // The files with the worker's data, or (a worker started early, see Vault.startHashing) in its first message.
  if (workerData.paths !== undefined) hash(workerData, listed);
  else
    parentPort.once('message', (files) => {
      try {
        hash(files, listed);
      } catch (e) {
        parentPort.postMessage({ error: String(e.message) });
      }
    });
} catch (e) {
  parentPort.postMessage({ error: String(e.message) });
}
`;

/** What a hashing worker sends back: each file's index and what it hashed, then the vault's listing (one worker), or an error. */
type WorkerDone = { got: (number | Hashed)[]; listed: string[] | undefined };

/** A hashing worker, and its answer (rejected on an error, or if it stops without one). */
interface Hasher {
  readonly worker: Worker;
  readonly done: Promise<WorkerDone>;
}

function spawnHasher(workerData: object): Hasher {
  const worker = new Worker(HASH_WORKER, { eval: true, workerData });
  const done = new Promise<WorkerDone>((resolve, reject) => {
    let answered = false;
    worker.once('message', (m: { got?: (number | Hashed)[]; listed?: string[]; error?: string }) => {
      answered = true;
      if (m.got) resolve({ got: m.got, listed: m.listed });
      else reject(new StoreError('IO', `无法读取证据文件：${m.error}`, `Cannot read an evidence file: ${m.error}`));
    });
    worker.once('error', (e) => reject(e));
    worker.once('exit', () => {
      if (!answered) reject(new StoreError('IO', '校验证据文件的线程意外退出', 'The thread hashing evidence files stopped unexpectedly'));
    });
  });
  done.catch(() => undefined); // awaited by whoever gives it files; an early one cancelled is not an unhandled rejection
  return { worker, done };
}

/**
 * A hashing worker started before the files are known (Vault.startHashing): it starts up and
 * lists the vault while the caller reads the files to hash. Give it to verify/verifyListing, or
 * cancel it.
 */
export interface EarlyHasher {
  /** Stops the worker, unless it was given files. */
  cancel(): void;
}

class Early implements EarlyHasher {
  adopted = false;
  constructor(
    readonly hasher: Hasher,
    readonly listDir: string,
  ) {}
  cancel(): void {
    if (!this.adopted) void this.hasher.worker.terminate();
  }
}

/** The worker's hashFd (the same reads), for the calling thread. */
function hashFd(fd: number, buf: Buffer): { sha256: string; size: number } {
  let n = readSync(fd, buf, 0, buf.length, null);
  if (n < buf.length) {
    const more = n === 0 ? 0 : readSync(fd, buf, n, buf.length - n, null);
    if (more === 0) return { sha256: typeof cryptoHash === 'function' ? cryptoHash('sha256', buf.subarray(0, n), 'hex') : createHash('sha256').update(buf.subarray(0, n)).digest('hex'), size: n };
    n += more;
  }
  const h = createHash('sha256');
  let size = 0;
  do {
    h.update(buf.subarray(0, n));
    size += n;
  } while ((n = readSync(fd, buf, 0, buf.length, null)) > 0);
  return { sha256: h.digest('hex'), size };
}

/** The calling thread's part: files from..to-1 (the same reads as the worker's). */
function hashRange(paths: readonly string[], from: number, to: number, out: (Hashed | undefined)[], buf: Buffer): void {
  for (let i = from; i < to; i++) {
    let fd: number;
    try {
      fd = openSync(paths[i]!, 'r');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
        out[i] = null;
        continue;
      }
      throw e;
    }
    try {
      out[i] = hashFd(fd, buf);
    } finally {
      closeSync(fd);
    }
  }
}

/** One large file streamed (the calling thread keeps answering meanwhile). */
async function hashStreamed(path: string): Promise<Hashed> {
  const h = createHash('sha256');
  let size = 0;
  try {
    for await (const chunk of createReadStream(path)) {
      h.update(chunk as Buffer);
      size += (chunk as Buffer).length;
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  return { sha256: h.digest('hex'), size };
}

async function hashInWorkers(
  paths: readonly string[],
  sizes: readonly number[],
  workers: number,
  helpAfter?: Promise<unknown>,
  /** A folder whose files the first worker lists before it hashes. */
  listDir?: string,
  /** A worker already started (with `listDir`, listing it): the first of `workers`. */
  early?: Early,
): Promise<{ hashed: ({ sha256: string; size: number } | undefined)[]; listed: string[] | undefined }> {
  const starts = chunkStarts(sizes);
  const counter = new SharedArrayBuffer(4);
  const out: (Hashed | undefined)[] = new Array<Hashed | undefined>(paths.length);
  let listed: string[] | undefined;
  const ran = Array.from({ length: workers }, (_w, w) => {
    let hasher: Hasher;
    if (w === 0 && early !== undefined) {
      early.adopted = true;
      hasher = early.hasher;
      hasher.worker.postMessage({ paths, starts, counter });
    } else hasher = spawnHasher({ paths, starts, counter, listDir: w === 0 ? listDir : undefined });
    return hasher.done.then((m) => {
      for (let k = 0; k < m.got.length; k += 2) out[m.got[k] as number] = m.got[k + 1] as Hashed;
      if (m.listed !== undefined && listDir !== undefined) listed = m.listed;
    });
  });
  if (helpAfter !== undefined) {
    ran.push(
      (async () => {
        await helpAfter.catch(() => undefined);
        const next = new Int32Array(counter);
        const buf = Buffer.allocUnsafe(1 << 20);
        // One chunk per turn of the event loop, a file larger than a chunk streamed (a server keeps answering meanwhile).
        for (let c; (c = Atomics.add(next, 0, 1)) < starts.length - 1; ) {
          const from = starts[c]!;
          const to = starts[c + 1]!;
          try {
            if (to - from === 1 && sizes[from]! > CHUNK_BYTES) out[from] = await hashStreamed(paths[from]!);
            else hashRange(paths, from, to, out, buf);
          } catch (e) {
            throw new StoreError('IO', `无法读取证据文件：${(e as Error).message}`, `Cannot read an evidence file: ${(e as Error).message}`);
          }
          await new Promise((resolve) => setImmediate(resolve));
        }
      })(),
    );
  }
  await Promise.all(ran);
  return { hashed: Array.from(out, (r) => r ?? undefined), listed };
}

async function syncDir(dir: string): Promise<void> {
  try {
    const fh = await open(dir, 'r');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch {
    /* some file systems cannot sync a directory; the rename is still atomic */
  }
}

/** A file name made safe to show and store as a label: no controls, at most 255 characters. */
export function printable(name: string): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  const clean = basename(name).replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '�');
  return clean.length > 255 ? clean.slice(0, 252) + '…' : clean;
}

function ioError(source: string, e: unknown): StoreError {
  const err = e as NodeJS.ErrnoException;
  const name = printable(source);
  const what: Record<string, [string, string]> = {
    ENOENT: ['文件不存在（或在复制过程中被删除）', 'the file does not exist (or vanished while being copied)'],
    EACCES: ['没有读取权限', 'permission denied'],
    ENOSPC: ['磁盘空间不足，未保存任何内容', 'the disk is full; nothing was saved'],
    EISDIR: ['这是一个文件夹', 'it is a folder'],
    ENAMETOOLONG: ['文件名太长', 'the file name is too long'],
  };
  const [zh, en] = what[err.code ?? ''] ?? [err.message, err.message];
  return new StoreError('IO', `无法保存证据文件 ${name}：${zh}`, `Cannot store the evidence file ${name}: ${en}`);
}
