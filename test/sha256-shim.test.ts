/**
 * The offline app's SHA-256 (web/src/shims/node-crypto.ts, mapped over node:crypto in the app's
 * build) gives Node's digests for any text and bytes, lone surrogates included: the audit chain
 * and verify hash the same in the browser as on a computer.
 */
import assert from 'node:assert/strict';
import * as node from 'node:crypto';
import { it } from 'node:test';
import fc from 'fast-check';
import * as shim from '../web/src/shims/node-crypto.js';

it('hashes text and bytes exactly as node:crypto does', () => {
  fc.assert(
    fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.string()), fc.uint8Array(), (text, bytes) => {
      assert.equal(shim.hash('sha256', text, 'hex'), node.hash('sha256', text, 'hex'));
      assert.equal(shim.hash('sha256', text, 'binary'), node.hash('sha256', text, 'binary'));
      assert.equal(shim.createHash('sha256').update(text).update(bytes).digest('hex'), node.createHash('sha256').update(text).update(bytes).digest('hex'));
    }),
    { numRuns: 500 },
  );
  assert.equal(shim.hash('sha256', '\ud800', 'hex'), node.hash('sha256', '\ud800', 'hex'), 'a lone surrogate');
  assert.throws(() => shim.hash('md5', 'x'));
});
