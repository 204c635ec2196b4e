/** Runs the built `dunguard` command in a child process. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
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

/** The output of a run that must succeed (exit 0), read as JSON. */
export function jsonOut<T>(r: { code: number | null; out: string; err: string }): T {
  assert.equal(r.code, 0, r.err);
  return JSON.parse(r.out) as T;
}

/**
 * How the record tests start a case: a threat by SMS late at night (23:15) from a collector of
 * 某某金融, logged with --json, and a recording (call.amr in `dir`, 4 KiB) added as its evidence.
 * Returns the event as `log add --json` printed it.
 */
export function logNightThreat(env: Record<string, string>, dir: string): { id: string; analysis: { verdict: string } } {
  const ev = jsonOut<{ id: string; analysis: { verdict: string } }>(
    dunguard(['log', 'add', '--kind', 'sms', '--at', '2026-11-20 23:15', '-n', '17012345678', '--platform', '某某金融', '--text', '你再不还钱我们就爆你通讯录', '--json'], { env }),
  );
  const rec = join(dir, 'call.amr');
  writeFileSync(rec, Buffer.alloc(4096, 1));
  jsonOut(dunguard(['evidence', 'add', rec, '--event', ev.id, '--json'], { env }));
  return ev;
}
