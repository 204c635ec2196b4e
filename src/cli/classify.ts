/**
 * `dunguard classify`: JSON Lines in, JSON Lines out, one output line per input line in
 * the same order. A bad line yields {"id":…,"error":…} and the run goes on. Large inputs
 * are spread over worker threads (one per core, or DUNGUARD_WORKERS); progress goes to stderr.
 */
import { open } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { loadEngine } from '../data/load.js';
import { CliError } from './io.js';
import { classifyLine, type LineOptions } from './classify-line.js';

/** Lines per batch sent to a worker. */
const BATCH = 256;
/** Below this many lines the worker start-up costs more than it saves. */
const PARALLEL_FROM = 2000;
const PROGRESS_EVERY = 10_000;

export interface ClassifyOptions extends LineOptions {
  input?: string;
  quiet: boolean;
}

export function workerCount(): number {
  const env = process.env.DUNGUARD_WORKERS;
  if (env !== undefined && env !== '') {
    const n = Number(env);
    if (!Number.isInteger(n) || n < 0 || n > 256) {
      throw new CliError('BAD_WORKERS', `DUNGUARD_WORKERS 必须是 0 到 256 的整数，而不是 ${JSON.stringify(env)}。`, `DUNGUARD_WORKERS must be an integer from 0 to 256, not ${JSON.stringify(env)}.`);
    }
    return n;
  }
  return availableParallelism();
}

/** Splits a byte stream into lines (as raw bytes, so each line's UTF-8 is checked on its own). */
async function* lines(stream: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let rest: Buffer = Buffer.alloc(0);
  for await (const chunk of stream) {
    let buf = rest.length > 0 ? Buffer.concat([rest, chunk]) : chunk;
    let nl: number;
    while ((nl = buf.indexOf(10)) >= 0) {
      yield buf.subarray(0, nl);
      buf = buf.subarray(nl + 1);
    }
    rest = Buffer.from(buf);
  }
  if (rest.length > 0) yield rest;
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
      process.stderr.write(`classify: ${done} lines (${rate}/s)\n`);
    }
  };
  const write = (s: string): Promise<void> =>
    new Promise((resolve) => {
      if (out.write(s)) resolve();
      else out.once('drain', () => resolve());
    });

  const workers = workerCount();
  const engine = await loadEngine();
  // Lines wait here until there are enough to make threads worth starting.
  let pending: Buffer[] = [];
  let pool: Pool | undefined;
  // Batches in input order; awaiting them in order keeps the output in input order.
  const inFlight: Promise<string>[] = [];
  const dispatch = async (batch: Buffer[]): Promise<void> => {
    inFlight.push(pool!.run(batch));
    count(batch.length);
    while (inFlight.length > workers * 4) await write(await inFlight.shift()!);
  };
  try {
    for await (const raw of wrapErrors(lines(source), opts.input)) {
      if (workers <= 1) {
        await write(classifyLine(engine, raw, opts) + '\n');
        count(1);
        continue;
      }
      pending.push(raw);
      if (pool === undefined && pending.length >= PARALLEL_FROM) pool = new Pool(workers, opts);
      if (pool !== undefined && pending.length >= BATCH) {
        for (let i = 0; i < pending.length; i += BATCH) await dispatch(pending.slice(i, i + BATCH));
        pending = [];
      }
    }
    if (pool !== undefined) {
      if (pending.length > 0) await dispatch(pending);
      while (inFlight.length > 0) await write(await inFlight.shift()!);
    } else {
      for (const raw of pending) await write(classifyLine(engine, raw, opts) + '\n');
      count(pending.length);
    }
  } finally {
    await pool?.close();
  }
  return done;
}

/** Opens the input file now, so that a missing or unreadable file is reported before any work. */
async function openInput(path: string): Promise<AsyncIterable<Buffer>> {
  try {
    return (await open(path, 'r')).createReadStream();
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new CliError('CANNOT_READ', `无法读取输入文件 ${JSON.stringify(path)}：${err.code ?? err.message}`, `Cannot read input file ${JSON.stringify(path)}: ${err.code ?? err.message}`);
  }
}

async function* wrapErrors(it: AsyncIterable<Buffer>, input: string | undefined): AsyncGenerator<Buffer> {
  try {
    yield* it;
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new CliError('CANNOT_READ', `无法读取输入 ${input ?? 'stdin'}：${err.code ?? err.message}`, `Cannot read input ${input ?? 'stdin'}: ${err.code ?? err.message}`);
  }
}

/** A fixed set of worker threads; each batch goes to the least busy one. */
class Pool {
  private readonly workers: { worker: Worker; busy: number; waiting: Map<number, (s: string) => void> }[] = [];
  private nextId = 0;

  constructor(size: number, opts: LineOptions) {
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
        process.stderr.write(`classify worker failed: ${e.message}\n`);
        process.exitCode = 1;
      });
      this.workers.push(entry);
    }
  }

  run(batch: Buffer[]): Promise<string> {
    const entry = this.workers.reduce((a, b) => (b.busy < a.busy ? b : a));
    const id = this.nextId++;
    entry.busy++;
    return new Promise((resolve) => {
      entry.waiting.set(id, resolve);
      entry.worker.postMessage({ id, lines: batch.map((b) => new Uint8Array(b)) });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }
}
