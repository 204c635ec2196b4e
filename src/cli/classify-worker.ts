/** A classify worker thread: loads the engine once, then classifies the batches it is sent. */
import { parentPort, workerData } from 'node:worker_threads';
import { loadEngine } from '../data/load.js';
import { classifyLine, type LineOptions } from './classify-line.js';

const engine = await loadEngine();
const opts = workerData as LineOptions;
parentPort!.on('message', (m: { id: number; lines: Uint8Array[] }) => {
  const out = m.lines.map((l) => classifyLine(engine, l, opts) + '\n').join('');
  parentPort!.postMessage({ id: m.id, out });
});
