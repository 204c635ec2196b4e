/**
 * `dunguard classify`: JSON Lines in, JSON Lines out, one output line per input line in
 * the same order. A bad line yields {"id":…,"error":…} and the run goes on. Large inputs
 * are spread over worker threads (one per core, or DUNGUARD_WORKERS); progress goes to stderr.
 */
import { open } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { loadEngine } from '../data/load.js';
import { UserError } from './io.js';
import { say, type Lang } from '../present/words.js';
import { classifyLine, splitLines, type LineOptions, type RawLine } from './classify-line.js';

/** Lines per batch sent to a worker. */
const BATCH = 512;
/** Below this many lines the worker start-up costs more than it saves. */
const PARALLEL_FROM = 4000;
const PROGRESS_EVERY = 10_000;
/** Output is written in pieces of about this many characters. */
const WRITE_CHUNK = 1 << 16;

export interface ClassifyOptions extends LineOptions {
  input?: string;
  quiet: boolean;
  /** The language of the progress and error lines on standard error (default Chinese); the output is JSON either way. */
  lang?: Lang;
}

export function workerCount(): number {
  const env = process.env.DUNGUARD_WORKERS;
  if (env !== undefined && env !== '') {
    const n = Number(env);
    if (!Number.isInteger(n) || n < 0 || n > 256) {
      throw new UserError('BAD_WORKERS', `DUNGUARD_WORKERS 必须是 0 到 256 的整数，而不是 ${JSON.stringify(env)}。`, `DUNGUARD_WORKERS must be an integer from 0 to 256, not ${JSON.stringify(env)}.`);
    }
    return n;
  }
  return availableParallelism();
}

/**
 * Groups a byte stream into batches of whole lines. Bytes after the last newline wait as a
 * list of chunks, joined once when a newline arrives: linear in the input, however long a line.
 */
export async function* lineBatches(stream: AsyncIterable<Buffer>): AsyncGenerator<RawLine[]> {
  let rest: Buffer[] = [];
  for await (const chunk of stream) {
    const last = chunk.lastIndexOf(10);
    if (last < 0) {
      rest.push(chunk);
      continue;
    }
    const whole = rest.length > 0 ? Buffer.concat([...rest, chunk.subarray(0, last + 1)]) : chunk.subarray(0, last + 1);
    rest = last + 1 < chunk.length ? [chunk.subarray(last + 1)] : [];
    yield splitLines(whole);
  }
  if (rest.length > 0) yield splitLines(rest.length === 1 ? rest[0]! : Buffer.concat(rest));
}

/** Collects output and writes it in large pieces, waiting when the stream is full. */
class Output {
  private pending: string[] = [];
  private size = 0;
  constructor(private readonly out: NodeJS.WritableStream) {}

  async add(s: string): Promise<void> {
    this.pending.push(s);
    this.size += s.length;
    if (this.size >= WRITE_CHUNK) await this.flush();
  }

  flush(): Promise<void> {
    if (this.pending.length === 0) return Promise.resolve();
    const s = this.pending.join('');
    this.pending = [];
    this.size = 0;
    return new Promise((resolve) => {
      if (this.out.write(s)) resolve();
      else this.out.once('drain', () => resolve());
    });
  }
}

export async function runClassify(opts: ClassifyOptions, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const source: AsyncIterable<Buffer> = opts.input ? await openInput(opts.input) : (process.stdin as AsyncIterable<Buffer>);
  const started = Date.now();
  let done = 0;
  let reported = 0;
  const count = (n: number): void => {
    done += n;
    if (!opts.quiet && done - reported >= PROGRESS_EVERY) {
      reported = done - (done % PROGRESS_EVERY);
      const rate = Math.round(done / Math.max(0.001, (Date.now() - started) / 1000));
      process.stderr.write(say(opts.lang, `dunguard classify：已判断 ${done} 行（每秒 ${rate} 行）\n`, `classify: ${done} lines (${rate}/s)\n`));
    }
  };
  const output = new Output(out);
  const workers = workerCount();
  const engine = await loadEngine(undefined, { phoneNumbers: 'lazy' });
  // One string per batch (a read chunk, ~1 MiB of input) and one await: not one per line.
  const local = async (lines: RawLine[]): Promise<void> => {
    let out = '';
    for (const line of lines) out += classifyLine(engine, line, opts) + '\n';
    await output.add(out);
    count(lines.length);
  };

  // Lines wait here until there are enough to make threads worth starting.
  let pending: RawLine[] = [];
  let pool: Pool | undefined;
  // Batches in input order; awaiting them in order keeps the output in input order.
  const inFlight: Promise<string>[] = [];
  const dispatch = async (batch: RawLine[]): Promise<void> => {
    inFlight.push(pool!.run(batch));
    count(batch.length);
    while (inFlight.length > workers * 4) await output.add(await inFlight.shift()!);
  };
  try {
    for await (const lines of wrapErrors(lineBatches(source), opts.input)) {
      if (workers <= 1) {
        await local(lines);
        continue;
      }
      pending.push(...lines);
      if (pool === undefined && pending.length >= PARALLEL_FROM) pool = new Pool(workers, opts);
      if (pool !== undefined && pending.length >= BATCH) {
        const whole = pending.length - (pending.length % BATCH);
        for (let i = 0; i < whole; i += BATCH) await dispatch(pending.slice(i, i + BATCH));
        pending = pending.slice(whole);
      }
    }
    if (pool !== undefined) {
      if (pending.length > 0) await dispatch(pending);
      while (inFlight.length > 0) await output.add(await inFlight.shift()!);
    } else {
      await local(pending);
    }
    await output.flush();
  } finally {
    await pool?.close();
  }
  return done;
}

/** Opens the input file now, so that a missing or unreadable file is reported before any work. */
async function openInput(path: string): Promise<AsyncIterable<Buffer>> {
  try {
    return (await open(path, 'r')).createReadStream({ highWaterMark: 1 << 20 });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new UserError('CANNOT_READ', `无法读取输入文件 ${JSON.stringify(path)}：${err.code ?? err.message}`, `Cannot read input file ${JSON.stringify(path)}: ${err.code ?? err.message}`);
  }
}

async function* wrapErrors<T>(it: AsyncIterable<T>, input: string | undefined): AsyncGenerator<T> {
  try {
    yield* it;
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new UserError('CANNOT_READ', `无法读取输入 ${input ?? '（标准输入）'}：${err.code ?? err.message}`, `Cannot read input ${input ?? 'stdin'}: ${err.code ?? err.message}`);
  }
}

/** A fixed set of worker threads; each batch goes to the least busy one. */
class Pool {
  private readonly workers: { worker: Worker; busy: number; waiting: Map<number, (s: string) => void> }[] = [];
  private nextId = 0;

  constructor(size: number, opts: LineOptions & { lang?: Lang }) {
    const url = new URL('./classify-worker.js', import.meta.url);
    for (let i = 0; i < size; i++) {
      const worker = new Worker(url, { workerData: opts, execArgv: process.execArgv });
      const entry = { worker, busy: 0, waiting: new Map<number, (s: string) => void>() };
      worker.on('message', (m: { id: number; out: string }) => {
        entry.busy--;
        entry.waiting.get(m.id)?.(m.out);
        entry.waiting.delete(m.id);
      });
      worker.on('error', (e) => {
        process.stderr.write(say(opts.lang, `dunguard classify：一个工作线程出错：${e.message}\n`, `classify worker failed: ${e.message}\n`));
        process.exitCode = 1;
      });
      this.workers.push(entry);
    }
  }

  run(batch: RawLine[]): Promise<string> {
    const entry = this.workers.reduce((a, b) => (b.busy < a.busy ? b : a));
    const id = this.nextId++;
    entry.busy++;
    return new Promise((resolve) => {
      entry.waiting.set(id, resolve);
      entry.worker.postMessage({ id, lines: batch });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }
}
