import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { chmodSync, createWriteStream, existsSync, mkdtempSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { printable, Vault } from './vault.js';

const root = mkdtempSync(join(tmpdir(), 'dunguard-vault-'));
after(() => rmSync(root, { recursive: true, force: true }));
const vault = new Vault(join(root, 'vault'));
const file = (name: string, content: string | Buffer): string => {
  const p = join(root, name);
  writeFileSync(p, content);
  return p;
};

describe('Vault', () => {
  it('stores a file under its SHA-256, read-only, and de-duplicates', async () => {
    const p = file('a.txt', 'recording bytes');
    const sha = createHash('sha256').update('recording bytes').digest('hex');
    const first = await vault.put(p);
    assert.deepEqual(first, { sha256: sha, size: 15, stored: true });
    assert.ok(existsSync(vault.pathOf(sha)));
    assert.deepEqual(await vault.put(file('copy.txt', 'recording bytes')), { sha256: sha, size: 15, stored: false });
    assert.deepEqual(await vault.verify([{ sha256: sha, size: 15 }]), []);
  });

  it('hashes files of every size at the edges of one read the same in a worker, on the calling thread and one at a time', async () => {
    const v = new Vault(join(root, 'edges'));
    const sizes = [0, 1, (1 << 20) - 1, 1 << 20, (1 << 20) + 1, 2 << 20];
    const edges = [];
    for (const [i, n] of sizes.entries()) edges.push(await v.put(file(`edge${i}.bin`, Buffer.alloc(n, i + 1))));
    const list = [...edges];
    for (let i = 0; i < 80; i++) list.push(await v.put(file(`small${i}.txt`, `small ${i}`)));
    assert.deepEqual(await v.verify(list), []); // in a worker
    assert.deepEqual(await v.verify(list, { helpAfter: Promise.resolve() }), []); // the calling thread helping
    assert.deepEqual(await v.verify(edges), []); // one at a time
    for (const i of [0, 3, 4]) {
      chmodSync(v.pathOf(edges[i]!.sha256), 0o600);
      writeFileSync(v.pathOf(edges[i]!.sha256), Buffer.alloc(sizes[i]!, 9));
    }
    const want = [[edges[3]!.sha256, 'changed'], [edges[4]!.sha256, 'changed']];
    assert.deepEqual((await v.verify(list)).map((p) => [p.sha256, p.kind]), want);
    assert.deepEqual((await v.verify(list, { helpAfter: Promise.resolve() })).map((p) => [p.sha256, p.kind]), want);
    assert.deepEqual((await v.verify(edges)).map((p) => [p.sha256, p.kind]), want);
  });

  it('hashes many files in worker threads with the same findings, in order, as one at a time', async () => {
    const v = new Vault(join(root, 'many'));
    const files: { sha256: string; size: number }[] = [];
    for (let i = 0; i < 2100; i++) {
      const content = i === 7 ? Buffer.alloc(3 << 20, 1) : `file ${i}`; // one larger than the 1 MiB read buffer
      files.push(await v.put(file(`m${i}.txt`, content)));
    }
    assert.deepEqual(await v.verify(files), []);
    chmodSync(v.pathOf(files[10]!.sha256), 0o600);
    writeFileSync(v.pathOf(files[10]!.sha256), 'changed');
    rmSync(v.pathOf(files[1501]!.sha256));
    const wrongSize = { ...files[7]!, size: 5 };
    const problems = await v.verify([...files.slice(0, 1500), wrongSize, ...files.slice(1500)]);
    assert.deepEqual(
      problems.map((p) => [p.sha256, p.kind]),
      [
        [files[10]!.sha256, 'changed'],
        [files[7]!.sha256, 'size_changed'],
        [files[1501]!.sha256, 'missing'],
      ],
    );
    const few = await v.verify([files[10]!, files[1501]!]);
    assert.deepEqual(few.map((p) => p.kind), ['changed', 'missing']);
    // The calling thread helping from the start (verify lets it once the chain is walked): the same findings, in order.
    const big = await v.put(file('big.bin', Buffer.alloc(5 << 20, 2))); // larger than a chunk: streamed on the calling thread
    const list = [...files.slice(0, 1500), wrongSize, ...files.slice(1500), big];
    assert.deepEqual(await v.verify(list, { helpAfter: Promise.resolve() }), await v.verify(list));
    assert.deepEqual(await v.verify(list, { helpAfter: Promise.reject(new Error('walk failed')) }), problems);
    // The stray files listed by the hashing worker: what unreferenced lists, in the same order.
    const known = new Set(list.filter((_f, i) => i % 7 !== 3).map((f) => f.sha256));
    const listing = await v.verifyListing(list, known, { helpAfter: Promise.resolve() });
    assert.deepEqual(listing.problems, await v.verify(list));
    assert.ok(listing.unreferenced!.length > 250);
    assert.deepEqual(listing.unreferenced, await v.unreferenced(known));
    assert.deepEqual((await v.verifyListing(list.slice(0, 10), known)).unreferenced, await v.unreferenced(known)); // no worker: listed here
    // A worker started before the files are known (verify starts it before reading the evidence rows): the same answers.
    const early = v.startHashing();
    assert.ok(early !== undefined, 'a vault of 2,100 files has a worker started early');
    assert.deepEqual(await v.verifyListing(list, known, { helpAfter: Promise.resolve(), early }), listing);
    assert.deepEqual(await v.verifyListing(list, known, { early: v.startHashing() }), listing); // the calling thread not helping
    assert.deepEqual(await v.verify(list, { early: v.startHashing() }), await v.verify(list));
    // Given too few files for a worker, or never given any: stopped, the answers as without it.
    assert.deepEqual(await v.verifyListing(list.slice(0, 10), known, { early: v.startHashing() }), await v.verifyListing(list.slice(0, 10), known));
    v.startHashing()!.cancel();
    assert.equal(new Vault(join(root, 'none')).startHashing(), undefined);
    assert.equal(vault.startHashing(), undefined, 'a vault of a few files: no worker');
    chmodSync(v.pathOf(big.sha256), 0o600);
    writeFileSync(v.pathOf(big.sha256), Buffer.alloc(5 << 20, 3));
    assert.deepEqual(
      (await v.verify([big, ...files.slice(0, 100), big], { helpAfter: Promise.resolve() })).map((p) => [p.sha256, p.kind]),
      [
        [big.sha256, 'changed'],
        [files[10]!.sha256, 'changed'],
        [big.sha256, 'changed'],
      ],
    );
  });

  it('reports a changed or missing file', async () => {
    const { sha256 } = await vault.put(file('b.txt', 'screenshot'));
    const p = vault.pathOf(sha256);
    chmodSync(p, 0o644);
    writeFileSync(p, 'screenshoT');
    assert.equal((await vault.verify([{ sha256, size: 10 }]))[0]?.kind, 'changed');
    rmSync(p);
    assert.equal((await vault.verify([{ sha256, size: 10 }]))[0]?.kind, 'missing');
  });

  it('never uses the file name as a path, and keeps only a printable label', async () => {
    const odd = file('../../etc-passwd\nevil.txt'.replace(/\//g, '_'), 'x');
    assert.equal((await vault.put(odd)).stored, true);
    assert.equal(printable('/tmp/../../etc/passwd'), 'passwd');
    assert.equal(printable('a\nb\u202Ec'), 'a�b�c');
    assert.equal(printable('x'.repeat(1000)).length, 253);
    await assert.rejects(vault.put('bad\0name'), /NUL/);
  });

  it('gives clear errors for a missing file, a folder and a too-long name', async () => {
    await assert.rejects(vault.put(join(root, 'nope.mp3')), /does not exist/);
    await assert.rejects(vault.put(root), /not a regular file/);
    await assert.rejects(vault.put(join(root, 'n'.repeat(300))), /too long|does not exist/);
  });

  it('refuses a file that shrinks or vanishes while it is being copied', async () => {
    const src = file('shrinking.wav', Buffer.alloc(4 * 1024 * 1024, 3));
    let first = true;
    const shrinking = new Vault(join(root, 'shrink-vault'), (p) => {
      const w = createWriteStream(p, { flags: 'wx' });
      const write = w.write.bind(w);
      w.write = ((chunk: Buffer, ...rest: never[]) => {
        if (first) {
          first = false;
          truncateSync(src, 1000); // the source is cut short mid-copy
        }
        return write(chunk, ...rest);
      }) as typeof w.write;
      return w;
    });
    await assert.rejects(shrinking.put(src), /changed while it was being copied/);
    assert.deepEqual(readdirSync(join(root, 'shrink-vault', 'tmp')), []);
  });

  it('leaves nothing behind when the disk is full', async () => {
    const full = new Vault(join(root, 'full-vault'), () => createWriteStream('/dev/full'));
    await assert.rejects(full.put(file('c.bin', Buffer.alloc(200_000, 7))), /disk is full/);
    assert.deepEqual(existsSync(join(root, 'full-vault', 'tmp')) ? readdirSync(join(root, 'full-vault', 'tmp')) : [], []);
    assert.deepEqual(readdirSync(join(root, 'full-vault')).filter((d) => d !== 'tmp'), []);
  });
});
