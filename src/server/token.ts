/**
 * The per-install API token. Every API request must carry it in the `X-Dunguard-Token`
 * header: a page on another site cannot read it (same-origin policy) and cannot send a
 * custom header without a CORS preflight, which this server never grants — so a hostile page
 * open in the same browser cannot drive the API. Kept in the data folder, readable only by
 * the user (0600), created once with 256 random bits.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const TOKEN_HEADER = 'x-dunguard-token';

export function loadOrCreateToken(dataDir: string): string {
  const path = join(dataDir, 'api-token');
  try {
    const t = readFileSync(path, 'utf8').trim();
    if (/^[0-9a-f]{64}$/.test(t)) return t;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const token = randomBytes(32).toString('hex');
  writeFileSync(path, token + '\n', { mode: 0o600 });
  return token;
}

/** Constant-time comparison, so the token cannot be guessed byte by byte from timings. */
export function tokenMatches(expected: string, given: unknown): boolean {
  if (typeof given !== 'string' || given.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}
