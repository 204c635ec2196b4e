/**
 * The streamed verify the CLI and API run, for the conformance suite's harnesses under Node: the
 * record's store, and a vault folder of its own (`<dir>/vault`). The browser harness
 * (in-chromium/runner.ts) verifies as the offline app does instead.
 */
import { join } from 'node:path';
import type { RecordContext } from '../../src/service/record-context.js';
import { verifyAll } from '../../src/service/verify.js';
import type { Store } from '../../src/store/store.js';
import { Vault } from '../../src/store/vault.js';

export const nodeVerify = (dir: string, store: Store) => verifyAll({ store, vault: new Vault(join(dir, 'vault')) } as unknown as RecordContext);
