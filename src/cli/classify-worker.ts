/** A classify worker thread: loads the engine once, then classifies the batches it is sent. */
import { parentPort, workerData } from 'node:worker_threads';
import { loadEngine } from '../data/load.js';
import { classifyLine, type LineOptions, type RawLine } from './classify-line.js';

const engine = await loadEngine(undefined, { phoneNumbers: 'lazy' });
const opts = workerData as LineOptions;
parentPort!.on('message', (m: { id: number; lines: RawLine[] }) => {
  let out = '';
  for (const l of m.lines) out += classifyLine(engine, l, opts) + '\n';
  parentPort!.postMessage({ id: m.id, out });
});
