/**
 * The two SHA-256 calls of node:crypto that the record's code makes (src/record/audit.ts,
 * src/record/verify.ts), for the offline app: the build maps `node:crypto` here
 * (web/vite.app.config.ts, web/tsconfig.json). Synchronous, as the audit chain needs inside a
 * write transaction (Web Crypto is asynchronous), by @noble/hashes; the same bytes hashed give
 * the same digest as Node's (test/e2e/app.test.ts: `verify-package` in Node re-hashes the audit
 * chain written in the page, entry by entry). Besides these, only randomUUID (from Web Crypto); an import of anything
 * else of node:crypto fails the build.
 */
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';

type Encoding = 'hex' | 'binary' | 'latin1';

const bytes = (data: string | Uint8Array): Uint8Array => (typeof data === 'string' ? utf8ToBytes(data) : data);

function encode(digest: Uint8Array, encoding: Encoding): string {
  if (encoding === 'hex') return bytesToHex(digest);
  let s = '';
  for (const b of digest) s += String.fromCharCode(b);
  return s;
}

function only(algorithm: string): void {
  if (algorithm !== 'sha256') throw new Error(`only sha256 in the browser, not ${algorithm}`);
}

/** crypto.hash(algorithm, data, encoding): one digest as text. */
export function hash(algorithm: string, data: string | Uint8Array, encoding: Encoding = 'hex'): string {
  only(algorithm);
  return encode(sha256(bytes(data)), encoding);
}

/** crypto.createHash('sha256'): update, then digest as text. */
export function createHash(algorithm: string): { update(data: string | Uint8Array): ReturnType<typeof createHash>; digest(encoding: Encoding): string } {
  only(algorithm);
  const h = sha256.create();
  const self = {
    update(data: string | Uint8Array) {
      h.update(bytes(data));
      return self;
    },
    digest: (encoding: Encoding) => encode(h.digest(), encoding),
  };
  return self;
}

/** crypto.randomUUID(): a new debt's id (src/service/debts.ts), from the browser's own Web Crypto. */
export function randomUUID(): string {
  return globalThis.crypto.randomUUID();
}
