/** Runs the built `dunguard` command in a child process. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot } from '../../src/data/load.js';

export const CLI = join(packageRoot(), 'dist', 'src', 'cli', 'main.js');

export function dunguard(args: string[], opts: { input?: string | Buffer; env?: Record<string, string> } = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    input: opts.input,
    env: { ...process.env, NO_COLOR: '1', ...opts.env },
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: r.status, out: r.stdout.toString('utf8'), err: r.stderr.toString('utf8') };
}
