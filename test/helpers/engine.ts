/** One engine for all tests in a process (loading takes a moment). */
import type { Engine } from '../../src/engine/check.js';
import { loadEngine } from '../../src/data/load.js';

let engine: Promise<Engine> | undefined;
export function testEngine(): Promise<Engine> {
  engine ??= loadEngine();
  return engine;
}
