/** `dunguard number N`: what kind of number called. */
import { loadNumberData } from '../data/load.js';
import { inspectNumber } from '../engine/numbers.js';
import { formatNumber, type Lang } from './format.js';

export async function runNumber(raw: string, opts: { lang: Lang; json: boolean; verbose?: boolean }): Promise<string> {
  const info = inspectNumber(raw, await loadNumberData());
  return opts.json ? JSON.stringify(info, null, 2) + '\n' : formatNumber(info, opts.lang, { color: false, verbose: opts.verbose }) + '\n';
}
